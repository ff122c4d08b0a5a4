"""Random valid questionnaires survive YAML → XLSForm → YAML unchanged, and every XLSForm
Innspill writes is one pyxform converts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from pyxform.xls2xform import convert

from surveyapp.definitions.xlsform import read_xlsform, write_xlsform
from surveyapp.definitions.yaml_io import read_yaml, write_yaml
from tests.definitions.strategies import definitions

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(definitions())
def test_yaml_to_xlsform_to_yaml_is_unchanged(definition):
    text = write_yaml(definition)
    imported = read_xlsform(write_xlsform(read_yaml(text)))
    assert imported.skipped == ()
    assert write_yaml(imported.definition) == text
    assert imported.definition == definition


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(definitions())
def test_every_written_xlsform_converts_with_pyxform(definition):
    convert(write_xlsform(definition))
