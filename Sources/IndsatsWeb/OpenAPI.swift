import IndsatsAnalytics

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
          required: [kpi, fra, til, periode, datadato, kilderaekker, rows]
          properties:
            kpi: {type: string}
            fra: {type: string, format: date}
            til: {type: string, format: date}
            periode: {type: string, enum: [uge, maaned, kvartal, aar, hele]}
            datadato: {type: string, format: date, nullable: true}
            kilderaekker: {type: integer, minimum: 0}
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
    paths:
      /health:
        get:
          summary: Driftstjek med datadato
          security: []
          responses:
            "200":
              description: Serveren kører.
              content:
                application/json:
                  schema:
                    type: object
                    required: [status, datadato, personer]
                    properties:
                      status: {type: string, enum: [ok]}
                      datadato: {type: string, format: date, nullable: true}
                      personer: {type: integer, minimum: 0}
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
              description: Forkerte parametre (fx --fra efter --til, en dimension målet ikke har, over 100 år).
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Fejl"}
            "401":
              description: Ikke logget ind.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Fejl"}
            "403":
              description: Rollen giver ikke adgang.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Fejl"}
            "404":
              description: Ukendt nøgletal.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Fejl"}
    """
}
