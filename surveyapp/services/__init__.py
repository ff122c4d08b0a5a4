"""Plain functions that change or query state; views and CLI commands call them and commit.

Packages by stage: imports, analysis, themes, report, exports, ideawall; single modules for
rounds, responses, overview, findings, access, audit, organisations and the rest.
"""
