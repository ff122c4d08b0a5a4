"""Plain functions that change or query state; views and CLI commands call them and commit.

Packages by stage: imports, results (snapshots, overview, charts), analysis, themes, report,
exports, ideawall; single modules for rounds, responses, findings, access, audit,
organisations and the rest.
"""
