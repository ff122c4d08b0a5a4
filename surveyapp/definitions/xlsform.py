"""XLSForm in and out: the open form standard of KoboToolbox, ODK and many public bodies.

Pure conversion between an .xlsx XLSForm and a :class:`QuestionnaireDefinition`; knows
nothing about Flask or the database. See README.md, "XLSForm support", for what maps to what.
"""

from surveyapp.definitions.xlsform_format import SkippedRow, XLSFormImport
from surveyapp.definitions.xlsform_read import read_xlsform
from surveyapp.definitions.xlsform_write import write_xlsform
from surveyapp.exceptions import InvalidXLSForm

__all__ = ["InvalidXLSForm", "SkippedRow", "XLSFormImport", "read_xlsform", "write_xlsform"]
