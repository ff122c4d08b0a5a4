"""Build the demo organisation, logins, rounds and about 600 responses, deterministically."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from surveyapp.definitions import Question, QuestionnaireDefinition
from surveyapp.demo import texts
from surveyapp.extensions import db
from surveyapp.models import Organisation, Round, today, utcnow
from surveyapp.services import organisations, questionnaires
from surveyapp.services.responses import new_response
from surveyapp.services.rounds import RoundSettings, create_round

DEMO_ORGANISATION = "Midtdalen"
DEMO_MUNICIPALITIES = (("Nord-Fron", "3436"), ("Sør-Fron", "3437"), ("Ringebu", "3439"))
DEMO_EMAIL = "kari@midtdalen.example"
DEMO_PASSWORD = "innspill-demo"
DEMO_ADMIN = "ingrid@midtdalen.example"
DEMO_ACCESS_CODE = "ungdom2026"


@dataclass(frozen=True)
class DemoRound:
    questionnaire: str
    title: str
    audience: str
    share: float
    access_code: str | None = None


DEMO_ROUNDS = (
    DemoRound("tjenester", "Spørreundersøkelse til tjenestene 2026", "staff", 0.42),
    DemoRound("innspill_fire_tema", "Innspillsmøter: fire tema", "open", 0.33),
    DemoRound("ungdomsrad", "Ungdomsrådet mener", "youth", 0.15, DEMO_ACCESS_CODE),
    DemoRound("samarbeid_bti", "Evaluering av BTI-samarbeidet", "staff", 0.10),
)


def database_is_empty() -> bool:
    return db.session.scalar(db.select(db.func.count(Organisation.id))) == 0


def _shown(question: Question, values: dict[str, Any]) -> bool:
    if question.show_if is None:
        return True
    given = values.get(question.show_if.question)
    given = given if isinstance(given, list) else [given]
    return any(v in question.show_if.values for v in given)


def _choice(question: Question, rng: random.Random, context: dict[str, Any], municipalities):
    if question.background == "service" and "service" in context:
        return context["service"]
    if question.background == "role" and "role" in context:
        return context["role"]
    if question.background == "age_group" and question.key == "alder":
        return texts.pick_age_group(rng)
    if question.options_from == "municipalities":
        return rng.choices([m.name for m in municipalities], weights=[5, 3, 4][: len(municipalities)])[0]
    return rng.choice(question.option_values())


def _value(question: Question, rng: random.Random, context: dict[str, Any], round_: Round):
    tendency = context["tendency"]
    kind = question.type
    if kind == "single_choice":
        return _choice(question, rng, context, round_.municipalities)
    if kind == "multiple_choice":
        options = question.option_values()
        return sorted(rng.sample(options, k=rng.randint(1, min(3, len(options)))), key=options.index)
    if kind == "likert":
        value = texts.likert_answer(rng, tendency)
        return "vet_ikke" if value is None else value
    if kind == "likert_grid":
        grid = {}
        for item in question.items or []:
            value = texts.likert_answer(rng, tendency)
            grid[item.key] = "vet_ikke" if value is None else value
        return grid
    if kind in ("short_text", "long_text"):
        return texts.free_text_answer(
            question.key, rng, role=context.get("role"), service=context.get("service"),
            nynorsk=context["nynorsk"],
        )
    if kind == "number":
        low, high = int(question.min or 0), int(question.max or 100)
        return rng.randint(low, high)
    raise ValueError(f"unknown question type {kind}")


def _values(definition: QuestionnaireDefinition, rng: random.Random, round_: Round) -> dict:
    context: dict[str, Any] = {
        "tendency": rng.uniform(2.2, 4.3),
        "nynorsk": rng.random() < 0.1,
    }
    if definition.audience == "staff":
        context["service"] = texts.pick_service(rng)
    if definition.id == "innspill_fire_tema":
        context["role"] = texts.pick_role(rng)
        if context["role"] in ("Ansatt", "Leder"):
            context["service"] = texts.pick_service(rng)
    values: dict[str, Any] = {}
    for question in definition.questions():
        if not _shown(question, values):
            continue
        values[question.key] = _value(question, rng, context, round_)
    return values


def load_demo(responses: int = 600, seed: int = 15) -> str:
    """Create the demo workspace and return a one-line summary."""
    rng = random.Random(seed)
    org = organisations.create_organisation(DEMO_ORGANISATION, [m for m, _ in DEMO_MUNICIPALITIES])
    numbers = dict(DEMO_MUNICIPALITIES)
    for municipality in org.municipalities:
        municipality.number = numbers[municipality.name]
    planner = organisations.create_user(DEMO_EMAIL, DEMO_PASSWORD, "planner", org, "Kari Planlegger")
    organisations.create_user(DEMO_ADMIN, DEMO_PASSWORD, "admin", org, "Ingrid IT")
    opened = utcnow() - timedelta(days=14)
    created = 0
    for spec in DEMO_ROUNDS:
        version = questionnaires.latest_version(spec.questionnaire)
        definition = questionnaires.definition_of(version)
        settings = RoundSettings(
            title=spec.title, audience=spec.audience, anonymous=True, opens_at=opened,
            closes_at=opened + timedelta(days=28), access_code=spec.access_code,
        )
        round_ = create_round(org, version, settings, created_by=planner)
        for _ in range(round(responses * spec.share)):
            key = uuid.UUID(int=rng.getrandbits(128)).hex
            response = new_response(round_, _values(definition, rng, round_), key,
                                    language="nn" if rng.random() < 0.08 else "nb")
            response.submitted_on = today() - timedelta(days=int(rng.triangular(0, 13, 1)))
            db.session.add(response)
            created += 1
    db.session.commit()
    return (
        f"Loaded demo organisation {org.name} ({', '.join(m.name for m in org.municipalities)}) "
        f"with {len(DEMO_ROUNDS)} open rounds and {created} responses."
    )
