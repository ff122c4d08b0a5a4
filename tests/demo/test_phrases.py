"""The demo phrases live in YAML (surveyapp/demo/data/) and give the answers they gave in code."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import asdict

from surveyapp.demo import texts
from surveyapp.demo.phrases import DATA, load

#: digest of the first 500 answers below, taken from the generator before its phrases moved
#: out of Python; change it only together with a deliberate change to the phrases
GOLDEN = "bd193cef6404e61065fa4e20039f04b1fd082f993c147a0f9495a3b3d4ff4ab9"
ROLES = (None, "Ansatt", "Ungdom", "Forelder", "Leder")


def test_every_data_file_loads_with_lists_as_tuples():
    for path in sorted(DATA.glob("*.yaml")):
        data = load(path.stem)
        assert data and isinstance(data, dict), path.name
    assert isinstance(load("common")["services"], tuple)
    assert isinstance(load("nynorsk")["substrings"][0], tuple)


def test_same_seed_gives_the_same_answers_as_before_the_move():
    answers = []
    for seed in range(50):
        rng = random.Random(seed)
        for key in texts.QUESTION_KEYS:
            role = ROLES[seed % len(ROLES)]
            service, age_group = texts.pick_service(rng), texts.pick_age_group(rng)
            answer = texts.compose_answer(key, rng, role=role, service=service, age_group=age_group)
            answers.append(asdict(answer))
    text = json.dumps(answers, ensure_ascii=False, sort_keys=True)
    assert hashlib.sha256(text.encode()).hexdigest() == GOLDEN
