"""``python -m analysis.bench``: print quality, stability and speed tables (Markdown)."""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from pathlib import Path

from .data import DEFAULT_DATA, load_benchmark
from .quality import quality_rows, stability_row
from .speed import speed_row


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__)
    p.add_argument("--data", default=str(DEFAULT_DATA), help="benchmark CSV (id,text,label)")
    p.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated answer counts for the speed table ('' to skip)",
    )
    p.add_argument("--modes", default="discover,guided,coding", help="modes in the speed table")
    p.add_argument("--seeds", type=int, default=5, help="random states for the stability table")
    p.add_argument(
        "--quick",
        action="store_true",
        help="short run: fewer quality rows, 3 seeds, sizes 1000,10000",
    )
    p.add_argument("--skip", default="", help="comma-separated: quality,stability,speed")
    return p


def _table(rows: list[dict], columns: list[str]) -> str:
    def cell(v):
        if isinstance(v, float):
            return "–" if math.isnan(v) else (f"{v:.3f}" if abs(v) < 10 else f"{v:.0f}")
        return str(v)

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(r.get(c, "")) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if not Path(args.data).exists():
        print(f"error: benchmark data not found at {args.data} (use --data)", file=sys.stderr)
        return 2
    skip = set(filter(None, args.skip.split(",")))
    sizes = "1000,10000" if args.quick and args.sizes == "1000,10000,100000" else args.sizes
    seeds = 3 if args.quick and args.seeds == 5 else args.seeds
    frame = load_benchmark(args.data)
    texts, labels = frame["text"].tolist(), frame["label"].tolist()
    print(
        f"# Analysis benchmark ({time.strftime('%Y-%m-%d')}, Python {platform.python_version()},"
        f" {os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f})\n\n"
        f"Data: {args.data} ({len(texts)} texts, {len(set(labels))} labels)\n",
        flush=True,
    )
    if "quality" not in skip:
        rows = quality_rows(texts, labels, quick=args.quick)
        print(
            "## Quality\n\n"
            + _table(rows, ["method", "AMI", "NMI", "ARI", "acc", "themes", "seconds"])
            + "\n",
            flush=True,
        )
    if "stability" not in skip:
        rows = [stability_row(texts, "auto", list(range(seeds)))]
        if not args.quick:
            rows.append(stability_row(texts, len(set(labels)), list(range(seeds))))
        print(
            "## Stability (pairwise ARI across random states)\n\n"
            + _table(rows, ["method", "seeds", "mean ARI", "min ARI", "themes", "seconds/run"])
            + "\n",
            flush=True,
        )
    if "speed" not in skip and sizes:
        rows = [
            speed_row(args.data, int(n), mode)
            for n in sizes.split(",")
            for mode in args.modes.split(",")
        ]
        print(
            "## Speed and memory (fresh process per run)\n\n"
            + _table(rows, ["size", "mode", "seconds", "CPU seconds", "load", "peak MiB", "note"])
            + "\n",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
