"""``python -m analysis.bench``: quality on our own answers and the public set, beside plain
references, plus stability, speed and memory (Markdown tables)."""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from .. import semantic
from ..codebook import load_codebook
from .data import DEFAULT_DATA, INNSPILL_DATA, label_codebook, load_benchmark, load_innspill
from .quality import quality_rows, stability_row
from .speed import speed_row

QUALITY_COLUMNS = ["method", "acc", "AMI", "invented", "annet", "largest", "themes", "seconds"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__)
    p.add_argument("--data", default=str(DEFAULT_DATA), help="public benchmark CSV (id,text,label)")
    p.add_argument("--own", default=str(INNSPILL_DATA), help="our labelled CSV (with a split column)")
    p.add_argument(
        "--sizes",
        default="10000,100000",
        help="comma-separated answer counts for the speed table ('' to skip)",
    )
    p.add_argument("--modes", default="discover,guided,coding", help="modes in the speed table")
    p.add_argument("--seeds", type=int, default=5, help="random states for the stability table")
    p.add_argument("--quick", action="store_true", help="short run: fewer rows, 3 seeds, 10k only")
    p.add_argument("--skip", default="", help="comma-separated: own,public,stability,speed")
    return p


def _table(rows: list[dict], columns: list[str]) -> str:
    def cell(v):
        if v is None or v == "":
            return ""
        if isinstance(v, float):
            return "–" if math.isnan(v) else (f"{v:.3f}" if abs(v) < 10 else f"{v:.0f}")
        return str(v)

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(r.get(c, "")) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def _vectors(texts: list[str]):
    """Embed once per set, as the app does when answers are stored (None without the model)."""
    if not semantic.available():
        print("(no embedding model installed: lexical evidence only)\n", flush=True)
        return None
    t0 = time.perf_counter()
    vectors = semantic.embed_answers(texts)
    seconds = time.perf_counter() - t0
    print(
        f"Embedded {len(texts)} answers in {seconds:.1f} s "
        f"({1000 * seconds / max(len(texts), 1):.1f} ms each; the app does this once per answer, "
        "when it is stored)\n",
        flush=True,
    )
    return vectors


def _quality(title: str, texts, labels, codebook, quick: bool, questions=None):
    """Print the quality table of one set; return the vectors it embedded."""
    print(f"## {title} ({len(texts)} answers, {len(set(labels))} labels)\n", flush=True)
    vectors = _vectors(texts)
    rows = quality_rows(texts, labels, codebook, vectors, quick=quick, questions=questions)
    print(_table(rows, QUALITY_COLUMNS) + "\n", flush=True)
    return vectors


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    sizes = "10000" if args.quick and args.sizes == "10000,100000" else args.sizes
    seeds = 3 if args.quick and args.seeds == 5 else args.seeds
    print(
        f"# Analysis benchmark ({time.strftime('%Y-%m-%d')}, Python {platform.python_version()},"
        f" {os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f})\n\n"
        "acc: share of answers (labelled with a theme) whose theme is the label, for coding modes"
        " on the uncoded answers only; AMI: adjusted mutual information with the labels;"
        " invented: share of all answers in themes the codebook did not have; largest: share of"
        " all answers in the largest theme.\n",
        flush=True,
    )
    # Both sets are checked before any work: a missing one is an error at once, not after
    # minutes of measuring the other.
    if "own" not in skip and not Path(args.own).exists():
        print(f"error: our labelled set not found at {args.own}", file=sys.stderr)
        return 2
    if not Path(args.data).exists():
        print(f"error: benchmark data not found at {args.data} (use --data)", file=sys.stderr)
        return 2
    if "own" not in skip:
        book = load_codebook("15-1")
        for split in ("dev", "holdout"):
            frame = load_innspill(split, args.own)
            title = f"Our answers, {split} part" + (
                " (never used for tuning)" if split == "holdout" else ""
            )
            questions = (frame["questionnaire"] + "/" + frame["question"]).tolist()
            texts, labels = frame["text"].tolist(), frame["label"].tolist()
            _quality(title, texts, labels, book, args.quick, questions)
    public = load_benchmark(args.data)
    texts, labels = public["text"].tolist(), public["label"].tolist()
    vectors = None
    if "public" not in skip:
        vectors = _quality(
            "Public set: Storting question titles", texts, labels, label_codebook(), args.quick
        )
    elif semantic.available():
        vectors = semantic.embed_answers(texts)
    if "stability" not in skip:
        rows = [stability_row(texts, vectors, "auto", list(range(seeds)))]
        if not args.quick:
            rows.append(stability_row(texts, vectors, 12, list(range(seeds))))
        print(
            "## Stability on the public set (pairwise ARI across random states)\n\n"
            + _table(rows, ["method", "seeds", "mean ARI", "min ARI", "themes", "seconds/run"])
            + "\n",
            flush=True,
        )
    if "speed" not in skip and sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = None
            if vectors is not None:
                path = str(Path(tmp) / "vectors.npy")
                np.save(path, vectors)
            rows = [
                speed_row(args.data, int(n), mode, path)
                for n in sizes.split(",")
                for mode in args.modes.split(",")
            ]
        print(
            "## Speed and memory (fresh process per run, stored sentence vectors)\n\n"
            + _table(rows, ["size", "mode", "seconds", "CPU seconds", "load", "peak MiB", "note"])
            + "\n",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
