"""The command line: ``python -m analysis themes ...``."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main

DATA = Path(__file__).parent / "data" / "answers.csv"


def _run(tmp_path, *extra, name="out.csv"):
    out = tmp_path / name
    code = main(
        [
            "themes",
            str(DATA),
            "--text-column",
            "text",
            "--id-column",
            "id",
            "--out",
            str(out),
            *extra,
        ]
    )
    return code, out


def test_discover_writes_every_row_with_theme_columns(tmp_path, capsys):
    code, out = _run(tmp_path, "--n-themes", "4")
    assert code == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    source = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    assert list(frame.columns) == [
        "id",
        "text",
        "theme_input",
        "theme",
        "theme_label",
        "confidence",
    ]
    assert frame["theme_input"].tolist() == source["theme"].tolist()
    assert frame["id"].tolist() == source["id"].tolist()
    assert (frame.loc[60:64, "theme"] == "ikke_svar").all()
    printed = capsys.readouterr().out
    assert "67 svar" in printed and "«" in printed


def test_same_input_and_seed_give_identical_bytes(tmp_path):
    _, first = _run(tmp_path, "--codebook", "15-1", "--random-state", "3", name="a.csv")
    _, second = _run(tmp_path, "--codebook", "15-1", "--random-state", "3", name="b.csv")
    assert first.read_bytes() == second.read_bytes()


def test_coded_column_keeps_planner_coding(tmp_path):
    source = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    source.loc[source.index % 3 != 0, "theme"] = ""
    coded_file = tmp_path / "coded.csv"
    source.to_csv(coded_file, index=False)
    out = tmp_path / "out.csv"
    assert (
        main(
            [
                "themes",
                str(coded_file),
                "--text-column",
                "text",
                "--coded-column",
                "theme",
                "--out",
                str(out),
                "--quiet",
            ]
        )
        == 0
    )
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    coded = source["theme"] != ""
    assert (frame.loc[coded, "theme"] == source.loc[coded, "theme"]).all()
    assert (frame.loc[coded, "confidence"] == "1.000").all()


def test_codebook_file(tmp_path):
    book = tmp_path / "book.yaml"
    book.write_text(
        "themes:\n  - key: fritid\n    name: Fritid\n    keywords: [fritid, klubb]\n"
        "  - key: tid\n    name: Tid\n    keywords: [tid, bemanning]\n",
        encoding="utf-8",
    )
    code, out = _run(tmp_path, "--codebook", str(book), "--quiet")
    assert code == 0
    themes = set(pd.read_csv(out)["theme"])
    assert {"fritid", "tid"} <= themes


@pytest.mark.parametrize(
    "extra",
    [
        ["--text-column", "missing"],
        ["--n-themes", "many"],
        ["--n-themes", "0"],
        ["--codebook", "no-such-file.yaml"],
    ],
)
def test_clear_errors_exit_with_2(tmp_path, capsys, extra):
    args = ["themes", str(DATA), "--text-column", "text", "--out", str(tmp_path / "o.csv")]
    assert main(args + extra) == 2
    assert capsys.readouterr().err.startswith("error:")


def test_missing_input_file_is_a_clear_error(tmp_path, capsys):
    assert (
        main(
            [
                "themes",
                str(tmp_path / "none.csv"),
                "--text-column",
                "t",
                "--out",
                str(tmp_path / "o.csv"),
            ]
        )
        == 2
    )


def test_module_entry_point(tmp_path):
    out = tmp_path / "o.csv"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "themes",
            str(DATA),
            "--text-column",
            "text",
            "--n-themes",
            "3",
            "--out",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert out.exists()
