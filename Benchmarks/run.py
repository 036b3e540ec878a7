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

def unions(table, key):
    """Per person and key, the union of overlapping or adjacent periods (gaps and islands)."""
    return f"""
    r_{table} AS (SELECT person_id, {key} AS k, start, coalesce(slut, DATE '9999-12-31') AS slut FROM {table}),
    o_{table} AS (SELECT *, max(slut) OVER (PARTITION BY person_id, k ORDER BY start, slut
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM r_{table}),
    g_{table} AS (SELECT *, sum(CASE WHEN prev_end IS NULL OR start > prev_end + 1 THEN 1 ELSE 0 END)
                  OVER (PARTITION BY person_id, k ORDER BY start, slut) AS grp FROM o_{table}),
    u_{table} AS (SELECT person_id, k, min(start) AS s, max(slut) AS e FROM g_{table} GROUP BY person_id, k, grp)"""

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
    "andel_med_cv": (["--opdel", "ydelse"], f"""WITH {MONTHS},
        on_day AS (SELECT DISTINCT y.person_id, y.ydelse, me FROM ydelsesforloeb y JOIN months
                   ON y.ydelse IN ('dagpenge', 'kontanthjaelp_jobparat') AND y.start <= me AND coalesce(y.slut, DATE '9999-12-31') >= me)
        SELECT ydelse, strftime(me, '%Y-%m'), count(*) FILTER (WHERE p.cv_dato <= me) / count(*)
        FROM on_day LEFT JOIN personer p USING (person_id) GROUP BY ydelse, me"""),
}

FILES = ["personer", "ydelsesforloeb", "aktiviteter", "samtaler", "virksomheder", "virksomhedskontakter", "jobordrer", "indsatser", "medarbejdere"]

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
         'virksomhedskontakter': {'dato': 'DATE'}, 'virksomheder': {'cvr': 'VARCHAR'}}
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
    args = ap.parse_args()
    work = args.mappe or tempfile.mkdtemp(prefix="indsats-bench-")
    os.makedirs(work, exist_ok=True)
    data, db, duck = os.path.join(work, "data"), os.path.join(work, "indsats.sqlite"), os.path.join(work, "duck.db")
    print(f"# {args.personer:,} personer, frø {args.seed}, vindue {FRA}..{TIL}, måneder")
    print(f"\n| trin | Indsats s | DuckDB s | DuckDB/Indsats | Indsats MiB | DuckDB MiB | resultat |")
    print(f"|---|---|---|---|---|---|---|")
    if not args.genbrug:
        prepare(args, data, db, duck)
    measure(db, duck)
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

def measure(db, duck):
    failures = []
    for name, (split, sql) in MEASURES.items():
        _, rss_k, out, err = timed_child([BINARY, "kpi", name, "--fra", FRA, "--til", TIL, "--periode", "maaned",
                                          "--format", "json", "--tidtagning", "--db", db] + split)
        load, compute = [float(x.split()[0]) for x in err.split("indlæsning ")[1].split(", beregning ")]
        _, rss_q, dout, _ = timed_child([sys.executable, "-c", DUCKDB_QUERY, duck], stdin=sql)
        duck_result = json.loads(dout)
        ours = {(r[split[1]], r["periode"]): r["vaerdi"] for r in json.loads(out)["rows"] if r["vaerdi"] not in (0, None)}
        theirs = {(r[0], r[1]): r[2] for r in duck_result["rows"] if r[2] not in (0, None)}
        same = ours.keys() == theirs.keys() and all(abs(ours[k] - theirs[k]) <= 1e-9 * max(1, abs(theirs[k])) for k in ours)
        if not same: failures.append(name)
        ds = duck_result["seconds"]
        print(f"| {name} | {compute:.3f} | {ds:.3f} | {ds / max(compute, 1e-6):.1f} | {rss_k:.0f} | {rss_q:.0f} | {'ens' if same else 'FORSKELLIGE'} |", flush=True)
    print(f"\nIndsats indlæser registret fra SQLite én gang pr. kald ({load:.1f} s sidst); tiderne ovenfor er beregningen på det indlæste register,")
    print("DuckDB's er forespørgslen på dens database efter en opvarmningskørsel.")
    if failures: sys.exit("Forskellige resultater: " + ", ".join(failures))

if __name__ == "__main__":
    main()
