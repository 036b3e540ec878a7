#!/usr/bin/env python3
"""Server time of every page on a large register: the first view after start (cold:
the measures are computed) and the median of the next five (warm: the page is kept
until the data version moves).

Starts `indsats serve` on a register imported by Benchmarks/run.py (--mappe), loads
the shipped proposals and Høje-Taastrup's plan into it, logs in as an analyst (no
suppression, so every figure is computed) and times each page over loopback, where
the time is the server's.

    swift build -c release --product indsats
    python3 Benchmarks/run.py --personer 1000000 --mappe /tmp/bench1m --maal personer
    python3 Benchmarks/pages.py --db /tmp/bench1m/indsats.sqlite

Nothing here runs in the tests.
"""
import argparse, http.cookiejar, os, re, statistics, subprocess, sys, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build", "release", "indsats")
EXAMPLES = os.path.join(ROOT, "Sources", "IndsatsEconomy", "Eksempler")
PAGES = ["/", "/maalgrupper", "/indsatser", "/indsatser/NYT-JOF", "/maal", "/maal?aar=2026", "/ugetal", "/rapport",
         "/opfoelgning", "/forslag/JC%2008/opfoelgning", "/forslag", "/forslag/JC%2008", "/portefoelje", "/satser", "/definitioner"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--port", type=int, default=18767)
    args = ap.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    run = lambda *a, **k: subprocess.run([BINARY, *a, "--db", args.db], capture_output=True, text=True, **k)
    run("forslag", "importer", os.path.join(EXAMPLES, "forslag-herning-2017.json"))
    run("forslag", "importer", os.path.join(EXAMPLES, "forslag-vesthimmerland-2020.json"))
    run("plan", "importer", os.path.join(EXAMPLES, "plan-hoeje-taastrup-2020.json"))
    run("bruger", "opret", "sidemaaling", "--rolle", "analytiker", "--adgangskode-fra-stdin", input="sidemaaling-med-lang-kode\n")
    server = subprocess.Popen([BINARY, "serve", "--db", args.db, "--port", str(args.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/health", timeout=600).read()
                break
            except OSError:
                time.sleep(0.5)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', opener.open(base + "/login").read().decode()).group(1)
        opener.open(base + "/login", urllib.parse.urlencode({"csrf": csrf, "brugernavn": "sidemaaling", "adgangskode": "sidemaaling-med-lang-kode"}).encode())
        print("| side | første visning ms | derefter ms (median af 5) |")
        print("|---|---|---|")
        for page in PAGES:
            def timed():
                started = time.perf_counter()
                with opener.open(base + page, timeout=600) as response:
                    response.read()
                    if response.status != 200: sys.exit(f"{page}: status {response.status}")
                return (time.perf_counter() - started) * 1000
            cold = timed()
            warm = statistics.median(timed() for _ in range(5))
            print(f"| `{page}` | {cold:.0f} | {warm:.1f} |")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
