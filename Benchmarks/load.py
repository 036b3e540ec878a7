#!/usr/bin/env python3
"""Load on the running server, logged in: wrk against the overview page and the KPI API.

Starts `indsats serve` on an imported register (from Benchmarks/run.py's --mappe),
creates a user, logs in, warms each URL once, then runs wrk with 100 connections
and reports throughput, p50/p99 latency and errors. wrk is Debian's `wrk`.

    swift build -c release --product indsats
    python3 Benchmarks/load.py --db /tmp/bench1m/indsats.sqlite

Nothing here runs in the tests.
"""
import argparse, http.cookiejar, os, re, subprocess, sys, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build", "release", "indsats")
URLS = {
    "overblik (/)": "/?fra=2023-01-01&til=2024-12-31",
    "API fuldtidspersoner": "/api/v1/kpi/fuldtidspersoner?fra=2024-01-01&til=2024-12-31&opdel=ydelse",
    "API samtaler pr. uge og enhed": "/api/v1/kpi/samtaler?fra=2024-01-01&til=2024-12-31&periode=uge&opdel=enhed",
}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--port", type=int, default=18766)
    ap.add_argument("--forbindelser", type=int, default=100)
    ap.add_argument("--sekunder", type=int, default=20)
    args = ap.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    user = "belastning"
    subprocess.run([BINARY, "bruger", "opret", user, "--rolle", "analytiker", "--adgangskode-fra-stdin", "--db", args.db],
                   input="belastning-og-lang-kode\n", text=True, capture_output=True)
    server = subprocess.Popen([BINARY, "serve", "--db", args.db, "--port", str(args.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(base + "/health", timeout=300).read()
                break
            except OSError:
                time.sleep(0.5)
        print(f"Registret indlæst på {time.perf_counter() - started:.1f} s (første /health)", file=sys.stderr)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', opener.open(base + "/login").read().decode()).group(1)
        opener.open(base + "/login", data=urllib.parse.urlencode({"csrf": csrf, "brugernavn": user, "adgangskode": "belastning-og-lang-kode"}).encode())
        cookie = "indsats_session=" + next(c.value for c in jar if c.name == "indsats_session")
        print(f"| side | forbindelser | forespørgsler/s | p50 ms | p99 ms | fejl | første kald ms |")
        print(f"|---|---|---|---|---|---|---|")
        for name, path in URLS.items():
            t = time.perf_counter()
            opener.open(base + path).read()
            first = (time.perf_counter() - t) * 1000
            out = subprocess.run(["wrk", "-t", "2", "-c", str(args.forbindelser), "-d", f"{args.sekunder}s", "--latency",
                                  "-H", f"Cookie: {cookie}", base + path], capture_output=True, text=True).stdout
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            def pct(p):
                value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
                return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
            errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
            non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            errors += int(non2xx.group(1)) if non2xx else 0
            print(f"| {name} | {args.forbindelser} | {rps:,.0f} | {pct(50):.2f} | {pct(99):.2f} | {errors} | {first:.0f} |", flush=True)
    finally:
        server.terminate()
        server.wait()

if __name__ == "__main__":
    main()
