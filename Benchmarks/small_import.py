#!/usr/bin/env python3
"""One small import while the server runs, measured alone: a server is started on a register made by
Benchmarks/run.py (its snapshots beside the database), one conversation dated --dage days before the data
date is imported, and the script prints how long `indsats import` took, how long until /health says
`sider_klar` again, and the slowest /health answer meanwhile.

    swift build -c release --product indsats
    python3 Benchmarks/small_import.py --mappe /tmp/bench1m --dage 14

Benchmarks/start.py measures the same as one row of issue 21's table; this is the quick probe beside it.
Nothing here runs in the tests.
"""
import argparse, datetime, json, os, sqlite3, subprocess, sys, tempfile, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # the same binary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mappe", required=True, help="a folder Benchmarks/run.py filled (data/, indsats.sqlite)")
    ap.add_argument("--dage", type=int, default=14, help="the conversation's day: this many days before the data date, or earlier")
    ap.add_argument("--vent", type=float, default=15, help="seconds between the pages ready and the import: after its pages a server "
                    "writes its snapshot and makes its register by hovedydelse, as it has long done before a real import")
    ap.add_argument("--port", type=int, default=18769)
    args = ap.parse_args()
    data, db = os.path.join(args.mappe, "data"), os.path.join(args.mappe, "indsats.sqlite")
    base = f"http://127.0.0.1:{args.port}"
    health = lambda: json.loads(urllib.request.urlopen(base + "/health", timeout=600).read())

    def ready_after(since):
        slowest = 0.0
        while True:
            try:
                asked = time.perf_counter()
                answer = health()
                slowest = max(slowest, time.perf_counter() - asked)
                if answer["sider_klar"]: return time.perf_counter() - since, slowest
            except OSError:
                pass
            time.sleep(0.05)

    server = subprocess.Popen([bench.BINARY, "serve", "--db", db, "--port", str(args.port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started, _ = ready_after(time.perf_counter())
        time.sleep(args.vent)
        # The file's first conversation again, on the latest day from --dage back that the database lacks for its key.
        with open(os.path.join(data, "samtaler.csv"), encoding="utf-8-sig") as f:
            header, first = f.readline().rstrip("\r\n"), f.readline().rstrip("\r\n").split(";")
        names = header.split(";")
        key = [first[names.index(c)] for c in ("person_id", "type", "medarbejder")]
        latest = datetime.date.fromisoformat(health()["datadato"]) - datetime.timedelta(days=args.dage)
        stored = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        first[names.index("dato")] = next(
            d for d in ((latest - datetime.timedelta(days=n)).isoformat() for n in range(4000))
            if not stored.execute("SELECT 1 FROM samtaler WHERE person_id = ? AND dato = ? AND type = ? AND medarbejder = ?",
                                  (key[0], d, key[1], key[2])).fetchone())
        stored.close()
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "samtaler.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write(header + "\n" + ";".join(first) + "\n")
            since = time.perf_counter()
            subprocess.run([bench.BINARY, "import", path, "--db", db], capture_output=True, check=True)
            imported = time.perf_counter() - since
            time.sleep(0.3)  # the server notices a new data version within 0,2 s
            ready, slowest = ready_after(since)
        print(f"start {started:.2f} s; samtale {first[names.index('dato')]}: import {imported:.2f} s, "
              f"sider klar {ready:.2f} s, langsomste /health {slowest:.2f} s")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
