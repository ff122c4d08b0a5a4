"""Privacy guards for Innspill: masking of personal data and small-group suppression.

Both modules are pure Python (no Flask, no database) so that every page, export and
background job can call them. See ``README.md`` in this folder.
"""

from surveyapp.privacy.masking import (
    EPOST,
    FODSELSNUMMER,
    NAVN,
    PLACEHOLDERS,
    TELEFON,
    PiiMatch,
    find_pii,
    is_valid_fodselsnummer,
    mask_pii,
)
from surveyapp.privacy.suppression import (
    DEFAULT_THRESHOLD,
    Cell,
    HiddenReason,
    SuppressedCounts,
    SuppressedCrosstab,
    group_may_be_shown,
    suppress_counts,
    suppress_crosstab,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "EPOST",
    "FODSELSNUMMER",
    "NAVN",
    "PLACEHOLDERS",
    "TELEFON",
    "Cell",
    "HiddenReason",
    "PiiMatch",
    "SuppressedCounts",
    "SuppressedCrosstab",
    "find_pii",
    "group_may_be_shown",
    "is_valid_fodselsnummer",
    "mask_pii",
    "suppress_counts",
    "suppress_crosstab",
]
