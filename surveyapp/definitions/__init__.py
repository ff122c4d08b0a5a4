"""Questionnaire definitions: the YAML format, its validation and loading."""

from surveyapp.definitions.loader import (
    as_data,
    checksum,
    load_directory,
    load_file,
    parse_definition,
    questionnaire_files,
)
from surveyapp.definitions.schema import QUESTION_TYPES, Question, QuestionnaireDefinition

__all__ = [
    "QUESTION_TYPES",
    "Question",
    "QuestionnaireDefinition",
    "as_data",
    "checksum",
    "load_directory",
    "load_file",
    "parse_definition",
    "questionnaire_files",
]
