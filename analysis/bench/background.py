"""``python -m analysis.bench.background``: write the background answers and their vectors.

Run again when the labelled set's development part or the sentence model changes; the files go
to ``analysis/data/`` (see :mod:`analysis.background`).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from analysis import semantic

from .data import load_innspill

DATA = Path(__file__).resolve().parents[1] / "data"


def main() -> None:
    texts = list(load_innspill("dev").text)
    (DATA / "background.json").write_text(
        json.dumps({"model": semantic.MODEL_NAME, "texts": texts}, ensure_ascii=False, indent=0),
        encoding="utf-8",
    )
    np.save(DATA / "background.npy", semantic.embed_answers(texts).astype(np.float16))
    print(f"{len(texts)} background answers written to {DATA}")


if __name__ == "__main__":
    main()
