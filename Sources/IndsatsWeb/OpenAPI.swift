import IndsatsAnalytics
import IndsatsEconomy

/// The OpenAPI 3 description of the JSON API, served at `/api/openapi.yaml` and
/// checked against the running server with schemathesis in CI (`scripts/api-check`).
enum OpenAPI {
    static let yaml = """
        openapi: 3.0.3
        info:
          title: Indsats API
          version: "1"
          description: |
            Nøgletal for beskæftigelsesindsatsen, beregnet efter docs/noegletal.md.
            Alle kald undtagen /health kræver login (cookien indsats_session fra /login).
            Ledere og udvalget får små tal skjult (undertrykt: true).
        servers:
          - url: /
        components:
          responses:
            IkkeLoggetInd:
              description: Ikke logget ind.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Fejl"}
            IngenAdgang:
              description: Rollen giver ikke adgang.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Fejl"}
            IngenForslagsadgang:
              description: Rollen giver ikke adgang til forslag (medarbejdere).
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Fejl"}
          securitySchemes:
            session:
              type: apiKey
              in: cookie
              name: indsats_session
          schemas:
            Fejl:
              type: object
              required: [fejl]
              properties:
                fejl: {type: string, description: Årsagen på dansk.}
            Noegletal:
              type: object
              required: [kpi, fra, til, periode, datadato, kilderaekker, noter, rows]
              properties:
                kpi: {type: string}
                fra: {type: string, format: date}
                til: {type: string, format: date}
                periode: {type: string, enum: [uge, maaned, kvartal, aar, hele]}
                datadato: {type: string, format: date, nullable: true}
                kilderaekker: {type: integer, minimum: 0, nullable: true, description: Kilderækker bag tallene; null for roller med skjulte små tal.}
                noter:
                  type: array
                  description: Det læseren skal vide om tallene, fx dage på en ydelse uden sats (nettoudgift).
                  items: {type: string}
                rows:
                  type: array
                  items:
                    type: object
                    required: [periode, vaerdi]
                    properties:
                      periode: {type: string}
                      vaerdi: {type: number, nullable: true}
                      undertrykt: {type: boolean}
                    additionalProperties:
                      description: Én nøgle pr. opdelingsdimension med værdiens kode.
            Forslag:
              type: object
              description: Et budgetforslag med skemaets felter; beløb i kr. (docs/forslag.md).
              required: [nr, overskrift, ansvarlig_enhed, status, oekonomi, indsats]
              properties:
                nr: {type: string}
                overskrift: {type: string}
                ansvarlig_enhed: {type: string}
                status: {type: string, enum: [\(Proposal.Status.allCases.map(\.rawValue).joined(separator: ", "))]}
                indsats: {type: array, items: {type: string, enum: [\(Proposal.Stage.allCases.map(\.rawValue).joined(separator: ", "))]}}
                tilgang: {type: string, enum: [\(Proposal.Approach.allCases.map(\.rawValue).joined(separator: ", "))]}
                oekonomi:
                  type: array
                  items:
                    type: object
                    required: [aar, driftsudgifter, sparet_forsoergelse, aarsvaerk]
                    properties:
                      aar: {type: integer}
                      driftsudgifter: {type: number}
                      sparet_forsoergelse: {type: number}
                      aarsvaerk: {type: number}
            Borger:
              type: object
              description: >
                Én borgers forløb. Analytikere får et pseudonym i person, fødselsår i stedet for
                fødselsdato og intet CPR-nummer; medarbejdere kun borgere i egen enhed.
              required: [person, koen, kommune, cv_dato, enhed, ydelsesforloeb, aktiviteter, samtaler]
              properties:
                person: {type: string, description: "person_id, eller pseudonym (PS-…) for analytikere"}
                cpr: {type: string, nullable: true}
                foedselsdato: {type: string, format: date, nullable: true}
                foedselsaar: {type: integer, nullable: true}
                koen: {type: string, nullable: true}
                kommune: {type: string, nullable: true}
                cv_dato: {type: string, format: date, nullable: true}
                enhed: {type: string, nullable: true, description: Enheden for seneste samtale (ellers aktivitet).}
                ydelsesforloeb:
                  type: array
                  items:
                    type: object
                    required: [ydelse, start, slut, afgang]
                    properties:
                      ydelse: {type: string}
                      start: {type: string, format: date}
                      slut: {type: string, format: date, nullable: true}
                      afgang: {type: string, nullable: true}
                aktiviteter:
                  type: array
                  items:
                    type: object
                    required: [type, start, slut, timer_pr_uge, indsats_id, enhed]
                    properties:
                      type: {type: string}
                      start: {type: string, format: date}
                      slut: {type: string, format: date, nullable: true}
                      timer_pr_uge: {type: number, nullable: true}
                      indsats_id: {type: string, nullable: true}
                      enhed: {type: string, nullable: true}
                samtaler:
                  type: array
                  items:
                    type: object
                    required: [dato, type, medarbejder, enhed, kanal]
                    properties:
                      dato: {type: string, format: date}
                      type: {type: string}
                      medarbejder: {type: string, nullable: true}
                      enhed: {type: string, nullable: true}
                      kanal: {type: string, nullable: true}
        paths:
          /health:
            get:
              summary: Driftstjek med datadato
              description: Svarer straks, også mens serveren læser en ny import; datadato og personer er så det register, der er i brug, og sider_klar er false.
              security: []
              responses:
                "200":
                  description: Serveren kører.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [status, datadato, personer, sider_klar]
                        properties:
                          status: {type: string, enum: [ok]}
                          datadato: {type: string, format: date, nullable: true}
                          personer: {type: integer, minimum: 0}
                          sider_klar: {type: boolean, description: "Om de første sider er regnet på forhånd for de nyeste data."}
          /api/v1/kpi/{navn}:
            get:
              summary: Et nøgletal over et vindue, opdelt og filtreret
              security:
                - session: []
              parameters:
                - {name: navn, in: path, required: true, schema: {type: string, enum: [\(Measure.allCases.map(\.rawValue).joined(separator: ", "))]}}
                - {name: fra, in: query, required: true, schema: {type: string, format: date}}
                - {name: til, in: query, required: true, schema: {type: string, format: date}}
                - {name: periode, in: query, schema: {type: string, enum: [uge, maaned, kvartal, aar, hele], default: maaned}}
                - {name: opdel, in: query, style: form, explode: true, schema: {type: array, items: {type: string, enum: [\(Dimension.allCases.map(\.rawValue).joined(separator: ", "))]}}}
                - {name: filter, in: query, style: form, explode: true, description: "DIMENSION=VÆRDI[,VÆRDI]", schema: {type: array, items: {type: string}}}
                - {name: maaneder, in: query, description: "Kun effekt og selvforsoergelse.", schema: {type: integer, minimum: 1, maximum: 120}}
                - {name: format, in: query, schema: {type: string, enum: [json, csv, tabel], default: json}}
              responses:
                "200":
                  description: Nøgletallet (JSON), som semikolon-CSV med BOM, eller som teksttabel.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Noegletal"}
                    text/csv:
                      schema: {type: string}
                    text/plain:
                      schema: {type: string}
                "400":
                  description: Forkerte parametre (fx --fra efter --til, en dimension målet ikke har, over 100 år). Ledere og udvalget får kun hele måneder, kvartaler eller år inden for de offentliggjorte år (til datadatoen) og højst én opdeling eller ét filter med én værdi, eller en offentliggjort krydstabel (docs/sikkerhed.md).
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
                "403": {$ref: "#/components/responses/IngenAdgang"}
                "404":
                  description: Ukendt nøgletal.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
          /api/v1/borgere/{ref}:
            get:
              summary: Én borgers forløb (opslaget skrives i auditloggen)
              description: >
                ref er et person_id, eller et pseudonym (PS-…) for analytikere. Søgning på
                CPR-nummer sker kun med POST på /borgere/soeg, så CPR-numre aldrig står i en adresse.
              security:
                - session: []
              parameters:
                - {name: ref, in: path, required: true, schema: {type: string}, example: P0000001}
              responses:
                "200":
                  description: Forløbet, som rollen må se det.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Borger"}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
                "403":
                  description: Rollen giver ikke adgang, eller borgeren hører ikke under medarbejderens enhed.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
                "404":
                  description: Ingen sådan borger.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
          /api/v1/arbejdsliste:
            get:
              summary: En medarbejders borgere med frister for samtaler og første tilbud (Min oversigt; skrives i auditloggen)
              description: >
                Som siden /mine: overskredne frister først. En medarbejder ser kun medarbejdere i egen enhed,
                en analytiker pseudonymer (docs/sider.md).
              security:
                - session: []
              parameters:
                - {name: medarbejder, in: query, required: true, schema: {type: string}, example: M0001}
              responses:
                "200":
                  description: Borgerne og deres frister på datadatoen.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [medarbejder, dag, borgere]
                        properties:
                          medarbejder: {type: string}
                          dag: {type: string, format: date}
                          borgere:
                            type: array
                            items:
                              type: object
                              required: [borger, ydelse, forloeb_fra, samtaler_holdt, samtaler_kraevet, samtalefrist, tilbudsfrist, status]
                              properties:
                                borger: {type: string, description: person_id, eller pseudonym for analytikere.}
                                ydelse: {type: string}
                                forloeb_fra: {type: string, format: date}
                                samtaler_holdt: {type: integer, minimum: 0}
                                samtaler_kraevet: {type: integer, minimum: 0}
                                samtalefrist: {type: string, format: date, nullable: true}
                                tilbudsfrist: {type: string, format: date, nullable: true}
                                status: {type: string, enum: ["", overskredet, denne uge]}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
                "403":
                  description: Rollen giver ikke adgang, eller medarbejderen hører ikke til din enhed.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
                "404":
                  description: Ukendt medarbejder.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
          /api/v1/jobordrer/{id}:
            get:
              summary: Én jobordre med status, placerede borgere og forslag til kandidater (som siden /jobordrer/{id})
              description: >
                Status er aaben, delvist_besat, besat eller lukket_ubesat (docs/domaene.md, Virksomheder). Kandidaterne er et
                råd med point og begrundelser (JobMatch); placerede og kandidater er null for roller, der ikke ser borgere,
                pseudonymer for analytikere og kun egen enheds borgere for medarbejdere. Hver liste skrives i auditloggen.
              security:
                - session: []
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}, example: JO-12345674-1}
              responses:
                "200":
                  description: Jobordren.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [jobordre_id, cvr, oprettet, fleksjob, status, antal_placerede, placerede, kandidater]
                        properties:
                          jobordre_id: {type: string}
                          cvr: {type: string}
                          virksomhed: {type: string, nullable: true}
                          branche: {type: string, nullable: true}
                          oprettet: {type: string, format: date}
                          stillinger: {type: integer, nullable: true}
                          besat: {type: integer, nullable: true}
                          lukket: {type: string, format: date, nullable: true}
                          fleksjob: {type: boolean}
                          status: {type: string, enum: [aaben, delvist_besat, besat, lukket_ubesat]}
                          antal_placerede: {type: integer, minimum: 0, nullable: true, description: "null for leder og udvalg, når tallet er under 5"}
                          placerede:
                            type: array
                            nullable: true
                            items:
                              type: object
                              required: [borger, dato]
                              properties:
                                borger: {type: string}
                                dato: {type: string, format: date}
                          kandidater:
                            type: array
                            nullable: true
                            items:
                              type: object
                              required: [borger, ydelse, point, begrundelser]
                              properties:
                                borger: {type: string}
                                ydelse: {type: string}
                                point: {type: integer}
                                begrundelser: {type: array, items: {type: string}}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
                "403": {$ref: "#/components/responses/IngenAdgang"}
                "404":
                  description: Jobordren findes ikke.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
          /api/v1/puljer:
            get:
              summary: Tilskudspuljerne med resultat, rater og forbrug (som siden /puljer)
              description: >
                Resultatet er puljeresultat (docs/noegletal.md): andelen af deltagerne i lønnede timer mindst 30 dage eller i
                uddannelse uden ydelse de næste 30 dage. For leder og udvalg er deltagere og resultat null, når puljen har under 5
                deltagere. Ingen borgere nævnes.
              security:
                - session: []
              responses:
                "200":
                  description: Puljerne efter navn.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [puljer]
                        properties:
                          puljer:
                            type: array
                            items:
                              type: object
                              required: [pulje_id, navn, fra, til, bevilling, maal_andel, deltagere, resultat, udloest_af_resultat, forbrugt, rater]
                              properties:
                                pulje_id: {type: string}
                                navn: {type: string}
                                fra: {type: string, format: date}
                                til: {type: string, format: date}
                                bevilling: {type: number, nullable: true}
                                maal_andel: {type: number, nullable: true}
                                deltagere: {type: integer, minimum: 0, nullable: true}
                                resultat: {type: number, minimum: 0, maximum: 1, nullable: true}
                                udloest_af_resultat: {type: number, minimum: 0}
                                forbrugt: {type: number}
                                rater:
                                  type: array
                                  items:
                                    type: object
                                    required: [rate, andel, beloeb, resultat_andel, betingelse, forfald, resultatkrav_naaet]
                                    properties:
                                      rate: {type: integer, minimum: 1}
                                      andel: {type: number}
                                      beloeb: {type: number, nullable: true}
                                      resultat_andel: {type: number, nullable: true}
                                      betingelse: {type: string, nullable: true}
                                      forfald: {type: string, format: date, nullable: true}
                                      resultatkrav_naaet: {type: boolean, nullable: true}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
                "403": {$ref: "#/components/responses/IngenAdgang"}
          /api/v1/budget:
            get:
              summary: Budget mod skønnet nettoudgift med prognoser pr. ydelse (som siden /budget)
              description: >
                Forbrugt er nettoudgiften fra 1. januar til datadatoen. Prognoserne for årets udgang: tempo (de seneste tre hele
                måneders forbrug pr. dag for resten af året) og saeson (forbruget til nu divideret med den andel af sidste års
                forbrug, der var brugt samme dag). fejl_foer er metodens gennemsnitlige fejl (andel) de tre foregående år, målt
                samme dag. Leder og udvalg får tal af offentliggjorte månedstal; null, hvor et tal er skjult eller mangler.
              security:
                - session: []
              parameters:
                - {name: aar, in: query, schema: {type: integer}, description: "året; standard datadatoens"}
              responses:
                "200":
                  description: Budgettet pr. ydelse.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [aar, til, ydelser]
                        properties:
                          aar: {type: integer}
                          til: {type: string, format: date}
                          ydelser:
                            type: array
                            items:
                              type: object
                              required: [ydelse, budget, forbrugt, prognose, fejl_foer]
                              properties:
                                ydelse: {type: string}
                                budget: {type: number, nullable: true}
                                forbrugt: {type: number, nullable: true}
                                prognose:
                                  type: object
                                  properties:
                                    tempo: {type: number, nullable: true}
                                    saeson: {type: number, nullable: true}
                                fejl_foer:
                                  type: object
                                  properties:
                                    tempo: {type: number, nullable: true}
                                    saeson: {type: number, nullable: true}
                "400":
                  description: aar er ikke et år.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
                "403": {$ref: "#/components/responses/IngenAdgang"}
          /api/v1/forslag:
            get:
              summary: Alle budgetforslag som en forslagsfil (docs/forslag.md)
              security:
                - session: []
              responses:
                "200":
                  description: Forslagene i katalogets rækkefølge.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [forslag]
                        properties:
                          forslag: {type: array, items: {$ref: "#/components/schemas/Forslag"}}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
                "403": {$ref: "#/components/responses/IngenForslagsadgang"}
          /api/v1/forslag/{nr}:
            get:
              summary: Ét budgetforslag
              security:
                - session: []
              parameters:
                - {name: nr, in: path, required: true, schema: {type: string}, example: JC 08}
              responses:
                "200":
                  description: Forslaget.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Forslag"}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
                "403": {$ref: "#/components/responses/IngenForslagsadgang"}
                "404":
                  description: Intet sådant forslag.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
          /api/v1/forslag/{nr}/opfoelgning:
            get:
              summary: Lovet mod realiseret for ét forslag (docs/forslag.md, Opfølgning)
              security:
                - session: []
              parameters:
                - {name: nr, in: path, required: true, schema: {type: string}, example: JC 08}
                - {name: maaneder, in: query, required: false, schema: {type: integer, minimum: 0, maximum: 36, default: 3}}
              responses:
                "200":
                  description: Opfølgningen år for år med fund; mangel er sand, hvor det realiserede er under det lovede.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [nr, overskrift, indsatser, maalt_til, maaneder, deltagere, fulgt_to_aar, fuldtidspersoner_foer, fuldtidspersoner_efter, lovet_faerre_fuldtidspersoner, aar, fund]
                        properties:
                          nr: {type: string}
                          overskrift: {type: string}
                          indsatser: {type: array, items: {type: string}}
                          maalt_til: {type: string, format: date}
                          maaneder: {type: integer}
                          deltagere: {type: integer, minimum: 0}
                          fulgt_to_aar: {type: integer, minimum: 0}
                          fuldtidspersoner_foer: {type: number}
                          fuldtidspersoner_efter: {type: number}
                          lovet_faerre_fuldtidspersoner: {type: number, nullable: true}
                          aar:
                            type: array
                            items:
                              type: object
                              required: [aar, startet, afsluttet, status, naaet, lovet, lovet_besparelse, helt_aar]
                              properties:
                                aar: {type: integer}
                                startet: {type: integer}
                                afsluttet: {type: integer}
                                status: {type: object, additionalProperties: {type: integer}}
                                naaet: {type: integer, nullable: true}
                                lovet: {type: number, nullable: true}
                                lovet_besparelse: {type: number, nullable: true}
                                helt_aar: {type: boolean}
                          fund:
                            type: array
                            items:
                              type: object
                              required: [tekst, mangel]
                              properties:
                                tekst: {type: string}
                                mangel: {type: boolean}
                "400":
                  description: Ugyldig maaneder.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
                "403":
                  description: Kun analytikere og administratorer (JSON'en har de små tal, som ledere og udvalg ikke må se).
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
                "404":
                  description: Intet sådant forslag, eller et tomt register.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Fejl"}
          /api/v1/satser:
            get:
              summary: Ydelsessatser og refusionsregler i kraft (docs/satser.md); skøn til planlægning
              security:
                - session: []
              responses:
                "200":
                  description: Satserne efter ydelse og dato, reglerne efter dato.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [satser, refusion]
                        properties:
                          satser:
                            type: array
                            items:
                              type: object
                              required: [ydelse, fra, maanedssats, kilde]
                              properties:
                                ydelse: {type: string}
                                fra: {type: string, format: date}
                                maanedssats: {type: number, minimum: 0, description: Kr. pr. måned før skat.}
                                kilde: {type: string}
                          refusion:
                            type: array
                            items:
                              type: object
                              required: [fra, kommunal_andel, kilde]
                              properties:
                                fra: {type: string, format: date}
                                kommunal_andel:
                                  type: array
                                  description: Kommunens andel (0-1) på trin 1-4.
                                  minItems: 4
                                  maxItems: 4
                                  items: {type: number, minimum: 0, maximum: 1}
                                kilde: {type: string}
                "401": {$ref: "#/components/responses/IkkeLoggetInd"}
        """
}
