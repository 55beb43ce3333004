"""Extraction benchmark: `kb analyze` throughput on the mixed corpus.

The corpus is every document of ../shared/seeds, corpus/agent-failures,
corpus/agent-incident-log and corpus/news-html (real pages, nearly all not
about incidents). Each run is a fresh process, as a user runs it:

1. `kb analyze --jobs 1` and `kb analyze --jobs 2`: documents/s and peak RSS;
2. the naive approach: the full spaCy pipeline on every document's text
   (same reading and text extraction, no pre-filter, no extraction rules).

Prints documents/s, the ratio to the naive run, and peak memory.
Usage: python bench/analyze.py [--limit N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FOLDERS = ["seeds", "corpus/agent-failures", "corpus/agent-incident-log", "corpus/news-html"]

NAIVE = """
import sys
from pathlib import Path
from kb.nlp.model import load_model
from kb.text import DocumentError, read_document
nlp = load_model()
for line in open(sys.argv[1]):
    try:
        document = read_document(Path(line.strip()))
    except DocumentError:
        continue
    nlp(document.text)
"""


def corpus_files(limit: int | None) -> list[Path]:
    """The benchmark's documents, in a stable order."""
    from kb.text import is_supported

    files = [p for folder in FOLDERS for p in sorted((SHARED / folder).rglob("*"))
             if p.is_file() and is_supported(p)]
    return files[:limit] if limit else files


#: Runs a command and prints the peak RSS (kB) of it and its children: one fresh
#: process per measurement, so each peak is its own.
PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed(command: list[str]) -> tuple[float, float]:
    """Run ``command``; returns (seconds, peak RSS of it or its children, MB)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], check=True, cwd=REPO,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return seconds, int(done.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="Use only the first N documents.")
    args = parser.parse_args()
    files = corpus_files(args.limit)
    listing = REPO / "data" / "bench-files.txt"
    listing.parent.mkdir(exist_ok=True)
    listing.write_text("\n".join(map(str, files)))
    kb = str(Path(sys.executable).parent / "kb")
    print(f"documents: {len(files)} from {', '.join(FOLDERS)}")
    naive_seconds, naive_rss = timed([sys.executable, "-c", NAIVE, str(listing)])
    naive_rate = len(files) / naive_seconds
    print(f"naive (full spaCy pipeline on every document): {naive_seconds:.1f}s = "
          f"{naive_rate:.1f} documents/s, peak RSS {naive_rss:.0f} MB")
    for jobs in (1, 2):
        seconds, rss = timed([kb, "analyze", "--jobs", str(jobs), *map(str, files)])
        rate = len(files) / seconds
        print(f"kb analyze --jobs {jobs}: {seconds:.1f}s = {rate:.1f} documents/s "
              f"({rate / naive_rate:.2f}x naive), peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
