"""Questionnaires and their immutable versions.

A round pins the exact version it was opened with, so editing a questionnaire file later
never changes what collected answers mean.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.exceptions import ImmutableRecord
from surveyapp.models.base import Base, utcnow


class Questionnaire(Base):
    __tablename__ = "questionnaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the ``id`` in the YAML file, e.g. ``tjenester``
    key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    versions: Mapped[list[QuestionnaireVersion]] = relationship(
        back_populates="questionnaire", order_by="QuestionnaireVersion.version"
    )

    @property
    def latest(self) -> QuestionnaireVersion | None:
        return self.versions[-1] if self.versions else None

    def __repr__(self) -> str:
        return f"<Questionnaire {self.id} {self.key!r}>"


class QuestionnaireVersion(Base):
    __tablename__ = "questionnaire_version"
    __table_args__ = (UniqueConstraint("questionnaire_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"))
    version: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    #: the validated definition, as loaded from YAML (see surveyapp.definitions)
    definition: Mapped[dict[str, Any]]
    #: sha256 of the canonical JSON of ``definition``
    checksum: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="versions")

    def __repr__(self) -> str:
        return f"<QuestionnaireVersion {self.id} {self.questionnaire.key!r} v{self.version}>"


@event.listens_for(QuestionnaireVersion, "before_update")
def _refuse_update(mapper, connection, target: QuestionnaireVersion) -> None:
    raise ImmutableRecord(f"questionnaire version {target.id} is immutable; add a new version")
