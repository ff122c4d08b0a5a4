"""Benchmark data: the public Stortinget questions, a codebook written from the label names,
and resampled, perturbed copies for the speed runs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..codebook import Codebook

__all__ = [
    "DEFAULT_DATA",
    "INNSPILL_DATA",
    "load_benchmark",
    "load_innspill",
    "label_codebook",
    "perturbed_texts",
]

#: ``../shared/bench/public/stortinget_questions.csv`` relative to the repository.
DEFAULT_DATA = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "bench"
    / "public"
    / "stortinget_questions.csv"
)

#: Our own labelled answers to the built-in questionnaires (see data/ANNOTATION.md).
INNSPILL_DATA = Path(__file__).resolve().parent / "data" / "innspill_dev.csv"

#: Written from the label names and policy areas only (never from the texts), as a planner
#: would write a codebook before reading the answers.
_LABEL_THEMES = [
    (
        "barn_familie",
        "Barn og familie",
        "Barnehager, barnetrygd, foreldre, familie og barnevern.",
        [
            "barn",
            "familie",
            "foreldre",
            "barnehage",
            "barnetrygd",
            "kontantstøtte",
            "foreldrepermisjon",
            "barnevern",
            "likestilling",
        ],
    ),
    (
        "energi",
        "Olje og energi",
        "Olje- og gassvirksomhet, petroleum, kraft og strøm.",
        ["olje", "gass", "petroleum", "strøm", "kraft", "energi", "vannkraft", "sokkel"],
    ),
    (
        "finans",
        "Finans, skatt og avgifter",
        "Skatter, avgifter, budsjett og finansmarked.",
        ["skatt", "avgift", "moms", "toll", "budsjett", "finans", "bank", "pensjonsfond"],
    ),
    (
        "fiskeri",
        "Fiskeri og kyst",
        "Fiske, fiskeflåte, kvoter, havbruk og kystforvaltning.",
        ["fisk", "fiske", "fiskeri", "havbruk", "oppdrett", "kvote", "kyst", "havn", "laks"],
    ),
    (
        "helse",
        "Helse og omsorg",
        "Sykehus, pasienter, leger, eldreomsorg og folkehelse.",
        ["helse", "sykehus", "pasient", "lege", "omsorg", "sykehjem", "behandling", "eldre"],
    ),
    (
        "justis",
        "Justis og politi",
        "Politi, domstoler, fengsel, kriminalitet og beredskap.",
        ["politi", "domstol", "fengsel", "kriminalitet", "straff", "beredskap", "dom"],
    ),
    (
        "kultur",
        "Kultur og kirke",
        "Kunst, kultur, idrett, medier, frivillighet og kirken.",
        ["kultur", "kirke", "idrett", "museum", "kunst", "musikk", "film", "frivillig"],
    ),
    (
        "landbruk",
        "Landbruk og mat",
        "Jordbruk, bønder, matproduksjon, skogbruk og dyrehold.",
        ["landbruk", "bonde", "jordbruk", "mat", "matproduksjon", "skogbruk", "husdyr", "melk"],
    ),
    (
        "miljo",
        "Miljø og klima",
        "Klima, utslipp, forurensning, naturvern og rovdyr.",
        ["miljø", "klima", "utslipp", "forurensning", "natur", "vern", "rovdyr", "ulv"],
    ),
    (
        "naering",
        "Næring og handel",
        "Næringsliv, bedrifter, industri, handel og eierskap.",
        ["næring", "bedrift", "industri", "handel", "eksport", "verft", "reiseliv", "eierskap"],
    ),
    (
        "samferdsel",
        "Samferdsel",
        "Veier, jernbane, kollektivtransport, fly, ferjer og post.",
        ["vei", "veg", "jernbane", "tog", "buss", "kollektivtransport", "ferje", "fly", "post"],
    ),
    (
        "utdanning",
        "Utdanning og forskning",
        "Skole, lærere, elever, høyere utdanning og forskning.",
        ["skole", "lærer", "elev", "universitet", "høgskole", "student", "forskning", "utdanning"],
    ),
]


def label_codebook() -> Codebook:
    """Return the codebook written from the 12 benchmark label names."""
    return Codebook.from_dict(
        [{"key": k, "name": n, "description": d, "keywords": kw} for k, n, d, kw in _LABEL_THEMES]
    )


def load_benchmark(path: str | Path | None = None) -> pd.DataFrame:
    """Read the benchmark CSV (columns id, text, label)."""
    return pd.read_csv(path or DEFAULT_DATA, dtype=str, keep_default_na=False)


def load_innspill(split: str | None = None, path: str | Path | None = None) -> pd.DataFrame:
    """Read our labelled set; ``split`` "dev" or "holdout" keeps one part (None: both)."""
    frame = pd.read_csv(path or INNSPILL_DATA, dtype=str, keep_default_na=False)
    return frame if split is None else frame[frame["split"] == split].reset_index(drop=True)


def _typo(word: str, rng: np.random.RandomState) -> str:
    if len(word) < 4:
        return word
    i = rng.randint(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def perturbed_texts(texts: list[str], n: int, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """Resample ``n`` texts and perturb them: drop words, swap letters, change case.

    Returns the new texts and, for each, the index of the text it was made from.
    """
    rng = np.random.RandomState(seed)
    picked = rng.randint(0, len(texts), n)
    out = []
    for i in picked:
        words = texts[i].split()
        kept = [w for w in words if rng.rand() > 0.1] or words
        kept = [_typo(w, rng) if rng.rand() < 0.05 else w for w in kept]
        text = " ".join(kept)
        out.append(text.lower() if rng.rand() < 0.2 else text)
    return out, picked
