"""Questionnaires and their immutable versions.

A round pins the exact version it was opened with, so editing a questionnaire later never
changes what collected answers mean. Built-in questionnaires (``organisation_id`` NULL) come
from the YAML folder; an organisation's own live in the database only, with the builder's
work in progress in ``draft`` until it is saved as a new version.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.exceptions import ImmutableRecord
from surveyapp.models.base import Base, utcnow

if TYPE_CHECKING:
    from surveyapp.models.organisation import Organisation


class Questionnaire(Base):
    __tablename__ = "questionnaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the definition's ``id``, e.g. ``tjenester``; unique across built-ins and organisations,
    #: so a key names one questionnaire everywhere (rounds, CLI, exports)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    #: the owner; ``None`` for a built-in questionnaire (read-only, from the YAML folder)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), index=True
    )
    #: the builder's work in progress (a definition that may not validate yet)
    draft: Mapped[dict[str, Any] | None]
    draft_updated_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()
    versions: Mapped[list[QuestionnaireVersion]] = relationship(
        back_populates="questionnaire", order_by="QuestionnaireVersion.version"
    )

    @property
    def built_in(self) -> bool:
        return self.organisation_id is None

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
