"""Extraction benchmark: `kb analyze` throughput on the mixed corpus.

The corpus is every document of ../shared/seeds, corpus/agent-failures,
corpus/agent-incident-log and corpus/news-html (real pages, nearly all not
about incidents). Each run is a fresh process, as a user runs it:

1. the naive approach: the stock spaCy pipeline (every component) on every
   document's text, after the same reading and text extraction;
2. `kb analyze --jobs 1` and `kb analyze --jobs 2` on every document;
3. `kb analyze` on one small file that the pre-filter rules out, which is the
   start-up cost that the runs above include (Python imports; the spaCy model
   is loaded only once a document needs parsing, so its loading counts in the
   runs, not in the start-up).

Prints, per run: documents/s including start-up (the headline: what a user
waits for), documents/s and CPU ms per document without the start-up, and
peak RSS (the largest of the process and its workers); and the ratio of
`kb analyze` to the naive run. The goals are >= 100 documents/s with 2
processes, >= 3x the naive run and a peak RSS <= 1 GB. CPU time (user + sys
of the process and its workers) is the figure to compare on a busy machine:
100 documents/s on 2 processes needs about 20 ms of CPU per document.

Usage: python bench/analyze.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FOLDERS = ["seeds", "corpus/agent-failures", "corpus/agent-incident-log", "corpus/news-html"]

NAIVE = """
import sys
from pathlib import Path
import spacy
from kb.nlp.model import model_name
from kb.text import DocumentError, read_document
nlp = spacy.load(model_name())
for line in open(sys.argv[1]):
    try:
        document = read_document(Path(line.strip()))
    except DocumentError:
        continue
    nlp(document.text)
"""

#: Runs a command, then prints its children's peak RSS (kB) and CPU seconds as JSON:
#: one fresh process per measurement, so each figure is its own. Workers that the
#: command waited for count as its children.
MEASURE = """
import json, resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rss_kb": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}))
"""


@dataclass
class Run:
    """One measured process: wall seconds, CPU seconds (user + sys, with workers), peak MB."""

    wall: float
    cpu: float
    rss_mb: float


def corpus_files(limit: int | None) -> list[Path]:
    """The benchmark's documents, in a stable order."""
    from kb.text import is_supported

    files = [p for folder in FOLDERS for p in sorted((SHARED / folder).rglob("*"))
             if p.is_file() and is_supported(p)]
    return files[:limit] if limit else files


def measure(command: list[str]) -> Run:
    """Run ``command`` in a fresh process and measure it."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], check=True, cwd=REPO,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(wall, figures["cpu"], figures["rss_kb"] / 1024)


def figures(run: Run, count: int, startup: Run) -> dict:
    """Documents/s with and without start-up, CPU ms per document without it, peak MB."""
    warm_wall = max(run.wall - startup.wall, 1e-9)
    return {"rate": count / run.wall, "warm_rate": count / warm_wall,
            "cpu_ms": max(run.cpu - startup.cpu, 0.0) / count * 1000, "rss": run.rss_mb,
            "wall": run.wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="Use only the first N documents.")
    args = parser.parse_args()
    files = corpus_files(args.limit)
    listing = REPO / "data" / "bench-files.txt"
    listing.parent.mkdir(exist_ok=True)
    listing.write_text("\n".join(map(str, files)))
    # a file the pre-filter rules out: running on it costs only the start-up
    idle = REPO / "data" / "bench-startup.txt"
    idle.write_text("Start-up check\nThe council approved the park budget.\n")
    kb = str(Path(sys.executable).parent / "kb")
    count = len(files)
    print(f"documents: {count} from {', '.join(FOLDERS)}", flush=True)

    startup = measure([kb, "analyze", str(idle)])
    print(f"start-up (kb analyze on one ruled-out file): {startup.wall:.1f}s wall, "
          f"{startup.cpu:.1f}s CPU", flush=True)
    runs = {"naive": measure([sys.executable, "-c", NAIVE, str(listing)])}
    for jobs in (1, 2):
        runs[jobs] = measure([kb, "analyze", "--jobs", str(jobs), *map(str, files)])
        print(f"kb analyze --jobs {jobs}: {runs[jobs].wall:.1f}s", flush=True)
    result = {key: figures(run, count, startup) for key, run in runs.items()}
    naive = result["naive"]
    print(f"\n{'':34} {'docs/s':>7} {'docs/s':>8} {'CPU ms':>7} {'peak':>7} {'x naive':>8}")
    print(f"{'':34} {'(all)':>7} {'(warm)':>8} {'/doc':>7} {'RSS MB':>7} {'(all)':>8}")
    for key, label in (("naive", "naive: stock spaCy on every doc"),
                       (1, "kb analyze, 1 process"), (2, "kb analyze, 2 processes")):
        row = result[key]
        print(f"{label:34} {row['rate']:7.1f} {row['warm_rate']:8.1f} {row['cpu_ms']:7.0f} "
              f"{row['rss']:7.0f} {row['rate'] / naive['rate']:7.2f}x")
    print(f"\ndocuments: {count}; (all) = wall clock of a fresh `kb analyze` including "
          f"start-up ({startup.wall:.1f}s: imports, no spaCy); (warm) = without it; CPU = "
          f"user+sys of the process and its workers, without the start-up's "
          f"{startup.cpu:.1f}s.")
    print("goals: >= 100 docs/s on 2 processes, >= 3x naive, peak RSS <= 1024 MB; "
          "100 docs/s on 2 processes needs <= ~20 ms CPU/doc.")


if __name__ == "__main__":
    main()
