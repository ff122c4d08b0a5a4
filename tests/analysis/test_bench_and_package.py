"""Benchmark helpers and package hygiene."""

import subprocess
import sys
from pathlib import Path

import pytest

from analysis import semantic
from analysis.bench.data import label_codebook, perturbed_texts
from analysis.bench.metrics import matched_accuracy, scores
from analysis.bench.references import codebook_meaning_match, codebook_word_match
from analysis.codebook import Codebook

ROOT = Path(__file__).parents[2]


def test_matched_accuracy_uses_best_one_to_one_matching():
    assert matched_accuracy(list("aabbcc"), list("xxyyzz")) == 1.0
    assert matched_accuracy(list("aabb"), list("xxxx")) == 0.5


def test_scores_are_perfect_for_a_relabelled_partition():
    result = scores(list("aabbcc"), list("112233"))
    assert result["AMI"] == pytest.approx(1.0) and result["ARI"] == pytest.approx(1.0)


def test_perturbed_texts_are_deterministic_and_traceable():
    source = ["Om tiltak for bedre kollektivtransport i byene", "Om skatt på fritidsbolig"]
    a, idx = perturbed_texts(source, 50, seed=1)
    b, _ = perturbed_texts(source, 50, seed=1)
    assert a == b and len(a) == 50 and set(idx) <= {0, 1}


@pytest.mark.skipif(not semantic.available(), reason="needs the embedding model")
def test_meaning_reference_reads_answers_that_share_no_word_with_the_theme():
    book = Codebook.from_dict(
        {
            "themes": [
                {"key": "mobbing", "name": "Mobbing", "keywords": ["mobbing", "utestengt"]},
                {"key": "ventetid", "name": "Ventetid", "keywords": ["ventetid", "venteliste"]},
            ]
        }
    )
    texts = [
        "Mobbing i friminuttene",
        "Lang ventetid hos BUP",
        "De andre i klassen plager meg og vil ikke ha meg med",
        "Vi har stått på venteliste i åtte måneder",
    ]
    assert codebook_word_match(texts, book)[2] == "annet", "no word in common"
    found = codebook_meaning_match(texts, book, semantic.embed_answers(texts))
    assert found == ["mobbing", "ventetid", "mobbing", "ventetid"]


def test_label_codebook_has_one_theme_per_label():
    assert len(label_codebook().themes) == 12


def test_bench_refuses_missing_data(tmp_path, capsys):
    from analysis.bench.__main__ import main

    assert main(["--data", str(tmp_path / "missing.csv")]) == 2
    assert "benchmark data not found" in capsys.readouterr().err
    assert main(["--own", str(tmp_path / "ours.csv")]) == 2
    assert "our labelled set not found" in capsys.readouterr().err


def test_library_never_imports_flask_or_the_app():
    code = (
        "import sys, analysis, analysis.cli, analysis.bench.quality; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'surveyapp')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
