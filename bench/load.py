"""Load benchmark of the public Datasette: wrk, 50 connections, 30 s per page, 100k reports.

Generates (once, bench/generate.py) a knowledge base of N reports, writes its
public build with `kb publish`, serves that with `kb serve --public` on
127.0.0.1 and runs wrk (Debian package `wrk`) against the incidents table
JSON, a search (the search recipe, JSON) and a recipe (canned query), first
with the public server's answer cache off (`--cache 0`: every request runs
its queries and renders), then as deployed (cache on). Prints requests/s,
p99 latency and errors (socket errors plus non-2xx/3xx answers) per page;
exit 1 when any page had errors.

Usage: python bench/load.py [--reports 100000] [--connections 50] [--seconds 30]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEFAULT_REPORTS, default_path, ensure_database  # noqa: E402
from server import kb_server  # noqa: E402

PAGES = [
    ("incidents table JSON", "/kb/incidents.json"),
    ("search JSON", "/kb/search.json?q=Northwind+Logistics"),
    ("recipe JSON", "/kb/blamed_a_human.json"),
]


def parse_wrk(output: str) -> dict:
    """requests_per_s, p99_ms, errors and requests from wrk's --latency output."""
    def number(pattern, default=0.0):
        match = re.search(pattern, output)
        return float(match.group(1)) if match else default

    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                              output)
    errors = sum(map(int, socket_errors.groups())) if socket_errors else 0
    errors += int(number(r"Non-2xx or 3xx responses: (\d+)"))
    return {"requests_per_s": number(r"Requests/sec:\s+([\d.]+)"),
            "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan"),
            "errors": errors,
            "requests": int(number(r"(\d+) requests in"))}


def published_copy(source: Path) -> Path:
    """The public build of ``source`` beside it (rebuilt when older than the source)."""
    from kb.publish import publish

    out = source.with_name(source.stem + "-public.db")
    if out.exists() and out.stat().st_mtime >= source.stat().st_mtime:
        return out
    print(f"writing the public build {out}", file=sys.stderr)
    publish(source, out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--db", type=Path, help="Generated database [default: data/bench/kb-100k.db].")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is missing: install it (Debian: apt-get install wrk; make bench does)")
    public = published_copy(ensure_database(args.db or default_path(args.reports), args.reports))
    failed = False
    for label, options in (("cache off", ("--cache", "0")), ("cache on", ())):
        with kb_server(public, public=True, options=options) as url:
            print(f"Load on the public Datasette ({label}): {args.reports} reports, "
                  f"wrk -c{args.connections} -t{args.threads} -d{args.seconds}s ({url})")
            print(f"{'page':<22} {'req/s':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}")
            for name, path in PAGES:
                run = subprocess.run([wrk, f"-c{args.connections}", f"-t{args.threads}",
                                      f"-d{args.seconds}s", "--timeout", "10s", "--latency",
                                      url + path], capture_output=True, text=True)
                if run.returncode != 0:
                    sys.exit(f"wrk failed on {path}: {run.stderr.strip()}")
                result = parse_wrk(run.stdout)
                failed |= result["errors"] > 0
                print(f"{name:<22} {result['requests_per_s']:>8.1f} {result['p99_ms']:>8.1f} "
                      f"{result['requests']:>9} {result['errors']:>7}")
    if failed:
        print("errors: some requests failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
