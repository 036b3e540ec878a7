#!/usr/bin/env python3
"""Issue 21's table in one run: how fast Indsats is ready, end to end, against DuckDB on the same files.

For a register made by Benchmarks/run.py (--mappe, with data/, indsats.sqlite and duck.db):

1. `indsats kpi fuldtidspersoner` by ydelse and month from the stored database, as a whole
   process (start, read, compute, print), against a DuckDB process that opens its file and runs
   the same query (goal: at least 5 times faster); first without the register's snapshot, and
   again after the server has written it;
2. server start until /health says `sider_klar` (goal: 2 s): first without the snapshots beside
   the database (it builds and keeps them), then a restart that finds them;
3. import of every contract file into a new durable store, against DuckDB's load of the same
   CSV files into a new database file (goal: no slower); beside it SQLite's own `.import` of the
   same files (the `sqlite3` program, no checks), into plain tables and into Indsats' tables
   with their keys: what any import into SQLite costs before a single check;
4. views nobody prepared: an older year on Målgrupper and the report, a custom window on
   Overblik (goal: 100 ms);
5. a small import while the server runs: until the pages are ready again (goal: 2 s), of one new person
   (every measure reads persons) and of one conversation (only what reads conversations is made again, from
   the conversation's day on): one two weeks before the data date, and an older one.

    swift build -c release --product indsats
    python3 Benchmarks/run.py --personer 1000000 --mappe /tmp/bench1m --maal personer
    python3 Benchmarks/start.py --mappe /tmp/bench1m

Nothing here runs in the tests.
"""
import argparse, datetime, http.cookiejar, json, os, re, sqlite3, subprocess, sys, tempfile, time, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # the same binary, files, DuckDB load and fuldtidspersoner SQL

DUCKDB_PROCESS = """
import duckdb, sys
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute('SET enable_progress_bar = false')
rows = con.execute(sys.stdin.read()).fetchall()
print(len(rows))
"""


def wall(cmd, stdin=None):
    """Seconds a whole process takes, from start to exit."""
    started = time.perf_counter()
    result = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if result.returncode != 0: sys.exit(f"{' '.join(cmd)}:\n{result.stderr}")
    return time.perf_counter() - started


def sqlite_import(data, db, schema_from=None):
    """Seconds the `sqlite3` program takes to load every CSV file in `data`: into plain tables named
    after the files, or with `schema_from` (an Indsats database) into its tables, keys and indexes."""
    schema = []
    if schema_from:
        out = subprocess.run(["sqlite3", schema_from, ".schema"], capture_output=True, text=True, check=True).stdout
        schema = [out.replace("CREATE TABLE sqlite_sequence(name,seq);", "")]
    script = ["PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;"] + schema + [".mode csv", ".separator ;"]
    for name in sorted(n for n in os.listdir(data) if n.endswith(".csv")):
        path, kind = os.path.join(data, name), name[:-4]
        if not schema_from:
            script.append(f".import {path} {kind}")
            continue
        header = open(path, encoding="utf-8-sig").readline().strip().split(";")
        columns = ", ".join(header)
        # A table keyed by the whole row (noegle) gets the row's fields as its key.
        keyed = re.search(rf'CREATE TABLE[^(]*"?{kind}"? \([^;]*\bnoegle\b', schema[0]) is not None
        key = (", " + " || ';' || ".join(f"coalesce({h}, '')" for h in header)) if keyed else ""
        script += [f"CREATE TEMP TABLE indlaest ({', '.join(h + ' TEXT' for h in header)});", f".import --skip 1 {path} indlaest",
                   f"INSERT INTO {kind} ({columns}{', noegle' if keyed else ''}) SELECT {columns}{key} FROM indlaest;",
                   "DROP TABLE indlaest;"]
    started = time.perf_counter()
    subprocess.run(["sqlite3", db], input="\n".join(script), text=True, check=True, capture_output=True)
    return time.perf_counter() - started


def remove_snapshots(db):
    """The register's and the pages' snapshots beside the database, so the next start builds them."""
    for name in ("register", "sider"):
        if os.path.exists(f"{db}-{name}"): os.remove(f"{db}-{name}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mappe", required=True, help="a folder Benchmarks/run.py filled (data/, indsats.sqlite, duck.db)")
    ap.add_argument("--port", type=int, default=18768)
    args = ap.parse_args()
    data, db, duck = (os.path.join(args.mappe, n) for n in ("data", "indsats.sqlite", "duck.db"))
    # Each row is also printed as it is measured (stderr), so a long run (5M persons) shows what it has so far.
    class Rows(list):
        def append(self, row):
            super().append(row)
            print(f"{row[0]}: {row[1]:.3f} s" + (f" (DuckDB {row[2]:.3f} s)" if row[2] else ""), file=sys.stderr, flush=True)
    rows = Rows()

    # 1. A measure end to end, both as whole processes: once without the register's snapshot
    # (it reads its parts from the database); with it after the server has written it, below.
    split, sql = bench.MEASURES["fuldtidspersoner"]
    kpi = [bench.BINARY, "kpi", "fuldtidspersoner", "--fra", bench.FRA, "--til", bench.TIL, "--periode", "maaned",
           "--format", "json", "--db", db] + split
    theirs = min(wall([sys.executable, "-c", DUCKDB_PROCESS, duck], stdin=sql) for _ in range(3))
    remove_snapshots(db)
    rows.append(("`indsats kpi fuldtidspersoner`, uden øjebliksbillede (læser sine dele fra databasen)", wall(kpi), theirs, ""))

    # 3. Import into a new store against DuckDB's load into a new file.
    with tempfile.TemporaryDirectory() as work:
        fresh, fresh_duck = os.path.join(work, "ny.sqlite"), os.path.join(work, "ny.duckdb")
        ours_import = wall([bench.BINARY, "import", data, "--db", fresh])
        theirs_import = wall([sys.executable, "-c", bench.DUCKDB_LOAD, fresh_duck, data] + bench.FILES)
        bare = sqlite_import(data, os.path.join(work, "bar.sqlite"))
        keyed = sqlite_import(data, os.path.join(work, "noegler.sqlite"), schema_from=fresh)
    rows.append(("import af alle filer til varigt lager", ours_import, theirs_import, "≤ DuckDB's indlæsning"))
    rows.append(("til sammenligning: SQLite's egen `.import`, tabeller uden nøgler, ingen tjek", bare, theirs_import, ""))
    rows.append(("til sammenligning: SQLite's egen `.import` i Indsats' tabeller med nøgler, ingen tjek", keyed, theirs_import, ""))

    # 2, 4, 5. The server.
    base = f"http://127.0.0.1:{args.port}"
    # An analyst sees every number (the engine computes a view); a leader sees the published tables (a view is cut from them).
    roles = {"analytiker": "startmaaling", "leder": "startleder"}
    for role, name in roles.items():
        subprocess.run([bench.BINARY, "bruger", "opret", name, "--rolle", role, "--adgangskode-fra-stdin", "--db", db],
                       input="startmaaling-med-lang-kode\n", capture_output=True, text=True)
    serve = [bench.BINARY, "serve", "--db", db, "--port", str(args.port)]
    health = lambda: json.loads(urllib.request.urlopen(base + "/health", timeout=600).read())

    def ready_after(since):
        while True:
            try:
                if health()["sider_klar"]: return time.perf_counter() - since
            except OSError:
                pass
            time.sleep(0.05)

    # The first start without snapshots (it reads the database, renders the pages and keeps both), then a restart.
    remove_snapshots(db)
    started = time.perf_counter()
    server = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        rows.append(("første serverstart til `sider_klar`, uden øjebliksbilleder", ready_after(started), None, ""))
    finally:
        server.terminate()
        server.wait()
    started = time.perf_counter()
    server = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        rows.append(("serverstart til `sider_klar`", ready_after(started), None, "≤ 2 s"))
        year = datetime.date.fromisoformat(health()["datadato"]).year
        for role, name in roles.items():
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', opener.open(base + "/login").read().decode()).group(1)
            opener.open(base + "/login", urllib.parse.urlencode({"csrf": csrf, "brugernavn": name, "adgangskode": "startmaaling-med-lang-kode"}).encode())
            for page in [f"/maalgrupper?aar={year - 2}", f"/rapport?aar={year - 2}", f"/?fra={year - 2}-01-01&til={year - 1}-12-31"]:
                t = time.perf_counter()
                opener.open(base + page, timeout=600).read()
                rows.append((f"visning, ingen har forberedt, {role}: `{page}`", time.perf_counter() - t, None, "≤ 0,1 s"))
        with tempfile.TemporaryDirectory() as folder:
            # Rows the database does not have yet, so each run's imports write something new.
            stored = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            person = next(f"STARTMAALING-{n}" for n in range(1, 10**6)
                          if not stored.execute("SELECT 1 FROM personer WHERE person_id = ?", (f"STARTMAALING-{n}",)).fetchone())
            with open(os.path.join(folder, "personer.csv"), "w", encoding="utf-8") as f:
                f.write(f"person_id;koen;kommune\n{person};K;169\n")
            t = time.perf_counter()
            subprocess.run([bench.BINARY, "import", os.path.join(folder, "personer.csv"), "--db", db], capture_output=True, check=True)
            time.sleep(0.3)  # the server notices a new data version within 0,2 s
            rows.append(("siderne klar igen efter en lille import af personer", ready_after(t), None, "≤ 2 s"))
            # One conversation by the file's first person, of the same kind and caseworker, on a day the database lacks: a new
            # row that names no new code and leaves the data date, so only what reads conversations is made again (from the
            # conversation's day on). Dated two weeks before the data date, as a day's conversations registered late are,
            # and before the file's first row (an old conversation: more periods to compute again).
            with open(os.path.join(data, "samtaler.csv"), encoding="utf-8-sig") as f:
                header, first = f.readline().rstrip("\r\n"), f.readline().rstrip("\r\n").split(";")
            names = header.split(";")
            at = names.index("dato")
            key = [first[names.index(c)] for c in ("person_id", "type", "medarbejder")]
            data_date = datetime.date.fromisoformat(health()["datadato"])
            for name, latest in [("fra to uger før datadatoen", data_date - datetime.timedelta(days=14)),
                                 (f"fra {first[at][:7]}", datetime.date.fromisoformat(first[at]) - datetime.timedelta(days=1))]:
                row = list(first)
                row[at] = next(d for d in ((latest - datetime.timedelta(days=n)).isoformat() for n in range(0, 4000))
                               if not stored.execute("SELECT 1 FROM samtaler WHERE person_id = ? AND dato = ? AND type = ? AND medarbejder = ?",
                                                     (key[0], d, key[1], key[2])).fetchone())
                with open(os.path.join(folder, "samtaler.csv"), "w", encoding="utf-8") as f:
                    f.write(header + "\n" + ";".join(row) + "\n")
                t = time.perf_counter()
                subprocess.run([bench.BINARY, "import", os.path.join(folder, "samtaler.csv"), "--db", db], capture_output=True, check=True)
                time.sleep(0.3)
                rows.append((f"siderne klar igen efter en lille import af én samtale {name}", ready_after(t), None, "≤ 2 s"))
            stored.close()
    finally:
        server.terminate()
        server.wait()

    # 1, continued: the measure with the snapshot the server wrote, best of three.
    ours = min(wall(kpi) for _ in range(3))
    rows.insert(1, ("`indsats kpi fuldtidspersoner` efter ydelse og måned, hele processen", ours, theirs, "≥ 5 gange hurtigere end DuckDB"))

    print("| trin | Indsats s | DuckDB s | DuckDB/Indsats | mål |")
    print("|---|---|---|---|---|")
    for name, ours, theirs, goal in rows:
        ratio = f"{theirs / ours:.2f}" if theirs else ""
        print(f"| {name} | {ours:.3f} | {f'{theirs:.3f}' if theirs else ''} | {ratio} | {goal} |")


if __name__ == "__main__":
    main()
