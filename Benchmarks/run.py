#!/usr/bin/env python3
"""Indsats against DuckDB on the same synthetic register, in one run.

Generates a register with `indsats generate`, times `indsats import` against DuckDB's
CSV load into a database file, then times each measure in both and checks that they
give the same rows. Prints times, ratios and peak memory (max RSS of each process).

    swift build -c release --product indsats
    pip install duckdb
    python3 Benchmarks/run.py --personer 1000000

Nothing here runs in the tests.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build", "release", "indsats")
FRA, TIL = "2024-01-01", "2024-12-31"

MONTHS = f"""months AS (SELECT range::DATE AS ms, (range + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS me
                FROM range(DATE '{FRA}', DATE '{TIL}' + 1, INTERVAL 1 MONTH))"""

def unions(source, key, name=None):
    """Per person and key, the union of overlapping or adjacent periods (gaps and islands), as u_{name}."""
    name = name or source
    return f"""
    r_{name} AS (SELECT person_id, {key} AS k, start, coalesce(slut, DATE '9999-12-31') AS slut FROM {source}),
    o_{name} AS (SELECT *, max(slut) OVER (PARTITION BY person_id, k ORDER BY start, slut
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM r_{name}),
    g_{name} AS (SELECT *, sum(CASE WHEN prev_end IS NULL OR start > prev_end + 1 THEN 1 ELSE 0 END)
                  OVER (PARTITION BY person_id, k ORDER BY start, slut) AS grp FROM o_{name}),
    u_{name} AS (SELECT person_id, k, min(start) AS s, max(slut) AS e FROM g_{name} GROUP BY person_id, k, grp)"""

def per_day(table, key, value):
    return f"""WITH {unions(table, key)}, {MONTHS}
    SELECT k, strftime(ms, '%Y-%m') AS periode, {value}
    FROM u_{table} JOIN months ON s <= me AND e >= ms GROUP BY k, ms, me"""

# name: (indsats kpi arguments, DuckDB SQL giving (dimension, periode, value))
MEASURES = {
    "fuldtidspersoner": (["--opdel", "ydelse"], per_day("ydelsesforloeb", "ydelse",
        "sum(datediff('day', greatest(s, ms), least(e, me)) + 1) / (datediff('day', ms, me) + 1)")),
    "personer": (["--opdel", "ydelse"], per_day("ydelsesforloeb", "ydelse", "count(DISTINCT person_id)")),
    "fuldtidsaktiverede": (["--opdel", "type"], per_day("aktiviteter", "type",
        "sum(datediff('day', greatest(s, ms), least(e, me)) + 1) / (datediff('day', ms, me) + 1)")),
    "tilgang": (["--opdel", "ydelse"], f"""WITH
        r AS (SELECT person_id, ydelse, start, coalesce(slut, DATE '9999-12-31') AS slut FROM ydelsesforloeb),
        o AS (SELECT *, max(slut) OVER (PARTITION BY person_id, ydelse ORDER BY start, slut
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM r),
        f AS (SELECT *, CASE WHEN prev_end IS NULL THEN true
                             WHEN prev_end = DATE '9999-12-31' OR start <= prev_end + 1 THEN false
                             ELSE (CASE WHEN day(prev_end + 1) = 1 THEN prev_end + 1
                                        ELSE date_trunc('month', prev_end + 1) + INTERVAL 1 MONTH END
                                   + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE <= start - 1 END AS first FROM o),
        {MONTHS}
        SELECT ydelse, strftime(ms, '%Y-%m'), count(*) FROM f JOIN months ON start BETWEEN ms AND me
        WHERE first GROUP BY ydelse, ms"""),
    "samtaler": (["--opdel", "type"], f"""WITH {MONTHS}
        SELECT type, strftime(ms, '%Y-%m'), count(*) FROM samtaler JOIN months ON dato BETWEEN ms AND me GROUP BY type, ms"""),
    "jobordrer": (["--opdel", "enhed"], f"""WITH {MONTHS}
        SELECT coalesce(enhed, 'ukendt'), strftime(ms, '%Y-%m'), count(*) FROM jobordrer JOIN months ON oprettet BETWEEN ms AND me GROUP BY ALL"""),
    "stillinger": (["--opdel", "enhed"], f"""WITH {MONTHS}
        SELECT coalesce(enhed, 'ukendt'), strftime(ms, '%Y-%m'), sum(coalesce(stillinger, 0)) FROM jobordrer JOIN months ON oprettet BETWEEN ms AND me GROUP BY ALL"""),
    "formidlinger": (["--opdel", "enhed"], f"""WITH {MONTHS}
        SELECT coalesce(enhed, 'ukendt'), strftime(ms, '%Y-%m'), sum(coalesce(besat, 0)) FROM jobordrer JOIN months ON lukket BETWEEN ms AND me GROUP BY ALL"""),
    "startede_aktiviteter": (["--opdel", "type"], f"""WITH {MONTHS}
        SELECT type, strftime(ms, '%Y-%m'), count(*) FROM aktiviteter JOIN months ON start BETWEEN ms AND me GROUP BY ALL"""),
    "andel_med_cv": (["--opdel", "ydelse"], f"""WITH {MONTHS},
        on_day AS (SELECT DISTINCT y.person_id, y.ydelse, me FROM ydelsesforloeb y JOIN months
                   ON y.ydelse IN ('dagpenge', 'kontanthjaelp_jobparat') AND y.start <= me AND coalesce(y.slut, DATE '9999-12-31') >= me)
        SELECT ydelse, strftime(me, '%Y-%m'), count(*) FILTER (WHERE p.cv_dato <= me) / count(*)
        FROM on_day LEFT JOIN personer p USING (person_id) GROUP BY ydelse, me"""),
}

OPEN = "DATE '9999-12-31'"
OFFER_TYPES = "('virksomhedspraktik', 'loentilskud_privat', 'loentilskud_offentlig', 'nytteindsats', 'vejledning_opkvalificering')"
# Version 2's company-based activation counts praktik and løntilskud over all offers.
COMPANY_OFFERS = "('virksomhedspraktik', 'loentilskud_privat', 'loentilskud_offentlig')"

def whole_month_in_gap(prev_end, start):
    """Whether the days strictly between prev_end and start hold a whole calendar month."""
    return f"""((CASE WHEN day({prev_end} + 1) = 1 THEN {prev_end} + 1
                 ELSE date_trunc('month', {prev_end} + 1) + INTERVAL 1 MONTH END
               + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE <= {start} - 1)"""

# hovedydelse (docs/noegletal.md): the codes merged into kontanthjælp on 2025-07-01 as one.
MAIN = """CASE WHEN starts_with(ydelse, 'kontanthjaelp_') OR starts_with(ydelse, 'uddannelseshjaelp_') OR ydelse = 'integrationsydelse'
               THEN 'kontanthjaelp' ELSE ydelse END"""

# Spells: chains of a person's periods on one ydelse (or hovedydelse) with no whole calendar month in a gap.
# Per spell: first and last day, union days, and the exit reason of the period ending last
# (ties: the latest-starting, then the alphabetically first reason).
def spells(benefit="ydelse"):
    return f"""
    sr AS (SELECT person_id, {benefit} AS ydelse, start, coalesce(slut, {OPEN}) AS slut, coalesce(afgang, 'ukendt') AS afgang FROM ydelsesforloeb),
    so AS (SELECT *, max(slut) OVER (PARTITION BY person_id, ydelse ORDER BY start, slut
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM sr),
    sf AS (SELECT *, CASE WHEN prev_end IS NULL THEN 1 WHEN prev_end = {OPEN} OR start <= prev_end + 1 THEN 0
                          WHEN {whole_month_in_gap('prev_end', 'start')} THEN 1 ELSE 0 END AS new_spell,
                     greatest(0, datediff('day', greatest(start - 1, coalesce(prev_end, start - 1)), slut)) AS new_days FROM so),
    sg AS (SELECT *, sum(new_spell) OVER (PARTITION BY person_id, ydelse ORDER BY start, slut ROWS UNBOUNDED PRECEDING) AS spell FROM sf),
    spells AS (SELECT person_id, ydelse, min(start) AS first, max(slut) AS last, sum(new_days) AS days,
                      first(afgang ORDER BY slut DESC, start DESC, afgang) AS exit
               FROM sg GROUP BY person_id, ydelse, spell)"""

SPELLS = spells()

def age_group(birth, day):
    """aldersgruppe of a person born on {birth} on {day} (whole years), ukendt without a birth date."""
    age = f"(year({day}) - year({birth}) - CASE WHEN month({day}) * 100 + day({day}) < month({birth}) * 100 + day({birth}) THEN 1 ELSE 0 END)"
    return f"""CASE WHEN {birth} IS NULL THEN 'ukendt' WHEN {age} < 16 THEN 'under_16' WHEN {age} <= 24 THEN '16-24'
                    WHEN {age} <= 29 THEN '25-29' WHEN {age} <= 39 THEN '30-39' WHEN {age} <= 49 THEN '40-49'
                    WHEN {age} <= 59 THEN '50-59' ELSE '60+' END"""

def status_after(events, target, first, at):
    """Joins events (with person_id, {target}, {first}, {at}) to the person's periods and gives each its status on {at}."""
    return f"""
    st AS (SELECT e.*, bool_or(y.ydelse = e.{target} AND y.start <= e.{at} AND coalesce(y.slut, {OPEN}) >= e.{at}) AS same,
                  bool_or(y.ydelse IS DISTINCT FROM e.{target} AND y.start <= e.{at} AND coalesce(y.slut, {OPEN}) >= e.{at}) AS other,
                  first(coalesce(y.afgang, 'ukendt') ORDER BY y.slut DESC, y.start DESC, coalesce(y.afgang, 'ukendt'))
                      FILTER (WHERE y.slut < e.{at} AND y.slut >= e.{first}) AS exit
           FROM {events} e LEFT JOIN ydelsesforloeb y USING (person_id) GROUP BY ALL),
    status AS (SELECT *, CASE WHEN same THEN 'samme_ydelse' WHEN other THEN 'anden_ydelse'
                              WHEN exit IN ('job', 'uddannelse') THEN exit ELSE 'oevrig' END AS status FROM st)"""

def target_group(activities):
    """Each activity with the ydelse covering its first day (the latest-starting, then the first code), else ingen_ydelse."""
    return f"""
    tg AS (SELECT a.aktivitet_id, coalesce(first(y.ydelse ORDER BY y.start DESC, y.ydelse), 'ingen_ydelse') AS maalgruppe
           FROM {activities} a LEFT JOIN ydelsesforloeb y
             ON y.person_id = a.person_id AND y.start <= a.start AND coalesce(y.slut, {OPEN}) >= a.start
           GROUP BY a.aktivitet_id)"""

MONTH_ENDS = f"""ends AS (SELECT (range + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS d, strftime(range, '%Y-%m') AS periode
                FROM range(DATE '{FRA}', DATE '{TIL}' + 1, INTERVAL 1 MONTH))"""

# The refusion staircase over runs of consecutive benefit weeks (weeks numbered from
# 1970-01-01's week, Monday-based): the counter can only restart at a run's first week.
STAIRCASE = f"""
    bw AS (SELECT DISTINCT person_id,
                  (datediff('day', DATE '1970-01-01', start) + 3) // 7 AS w0,
                  (datediff('day', DATE '1970-01-01', least(coalesce(slut, {OPEN}), DATE '{TIL}')) + 3) // 7 AS w1
           FROM ydelsesforloeb WHERE ydelse <> 'selvforsoergende' AND start <= DATE '{TIL}'),
    bo AS (SELECT *, max(w1) OVER (PARTITION BY person_id ORDER BY w0, w1 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS pe FROM bw),
    bg AS (SELECT *, sum(CASE WHEN pe IS NULL OR w0 > pe + 1 THEN 1 ELSE 0 END) OVER (PARTITION BY person_id ORDER BY w0, w1 ROWS UNBOUNDED PRECEDING) AS k FROM bo),
    runs AS (SELECT person_id, k, min(w0) AS f, max(w1) AS l FROM bg GROUP BY person_id, k),
    walk AS (
        SELECT person_id, k, f AS b, 0::BIGINT AS n0, (l - f + 1)::BIGINT AS n1 FROM runs WHERE k = 1
        UNION ALL
        SELECT x.person_id, x.k, x.b, x.n0, x.n0 + (x.l - x.f + 1) FROM (
            SELECT r.person_id, r.k, r.f, r.l,
                   CASE WHEN (r.f - 1) - greatest(w.b, r.f - 156) + 1 - coalesce((
                            SELECT sum(greatest(0, least(p.l, r.f - 1) - greatest(p.f, greatest(w.b, r.f - 156)) + 1))
                            FROM runs p WHERE p.person_id = r.person_id AND p.k < r.k), 0) >= 52
                        THEN r.f ELSE w.b END AS b,
                   CASE WHEN (r.f - 1) - greatest(w.b, r.f - 156) + 1 - coalesce((
                            SELECT sum(greatest(0, least(p.l, r.f - 1) - greatest(p.f, greatest(w.b, r.f - 156)) + 1))
                            FROM runs p WHERE p.person_id = r.person_id AND p.k < r.k), 0) >= 52
                        THEN 0 ELSE w.n1 END AS n0
            FROM walk w JOIN runs r ON r.person_id = w.person_id AND r.k = w.k + 1) x),
    steps AS (SELECT w.person_id, s.trin,
                     (DATE '1970-01-01' + (7 * (r.f + greatest(s.lo, w.n0) - w.n0) - 3)::INTEGER) AS sd,
                     (DATE '1970-01-01' + (7 * (r.f + least(s.hi, w.n1) - 1 - w.n0) + 3)::INTEGER) AS ed
              FROM walk w JOIN runs r USING (person_id, k)
              JOIN (VALUES ('1', 0, 4), ('2', 4, 26), ('3', 26, 52), ('4', 52, 1000000000)) s(trin, lo, hi)
                ON greatest(s.lo, w.n0) < least(s.hi, w.n1))"""

MEASURES.update({
    "afgang": (["--opdel", "ydelse"], f"""WITH {SPELLS}, {MONTHS}
        SELECT ydelse, strftime(ms, '%Y-%m'), count(*) FROM spells JOIN months ON last BETWEEN ms AND me
        WHERE last <> {OPEN} GROUP BY ydelse, ms"""),
    "varighed": (["--opdel", "ydelse"], f"""WITH {SPELLS}, {MONTHS}
        SELECT ydelse, strftime(ms, '%Y-%m'), avg(days) FROM spells JOIN months ON last BETWEEN ms AND me
        WHERE last <> {OPEN} GROUP BY ydelse, ms"""),
    "varighed_median": (["--opdel", "ydelse"], f"""WITH {SPELLS}, {MONTHS}
        SELECT ydelse, strftime(ms, '%Y-%m'), median(days) FROM spells JOIN months ON last BETWEEN ms AND me
        WHERE last <> {OPEN} GROUP BY ydelse, ms"""),
    "selvforsoergelse": (["--opdel", "status"], f"""WITH {SPELLS}, {MONTHS},
        ended AS (SELECT person_id, ydelse, first, (last + INTERVAL 3 MONTH)::DATE AS d, strftime(ms, '%Y-%m') AS periode
                  FROM spells JOIN months ON last BETWEEN ms AND me
                  WHERE last <> {OPEN} AND (last + INTERVAL 3 MONTH)::DATE <= DATE '{TIL}'),
        {status_after('ended', 'ydelse', 'first', 'd')}
        SELECT status, periode, count(*) FROM status GROUP BY ALL"""),
    "effekt": (["--opdel", "status"], f"""WITH {MONTHS},
        ended AS (SELECT a.aktivitet_id, a.person_id, a.start, (a.slut + INTERVAL 3 MONTH)::DATE AS d, strftime(ms, '%Y-%m') AS periode
                  FROM aktiviteter a JOIN months ON a.slut BETWEEN ms AND me
                  WHERE (a.slut + INTERVAL 3 MONTH)::DATE <= DATE '{TIL}'),
        {target_group('ended')},
        withtarget AS (SELECT e.*, CASE WHEN t.maalgruppe = 'ingen_ydelse' THEN NULL ELSE t.maalgruppe END AS g FROM ended e JOIN tg t USING (aktivitet_id)),
        {status_after('withtarget', 'g', 'start', 'd')}
        SELECT status, periode, count(*) FROM status GROUP BY ALL"""),
    "gengangere": (["--opdel", "antal"], f"""WITH {unions("(SELECT * FROM ydelsesforloeb WHERE ydelse = 'sygedagpenge')", "ydelse", "syg")}, {MONTH_ENDS},
        adj AS (SELECT person_id, s, e FROM u_syg),
        counted AS (SELECT a.person_id, ends.periode, count(*) FILTER (WHERE a.s > (ends.d - INTERVAL 36 MONTH)::DATE AND a.s <= ends.d) AS n,
                           bool_or(a.s <= ends.d AND a.e >= ends.d) AS covered
                    FROM adj a CROSS JOIN ends GROUP BY ALL)
        SELECT 'mindst_' || k, periode, count(*) FILTER (WHERE n >= k) FROM counted, (VALUES (2), (3), (4)) t(k)
        WHERE covered GROUP BY ALL"""),
    "virksomhedsdaekning": (["--opdel", "branche"], f"""WITH {MONTH_ENDS},
        big AS (SELECT cvr, coalesce(branche, 'ukendt') AS branche FROM virksomheder WHERE ansatte > 5),
        contacted AS (SELECT DISTINCT b.cvr, ends.periode FROM big b JOIN virksomhedskontakter k USING (cvr)
                      JOIN ends ON k.dato BETWEEN ends.d - 364 AND ends.d)
        SELECT b.branche, ends.periode, count(c.cvr) / count(*)
        FROM big b CROSS JOIN ends LEFT JOIN contacted c ON c.cvr = b.cvr AND c.periode = ends.periode GROUP BY ALL"""),
    "andel_virksomhedsrettet": (["--opdel", "maalgruppe"], f"""WITH {target_group('aktiviteter')},
        act AS (SELECT a.person_id, a.type || '|' || t.maalgruppe AS k, a.start, a.slut, t.maalgruppe
                FROM aktiviteter a JOIN tg t USING (aktivitet_id)
                WHERE a.type IN {OFFER_TYPES} AND t.maalgruppe <> 'ingen_ydelse'),
        {unions("act", "k")}, {MONTHS}
        SELECT split_part(k, '|', 2), strftime(ms, '%Y-%m'),
               sum(CASE WHEN split_part(k, '|', 1) IN {COMPANY_OFFERS} THEN datediff('day', greatest(s, ms), least(e, me)) + 1 ELSE 0 END)
               / sum(datediff('day', greatest(s, ms), least(e, me)) + 1)
        FROM u_act JOIN months ON s <= me AND e >= ms GROUP BY ALL"""),
    "andel_loennede_timer": (["--opdel", "ydelse"], f"""WITH {MONTHS},
        on_benefit AS (SELECT DISTINCT y.person_id, y.ydelse, ms, me FROM ydelsesforloeb y JOIN months
                       ON ends_with(y.ydelse, '_aktivitetsparat') AND y.start <= me AND coalesce(y.slut, {OPEN}) >= ms),
        paid AS (SELECT DISTINCT o.person_id, o.ms FROM on_benefit o JOIN aktiviteter a
                 ON a.person_id = o.person_id AND a.type = 'ordinaere_timer' AND a.start <= o.me AND coalesce(a.slut, {OPEN}) >= o.ms)
        SELECT o.ydelse, strftime(o.ms, '%Y-%m'), count(p.person_id) / count(*)
        FROM on_benefit o LEFT JOIN paid p USING (person_id, ms) GROUP BY ALL"""),
    "refusionstrin": (["--opdel", "trin"], f"""WITH RECURSIVE {STAIRCASE},
        {unions("(SELECT * FROM ydelsesforloeb WHERE ydelse <> 'selvforsoergende')", "ydelse", "ben")}, {MONTHS}
        SELECT st.trin, strftime(ms, '%Y-%m'),
               sum(datediff('day', greatest(u.s, st.sd, ms), least(u.e, st.ed, me)) + 1) / (datediff('day', ms, me) + 1)
        FROM u_ben u JOIN steps st ON st.person_id = u.person_id AND u.s <= st.ed AND u.e >= st.sd
        JOIN months ON greatest(u.s, st.sd) <= me AND least(u.e, st.ed) >= ms
        GROUP BY st.trin, ms, me"""),
    # Prices from `indsats satser eksporter` (@PRISER@ is its folder): a rate holds until the benefit's next, a rule until the next rule.
    "nettoudgift": (["--opdel", "trin"], f"""WITH RECURSIVE {STAIRCASE},
        {unions("(SELECT * FROM ydelsesforloeb WHERE ydelse <> 'selvforsoergende')", "ydelse", "ben")}, {MONTHS},
        satser AS (SELECT ydelse, fra AS rf, coalesce(lead(fra) OVER (PARTITION BY ydelse ORDER BY fra) - 1, DATE '9999-12-31') AS rt, maanedssats
                   FROM read_csv('@PRISER@/satser.csv', delim=';', header=true, types={{'fra': 'DATE', 'maanedssats': 'DOUBLE'}})),
        regler AS (SELECT fra AS qf, coalesce(lead(fra) OVER (ORDER BY fra) - 1, DATE '9999-12-31') AS qt, trin_1, trin_2, trin_3, trin_4
                   FROM read_csv('@PRISER@/refusion.csv', delim=';', header=true,
                                 types={{'fra': 'DATE', 'trin_1': 'DOUBLE', 'trin_2': 'DOUBLE', 'trin_3': 'DOUBLE', 'trin_4': 'DOUBLE'}})),
        andele AS (SELECT qf, qt, '1' AS trin, trin_1 / 100 AS andel FROM regler UNION ALL SELECT qf, qt, '2', trin_2 / 100 FROM regler
                   UNION ALL SELECT qf, qt, '3', trin_3 / 100 FROM regler UNION ALL SELECT qf, qt, '4', trin_4 / 100 FROM regler)
        SELECT st.trin, strftime(ms, '%Y-%m'),
               round(sum((datediff('day', greatest(u.s, st.sd, ms, r.rf, a.qf), least(u.e, st.ed, me, r.rt, a.qt)) + 1)
                         * r.maanedssats * 12 / (datediff('day', date_trunc('year', ms), date_trunc('year', ms) + INTERVAL 1 YEAR)) * a.andel), 2)
        FROM u_ben u JOIN steps st ON st.person_id = u.person_id AND u.s <= st.ed AND u.e >= st.sd
        JOIN months ON greatest(u.s, st.sd) <= me AND least(u.e, st.ed) >= ms
        JOIN satser r ON r.ydelse = u.k AND r.rf <= least(u.e, st.ed, me) AND r.rt >= greatest(u.s, st.sd, ms)
        JOIN andele a ON a.trin = st.trin AND a.qf <= least(u.e, st.ed, me, r.rt) AND a.qt >= greatest(u.s, st.sd, ms, r.rf)
        GROUP BY st.trin, ms"""),
})


def ruled_spells(months_column):
    """Spells whose benefit has a contact rule in force on their first day, with the deadline
    first + {months_column} months − 1 day as w, due in the month holding w when the spell lasts to w."""
    return f"""
    ruled AS (SELECT s.person_id, s.ydelse, s.first, s.last, r.samtaler, r.afholdt_af,
                     (s.first + to_months(r.{months_column}))::DATE - 1 AS w
              FROM spells s JOIN kontaktregler r ON r.ydelse = s.ydelse AND r.fra <= s.first AND coalesce(r.til, {OPEN}) >= s.first
              WHERE r.{months_column} IS NOT NULL),
    due AS (SELECT ruled.*, strftime(ms, '%Y-%m') AS periode FROM ruled JOIN months ON w BETWEEN ms AND me WHERE last >= w)"""

# Version 2's casework measures (docs/noegletal.md, "Sagsstyring").
MEASURES.update({
    "sagsstamme": (["--opdel", "medarbejder"], f"""WITH {MONTH_ENDS},
        cov AS (SELECT e.periode, e.d, y.person_id, y.ydelse, y.start FROM ydelsesforloeb y JOIN ends e
                ON y.start <= e.d AND coalesce(y.slut, {OPEN}) >= e.d),
        onb AS (SELECT periode, d, person_id FROM cov GROUP BY ALL HAVING bool_or(ydelse <> 'selvforsoergende')),
        asg AS (SELECT o.periode, o.person_id, coalesce(first(t.medarbejder), 'ukendt') AS m FROM onb o LEFT JOIN tildelinger t
                ON t.person_id = o.person_id AND t.fra <= o.d AND coalesce(t.til, {OPEN}) >= o.d GROUP BY ALL)
        SELECT m, periode, count(*) FROM asg GROUP BY ALL"""),
    "samtaleopfyldelse": (["--opdel", "ydelse"], f"""WITH {SPELLS}, {MONTHS}, {ruled_spells('inden_maaneder')},
        held AS (SELECT d.periode, d.person_id, d.ydelse, d.first, d.samtaler, count(c.person_id) AS n FROM due d LEFT JOIN samtaler c
                 ON c.person_id = d.person_id AND c.dato BETWEEN d.first AND d.w
                    AND (d.afholdt_af IS DISTINCT FROM 'kommune' OR c.afholdt_af IS NULL OR c.afholdt_af = 'kommune')
                 GROUP BY ALL)
        SELECT ydelse, periode, count(*) FILTER (WHERE n >= samtaler) / count(*) FROM held GROUP BY ydelse, periode"""),
    "tilbudsrettidighed": (["--opdel", "ydelse"], f"""WITH {SPELLS}, {MONTHS}, {ruled_spells('tilbud_inden_maaneder')},
        ontime AS (SELECT d.periode, d.person_id, d.ydelse, d.first, bool_or(a.person_id IS NOT NULL) AS met FROM due d
                   LEFT JOIN aktiviteter a ON a.person_id = d.person_id AND a.type IN {OFFER_TYPES} AND a.start BETWEEN d.first AND d.w
                   GROUP BY ALL)
        SELECT ydelse, periode, count(*) FILTER (WHERE met) / count(*) FROM ontime GROUP BY ydelse, periode"""),
    "fastholdelse": (["--opdel", "afgang"], f"""WITH {SPELLS}, {MONTHS},
        ended AS (SELECT person_id, ydelse, exit, last, (last + INTERVAL 3 MONTH)::DATE AS d, strftime(ms, '%Y-%m') AS periode
                  FROM spells JOIN months ON last BETWEEN ms AND me
                  WHERE last <> {OPEN} AND exit IN ('job', 'uddannelse') AND (last + INTERVAL 3 MONTH)::DATE <= DATE '{TIL}'),
        back AS (SELECT e.periode, e.person_id, e.ydelse, e.last, e.exit, bool_or(y.person_id IS NOT NULL) AS b FROM ended e
                 LEFT JOIN ydelsesforloeb y ON y.person_id = e.person_id AND y.ydelse <> 'selvforsoergende'
                    AND y.start <= e.d AND coalesce(y.slut, {OPEN}) >= e.last + 1 GROUP BY ALL)
        SELECT exit, periode, count(*) FILTER (WHERE NOT b) / count(*) FROM back GROUP BY exit, periode"""),
    "virksomhedsdaekning_personlig": (["--opdel", "branche"], f"""WITH {MONTH_ENDS},
        big AS (SELECT cvr, coalesce(branche, 'ukendt') AS branche FROM virksomheder WHERE ansatte > 5),
        contacted AS (SELECT DISTINCT b.cvr, ends.periode FROM big b JOIN virksomhedskontakter k USING (cvr)
                      JOIN ends ON k.dato BETWEEN ends.d - 364 AND ends.d WHERE k.kanal IN ('personligt', 'telefon'))
        SELECT b.branche, ends.periode, count(c.cvr) / count(*)
        FROM big b CROSS JOIN ends LEFT JOIN contacted c ON c.cvr = b.cvr AND c.periode = ends.periode GROUP BY ALL"""),
    "screeninger": (["--opdel", "afvigelse"], f"""WITH {MONTHS}
        SELECT CASE WHEN forslag IS NOT NULL AND forslag <> gruppe THEN 'ja' ELSE 'nej' END, strftime(ms, '%Y-%m'), count(*)
        FROM screeninger JOIN months ON dato BETWEEN ms AND me GROUP BY ALL"""),
    "overgange": (["--opdel", "til_ydelse"], f"""WITH {SPELLS}, {MONTHS},
        ended AS (SELECT person_id, ydelse, last, strftime(ms, '%Y-%m') AS periode FROM spells JOIN months ON last BETWEEN ms AND me
                  WHERE last <> {OPEN}),
        nxt AS (SELECT e.periode, e.person_id, e.ydelse, e.last, first(y.ydelse ORDER BY y.start DESC, y.ydelse DESC) AS til
                FROM ended e LEFT JOIN ydelsesforloeb y ON y.person_id = e.person_id AND y.start <= e.last + 1
                   AND coalesce(y.slut, {OPEN}) >= e.last + 1 GROUP BY ALL)
        SELECT coalesce(til, 'ingen_ydelse'), periode, count(*) FROM nxt GROUP BY ALL"""),
})

# Version 2's changed and new activity measures (docs/noegletal.md): each person once per type,
# initiative, target group and period, by the latest-ending activity (ties to the greatest id).
MEASURES.update({
    "effekt_personer": (["--opdel", "status"], f"""WITH {MONTHS},
        ended AS (SELECT a.aktivitet_id, a.person_id, a.type, coalesce(a.indsats_id, 'ukendt') AS indsats, a.start, a.slut,
                         (a.slut + INTERVAL 3 MONTH)::DATE AS d, strftime(ms, '%Y-%m') AS periode
                  FROM aktiviteter a JOIN months ON a.slut BETWEEN ms AND me
                  WHERE (a.slut + INTERVAL 3 MONTH)::DATE <= DATE '{TIL}'),
        {target_group('ended')},
        withtarget AS (SELECT e.*, t.maalgruppe AS mg, CASE WHEN t.maalgruppe = 'ingen_ydelse' THEN NULL ELSE t.maalgruppe END AS g
                       FROM ended e JOIN tg t USING (aktivitet_id)),
        chosen AS (SELECT * FROM withtarget QUALIFY row_number() OVER (
                       PARTITION BY person_id, type, indsats, mg, periode ORDER BY slut DESC, aktivitet_id DESC) = 1),
        {status_after('chosen', 'g', 'start', 'd')}
        SELECT status, periode, count(*) FROM status GROUP BY ALL"""),
})

# Version 2's company side (docs/noegletal.md, "placeringer"): the benefit on the placement day.
MEASURES.update({
    "placeringer": (["--opdel", "ydelse"], f"""WITH {MONTHS},
        placed AS (SELECT f.jobordre_id, f.person_id, f.dato, strftime(ms, '%Y-%m') AS periode
                   FROM formidlinger f JOIN months ON f.dato BETWEEN ms AND me),
        onday AS (SELECT p.jobordre_id, p.person_id, p.periode, first(y.ydelse ORDER BY y.start DESC, y.ydelse DESC) AS ydelse
                  FROM placed p LEFT JOIN ydelsesforloeb y ON y.person_id = p.person_id AND y.start <= p.dato
                     AND coalesce(y.slut, {OPEN}) >= p.dato GROUP BY ALL)
        SELECT coalesce(ydelse, 'ingen_ydelse'), periode, count(*) FROM onday GROUP BY ALL"""),
})

# Version 2's splits of version 1 measures (name@dimension): hovedydelse chains spells across the merged codes;
# age on a spell's first day (tilgang) or last (afgang, varighed); weeks on the ydelse.
ENDED = f"""FROM spells JOIN months ON last BETWEEN ms AND me WHERE last <> {OPEN}"""
MEASURES.update({
    "fuldtidspersoner@hovedydelse": (["--opdel", "hovedydelse"], per_day("ydelsesforloeb", MAIN,
        "sum(datediff('day', greatest(s, ms), least(e, me)) + 1) / (datediff('day', ms, me) + 1)")),
    "afgang@hovedydelse": (["--opdel", "hovedydelse"], f"""WITH {spells(MAIN)}, {MONTHS}
        SELECT ydelse, strftime(ms, '%Y-%m'), count(*) {ENDED} GROUP BY ydelse, ms"""),
    "tilgang@aldersgruppe": (["--opdel", "aldersgruppe"], f"""WITH {SPELLS}, {MONTHS}
        SELECT {age_group('p.foedselsdato', 'first')}, strftime(ms, '%Y-%m'), count(*)
        FROM spells LEFT JOIN personer p USING (person_id) JOIN months ON first BETWEEN ms AND me GROUP BY ALL"""),
    "afgang@varighedsgruppe": (["--opdel", "varighedsgruppe"], f"""WITH {SPELLS}, {MONTHS}
        SELECT CASE WHEN days <= 28 THEN '0-4 uger' WHEN days <= 56 THEN '5-8 uger' WHEN days <= 91 THEN '9-13 uger'
                    WHEN days <= 182 THEN '14-26 uger' WHEN days <= 364 THEN '27-52 uger' ELSE 'over 52 uger' END,
               strftime(ms, '%Y-%m'), count(*) {ENDED} GROUP BY ALL"""),
    "varighed@koen": (["--opdel", "koen"], f"""WITH {SPELLS}, {MONTHS}
        SELECT coalesce(p.koen, 'ukendt'), strftime(ms, '%Y-%m'), avg(days)
        FROM spells LEFT JOIN personer p USING (person_id) JOIN months ON last BETWEEN ms AND me WHERE last <> {OPEN} GROUP BY ALL"""),
})

# Amounts in kr. are rounded to øre per cell after summing millions of day amounts: equal within 1 kr.
TOLERANCE = {"nettoudgift": 1.0}

FILES = ["personer", "ydelsesforloeb", "aktiviteter", "samtaler", "virksomheder", "virksomhedskontakter", "jobordrer", "indsatser",
         "medarbejdere", "tildelinger", "kontaktregler", "screeninger", "formidlinger", "alliancer", "alliancemedlemmer"]

def timed_child(cmd, stdin=None):
    """Runs a command and reports wall seconds and peak memory from the kernel's accounting."""
    started = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if stdin: p.stdin.write(stdin.encode())
    p.stdin.close()
    out = p.stdout.read(); err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{err.decode()}")
    return elapsed, usage.ru_maxrss / 1024, out.decode(), err.decode()

DUCKDB_LOAD = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
types = {'ydelsesforloeb': {'start': 'DATE', 'slut': 'DATE'}, 'aktiviteter': {'start': 'DATE', 'slut': 'DATE'},
         'samtaler': {'dato': 'DATE'}, 'personer': {'foedselsdato': 'DATE', 'cv_dato': 'DATE', 'cpr': 'VARCHAR'},
         'jobordrer': {'oprettet': 'DATE', 'lukket': 'DATE', 'stillinger': 'INTEGER', 'besat': 'INTEGER', 'enhed': 'VARCHAR'},
         'virksomhedskontakter': {'dato': 'DATE'}, 'virksomheder': {'cvr': 'VARCHAR'},
         'tildelinger': {'fra': 'DATE', 'til': 'DATE', 'medarbejder': 'VARCHAR'},
         'kontaktregler': {'fra': 'DATE', 'til': 'DATE', 'samtaler': 'INTEGER', 'inden_maaneder': 'INTEGER',
                           'tilbud_inden_maaneder': 'INTEGER', 'afholdt_af': 'VARCHAR'},
         'screeninger': {'dato': 'DATE', 'gruppe': 'VARCHAR', 'forslag': 'VARCHAR', 'medarbejder': 'VARCHAR'},
         'formidlinger': {'dato': 'DATE', 'medarbejder': 'VARCHAR'},
         'alliancer': {'start': 'DATE', 'slut': 'DATE', 'enhed': 'VARCHAR'},
         'alliancemedlemmer': {'cvr': 'VARCHAR', 'fra': 'DATE', 'til': 'DATE', 'tilsagn_praktik': 'INTEGER', 'tilsagn_smaajob': 'INTEGER'}}
for name in sys.argv[3:]:
    t = types.get(name, {})
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{sys.argv[2]}/{name}.csv', delim=';', header=true, types={t!r})")
con.close()
"""

DUCKDB_QUERY = """
import duckdb, json, sys, time
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute('SET enable_progress_bar = false')  # its bar would mix with the JSON on stdout
sql = sys.stdin.read()
con.execute(sql).fetchall()  # warm-up, as Indsats's register is built once
started = time.perf_counter()
rows = con.execute(sql).fetchall()
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "rows": [[str(r[0]), r[1], float(r[2]) if r[2] is not None else None] for r in rows]}))
"""

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--personer", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mappe", default=None, help="work folder (default: a temporary one, removed after)")
    ap.add_argument("--genbrug", action="store_true", help="reuse the register and databases already in --mappe (measures only)")
    ap.add_argument("--maal", nargs="*", default=list(MEASURES), help="only these measures")
    args = ap.parse_args()
    work = args.mappe or tempfile.mkdtemp(prefix="indsats-bench-")
    os.makedirs(work, exist_ok=True)
    data, db, duck = os.path.join(work, "data"), os.path.join(work, "indsats.sqlite"), os.path.join(work, "duck.db")
    print(f"# {args.personer:,} personer, frø {args.seed}, vindue {FRA}..{TIL}, måneder")
    print(f"\n| trin | Indsats s | DuckDB s | DuckDB/Indsats | Indsats MiB | DuckDB MiB | resultat |")
    print(f"|---|---|---|---|---|---|---|")
    if not args.genbrug:
        prepare(args, data, db, duck)
    measure(db, duck, args.maal)
    if not args.mappe: shutil.rmtree(work)

def prepare(args, data, db, duck):
    for path in (db, db + "-wal", db + "-shm", duck, duck + ".wal"):
        if os.path.exists(path): os.remove(path)
    t, rss, _, _ = timed_child([BINARY, "generate", "--personer", str(args.personer), "--seed", str(args.seed), "--ud", data])
    rows = {f: sum(1 for _ in open(os.path.join(data, f + ".csv"), encoding="utf-8")) - 1 for f in FILES}
    print(f"| generate | {t:.1f} | | | {rss:.0f} | | |")
    print("rækker: " + ", ".join(f"{k} {v:,}" for k, v in rows.items()), file=sys.stderr)
    ti, rss_i, _, _ = timed_child([BINARY, "import", data, "--db", db])
    td, rss_d, _, _ = timed_child([sys.executable, "-c", DUCKDB_LOAD, duck, data] + FILES)
    print(f"| import (CSV til varigt lager) | {ti:.1f} | {td:.1f} | {td / ti:.2f} | {rss_i:.0f} | {rss_d:.0f} | |")
    sys.stdout.flush()

def measure(db, duck, names):
    failures = []
    for name in names:
        split, sql = MEASURES[name]
        _, rss_k, out, err = timed_child([BINARY, "kpi", name.split("@")[0], "--fra", FRA, "--til", TIL, "--periode", "maaned",
                                          "--format", "json", "--tidtagning", "--db", db] + split)
        load, compute = [float(x.split()[0]) for x in err.split("indlæsning ")[1].split(", beregning ")]
        if "@PRISER@" in sql:
            prices = os.path.join(os.path.dirname(db), "satser")
            os.makedirs(prices, exist_ok=True)
            timed_child([BINARY, "satser", "eksporter", "--ud", prices, "--db", db])
            sql = sql.replace("@PRISER@", prices)
        _, rss_q, dout, _ = timed_child([sys.executable, "-c", DUCKDB_QUERY, duck], stdin=sql)
        duck_result = json.loads(dout)
        ours = {(r[split[1]], r["periode"]): r["vaerdi"] for r in json.loads(out)["rows"] if r["vaerdi"] not in (0, None)}
        theirs = {(r[0], r[1]): r[2] for r in duck_result["rows"] if r[2] not in (0, None)}
        same = ours.keys() == theirs.keys() and all(abs(ours[k] - theirs[k]) <= max(TOLERANCE.get(name, 0), 1e-9 * max(1, abs(theirs[k]))) for k in ours)
        if not same: failures.append(name)
        ds = duck_result["seconds"]
        largest = max((abs(ours[k] - theirs[k]) for k in ours if k in theirs), default=0)
        verdict = ("ens" if same else "FORSKELLIGE") + (f" (højst {largest:.2f} fra hinanden)" if name in TOLERANCE else "")
        print(f"| {name} | {compute:.3f} | {ds:.3f} | {ds / max(compute, 1e-6):.1f} | {rss_k:.0f} | {rss_q:.0f} | {verdict} |", flush=True)
    print(f"\nIndsats indlæser registret fra SQLite én gang pr. kald ({load:.1f} s sidst); tiderne ovenfor er beregningen på det indlæste register,")
    print("DuckDB's er forespørgslen på dens database efter en opvarmningskørsel.")
    if failures: sys.exit("Forskellige resultater: " + ", ".join(failures))

if __name__ == "__main__":
    main()
