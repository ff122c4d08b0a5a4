"""scripts/debian-packages.sh: installs only what is missing, and says what when it cannot."""

from __future__ import annotations

import os
import subprocess
import sys

from surveyapp.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "debian-packages.sh"


def _run(tmp_path, *, with_chromium: bool) -> subprocess.CompletedProcess:
    """Run the script for the test suite as a user without root or sudo (a fake ``id``)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    fake_id = tools / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n")
    fake_id.chmod(0o755)
    # the interpreter this venv was made from: it has venv and ensurepip
    os.symlink(os.path.realpath(sys.executable), tools / "python3.11")
    if with_chromium:
        os.symlink("/bin/true", tools / "chromium")
        os.symlink("/bin/true", tools / "redis-server")
    return subprocess.run(
        ["/bin/bash", str(SCRIPT), "test"],
        env={"PATH": str(tools)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_root_it_names_the_missing_packages_and_fails(tmp_path):
    result = _run(tmp_path, with_chromium=False)
    assert result.returncode == 1
    assert "chromium" in result.stderr
    assert "sudo apt-get install" in result.stderr


def test_nothing_missing_means_nothing_to_do(tmp_path):
    result = _run(tmp_path, with_chromium=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
