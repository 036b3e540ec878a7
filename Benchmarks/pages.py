#!/usr/bin/env python3
"""Server time of every page on a large register.

Starts `indsats serve` on a register imported by Benchmarks/run.py (--mappe), loads
the shipped proposals and Høje-Taastrup's plan into it, and logs in as an analyst (no
suppression, so every figure is computed). The server renders every page's default
view ahead when it starts and after every import (/health says `sider_klar`). Times,
over loopback, where the time is the server's:

1. how long the server takes from start until the first pages are ready;
2. each page's first view and the median of the next five (kept pages);
3. views nobody prepared (another year, week or period): computed on first view;
4. after an import while the server runs: until the pages are ready again, and the
   first view of each page then.

    swift build -c release --product indsats
    python3 Benchmarks/run.py --personer 1000000 --mappe /tmp/bench1m --maal personer
    python3 Benchmarks/pages.py --db /tmp/bench1m/indsats.sqlite

Nothing here runs in the tests.
"""
import argparse, datetime, http.cookiejar, json, os, re, statistics, subprocess, sys, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build", "release", "indsats")
EXAMPLES = os.path.join(ROOT, "Sources", "IndsatsEconomy", "Eksempler")
PAGES = ["/", "/maalgrupper", "/indsatser", "/indsatser/NYT-JOF", "/maal", "/ugetal", "/rapport",
         "/opfoelgning", "/forslag/JC%2008/opfoelgning", "/forslag", "/forslag/JC%2008", "/portefoelje", "/satser", "/definitioner"]


def unprepared(data_date):
    """Views the server does not render ahead: older years, another week, another period or number of months."""
    year, week = data_date.year, data_date.isocalendar()[1]
    return [f"/maalgrupper?aar={year - 2}", f"/maal?aar={year - 1}", f"/ugetal?uge={year}-W{max(1, week - 3):02d}",
            f"/rapport?aar={year - 2}", f"/indsatser?fra={year - 1}-01-01&til={year - 1}-12-31",
            f"/indsatser/NYT-JOF?fra={year - 1}-01-01&til={year - 1}-12-31", "/forslag/JC%2008/opfoelgning?maaneder=6",
            f"/?fra={year - 2}-01-01&til={year - 1}-12-31"]


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
    health = lambda: json.loads(urllib.request.urlopen(base + "/health", timeout=600).read())

    def wait_ready():
        """Seconds until /health first answers (the register is loaded) and until the first pages are ready."""
        started, answered = time.perf_counter(), None
        while True:
            try:
                ready = health()["sider_klar"]
                answered = answered or time.perf_counter() - started
                if ready:
                    return answered, time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.1)

    try:
        loaded, ready = wait_ready()
        print(f"Fra start: registret indlæst efter {loaded:.1f} s, de første sider klar efter {ready:.1f} s")
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', opener.open(base + "/login").read().decode()).group(1)
        opener.open(base + "/login", urllib.parse.urlencode({"csrf": csrf, "brugernavn": "sidemaaling", "adgangskode": "sidemaaling-med-lang-kode"}).encode())

        def timed(page):
            started = time.perf_counter()
            with opener.open(base + page, timeout=600) as response:
                response.read()
                if response.status != 200: sys.exit(f"{page}: status {response.status}")
            return (time.perf_counter() - started) * 1000

        def table(pages, first="første visning ms"):
            print(f"| side | {first} | derefter ms (median af 5) |")
            print("|---|---|---|")
            for page in pages:
                cold = timed(page)
                warm = statistics.median(timed(page) for _ in range(5))
                print(f"| `{page}` | {cold:.0f} | {warm:.1f} |")
            print()

        table(PAGES)
        # The company side (issue 18): the largest company, the alliance, the newest open job order.
        first = lambda page, pattern: re.search(pattern, opener.open(base + page, timeout=600).read().decode()).group(1)
        company = first("/virksomheder", r'href="(/virksomheder/\d{8})"')
        order = first("/jobordrer", r'href="(/jobordrer/[^"]+)"')
        print("Virksomhedssiden:")
        table(["/virksomheder", company, "/alliancer", "/alliancer/ALLIANCE", "/jobordrer", order, "/api/v1" + order])
        # Money (issue 20): the pool, the budget with its forecasts, and the comparison with the country on Overblik.
        print("Puljer og budget:")
        table(["/puljer", "/puljer/FSM2", "/api/v1/puljer", "/budget", "/api/v1/budget"])
        data_date = datetime.date.fromisoformat(health()["datadato"])
        print("Visninger, der ikke regnes på forhånd:")
        table(unprepared(data_date), "første visning ms (regnes)")

        # An import while the server runs: one new person moves the data version.
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "personer.csv"), "w", encoding="utf-8") as f:
                f.write("person_id;koen;kommune\nSIDEMAALING-1;K;169\n")
            result = run("import", os.path.join(folder, "personer.csv"))
            if result.returncode != 0: sys.exit(result.stderr)
        # The server looks for a new data version at most every 0,2 s (requests) and 2 s (preparation).
        time.sleep(0.5)
        loaded, ready = wait_ready()
        print(f"Efter en import: registret opdateret efter {0.5 + loaded:.1f} s, siderne klar igen efter {0.5 + ready:.1f} s")
        table(PAGES)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
