"""``python -m analysis.bench.background``: write the background answers, their themes (as
labelled, keyed as in the built-in § 15-1 codebook) and their vectors.

Run again when the labelled set's development part or the sentence model changes; the files go
to ``analysis/data/`` (see :mod:`analysis.background`).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from analysis import semantic
from analysis.codebook import OTHER_KEY

from .data import load_innspill

DATA = Path(__file__).resolve().parents[1] / "data"


def main() -> None:
    dev = load_innspill("dev")
    texts = list(dev.text)
    labels = [None if label == OTHER_KEY else label for label in dev.label]
    stored = {"model": semantic.MODEL_NAME, "texts": texts, "labels": labels}
    (DATA / "background.json").write_text(
        json.dumps(stored, ensure_ascii=False, indent=0), encoding="utf-8"
    )
    np.save(DATA / "background.npy", semantic.embed_answers(texts).astype(np.float16))
    print(f"{len(texts)} background answers written to {DATA}")


if __name__ == "__main__":
    main()
