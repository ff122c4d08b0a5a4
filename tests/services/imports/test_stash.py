"""Uploads kept between import steps: only for their owner, gone when dropped or old."""

from __future__ import annotations

import os
import time
from pathlib import Path

from surveyapp.services.imports import stash as import_stash


def test_save_load_update_drop(app, tmp_path):
    app.config["IMPORT_FOLDER"] = str(tmp_path)
    token = import_stash.save(b"data", {"user_id": 7})
    assert import_stash.load(token, 7) == (b"data", {"user_id": 7})
    assert import_stash.load(token, 8) is None
    import_stash.update(token, {"user_id": 7, "mapping": ["x"]})
    assert import_stash.load(token, 7)[1]["mapping"] == ["x"]
    import_stash.drop(token)
    assert import_stash.load(token, 7) is None
    assert list(Path(tmp_path).iterdir()) == []


def test_tokens_cannot_walk_the_file_system(app, tmp_path):
    app.config["IMPORT_FOLDER"] = str(tmp_path)
    assert import_stash.load("../../etc/passwd", 1) is None
    assert import_stash.load("a" * 25 + "/..", 1) is None


def test_old_uploads_are_purged(app, tmp_path):
    app.config["IMPORT_FOLDER"] = str(tmp_path)
    token = import_stash.save(b"old", {"user_id": 1})
    past = time.time() - import_stash.MAX_AGE - 10
    for path in Path(tmp_path).iterdir():
        os.utime(path, (past, past))
    import_stash.purge_old()
    assert import_stash.load(token, 1) is None
