"""Datasette latency benchmark: p50/p95 of typical pages at 100k reports.

Generates (once, bench/generate.py) a knowledge base of N reports, serves it
with `kb serve` on 127.0.0.1, then its public build (`kb publish`, served
with `kb serve --public --cache 0`: no article text, so search covers
titles; answer cache off so every request does its work), and
requests each page a bounded number of
times, one after another, over one keep-alive connection: the incidents
table as JSON, a full-text search over the reports as HTML and as JSON, a
facet page and a recipe (canned query). Prints p50 and p95 per page and
checks the goals: JSON p95 <= 50 ms, HTML p95 <= 150 ms (exit 1 if missed).

Usage: python bench/datasette.py [--reports 100000] [--requests 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DEFAULT_REPORTS, default_path, ensure_database  # noqa: E402
from load import published_copy  # noqa: E402
from server import kb_server  # noqa: E402

#: (name, path, kind) of each page measured; kind picks the goal.
PAGES = [
    ("incidents table JSON", "/kb/incidents.json", "json"),
    ("FTS search HTML", "/kb/incidents?_search=Northwind+Logistics", "html"),
    ("FTS search JSON", "/kb/incidents.json?_search=Northwind+Logistics", "json"),
    ("facet page HTML", "/kb/incidents?_facet=vendor&_facet=blamed&_facet=action_type", "html"),
    ("recipe JSON", "/kb/blamed_a_human.json", "json"),
]
GOALS_MS = {"json": 50, "html": 150}


def percentile(values: list[float], share: float) -> float:
    """The ``share`` (0..1) percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(client: httpx.Client, path: str, requests: int) -> list[float]:
    """Milliseconds of ``requests`` sequential GETs (after 5 warm-up ones); raises on non-200."""
    for _ in range(5):
        client.get(path).raise_for_status()
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--requests", type=int, default=200, help="Requests per page.")
    parser.add_argument("--db", type=Path, help="Generated database [default: data/bench/kb-100k.db].")
    args = parser.parse_args()
    db = ensure_database(args.db or default_path(args.reports), args.reports)
    missed = []
    for label, path, public in (("local", db, False), ("public", published_copy(db), True)):
        options = ("--cache", "0") if public else ()
        with kb_server(path, public=public, options=options) as url, \
                httpx.Client(base_url=url, timeout=30) as client:
            print(f"Datasette latency ({label} build), {args.reports} reports, {args.requests} "
                  f"requests per page ({url})")
            print(f"{'page':<24} {'p50 ms':>8} {'p95 ms':>8} {'goal':>8}")
            for name, page, kind in PAGES:
                timings = measure(client, page, args.requests)
                p50, p95 = statistics.median(timings), percentile(timings, 0.95)
                goal = GOALS_MS[kind]
                if p95 > goal:
                    missed.append(f"{name} ({label})")
                print(f"{name:<24} {p50:>8.1f} {p95:>8.1f} {'<=' + str(goal):>8} "
                      f"{'ok' if p95 <= goal else 'MISSED'}")
    if missed:
        print(f"goals missed: {', '.join(missed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
