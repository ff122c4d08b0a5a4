"""The questionnaire builder: an organisation's own questionnaires, their drafts and versions.

* :mod:`.versions` creates questionnaires (blank, copied, imported) and saves a draft as a new
  immutable version, moving only rounds that cannot have answers yet;
* :mod:`.draft` edits the work in progress (sections, questions, order) as plain data;
* :mod:`.checks` explains in Norwegian what stops a draft from being saved, and what is
  missing in bokmål or nynorsk;
* :mod:`.upload` reads an uploaded XLSForm or YAML file and keeps it between preview and
  confirmation in a signed form field (never in one process's memory).
"""
