"""Agreement between found themes and reference labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score
from sklearn.metrics import normalized_mutual_info_score

__all__ = ["scores", "matched_accuracy"]


def matched_accuracy(truth, found) -> float:
    """Accuracy after the best one-to-one matching of found themes to labels (Hungarian)."""
    table = pd.crosstab(pd.Series(list(truth)), pd.Series(list(found))).to_numpy()
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum() / table.sum())


def scores(truth, found) -> dict[str, float]:
    """Return AMI, NMI (arithmetic), ARI and matched accuracy."""
    truth, found = np.asarray(truth, dtype=str), np.asarray(found, dtype=str)
    return {
        "AMI": adjusted_mutual_info_score(truth, found),
        "NMI": normalized_mutual_info_score(truth, found),
        "ARI": adjusted_rand_score(truth, found),
        "acc": matched_accuracy(truth, found),
    }
