"""XLSForm out and back: the built-ins convert with pyxform and come back the same."""

from __future__ import annotations

import pytest
from pyxform.xls2xform import convert

from surveyapp.config import PROJECT_ROOT
from surveyapp.definitions import load_directory
from surveyapp.definitions.xlsform import read_xlsform, write_xlsform

BUILT_INS = load_directory(PROJECT_ROOT / "questionnaires")


@pytest.mark.parametrize("key", sorted(BUILT_INS))
def test_built_in_exports_to_an_xlsform_pyxform_converts(key):
    warnings: list[str] = []
    result = convert(write_xlsform(BUILT_INS[key]), warnings=warnings)
    assert "<h:html" in result.xform
    assert warnings == []


@pytest.mark.parametrize("key", sorted(BUILT_INS))
def test_built_in_comes_back_the_same(key):
    imported = read_xlsform(write_xlsform(BUILT_INS[key]))
    assert imported.definition == BUILT_INS[key]
    assert imported.skipped == ()
