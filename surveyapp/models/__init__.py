"""The data model, one module per aggregate."""

from surveyapp.models.audit import AuditEvent
from surveyapp.models.base import Base, today, utcnow
from surveyapp.models.organisation import Municipality, Organisation
from surveyapp.models.questionnaire import Questionnaire, QuestionnaireVersion
from surveyapp.models.responses import Answer, Draft, Response
from surveyapp.models.rounds import AUDIENCES, STATES, Round
from surveyapp.models.users import ROLES, User

__all__ = [
    "AUDIENCES",
    "ROLES",
    "STATES",
    "Answer",
    "AuditEvent",
    "Base",
    "Draft",
    "Municipality",
    "Organisation",
    "Questionnaire",
    "QuestionnaireVersion",
    "Response",
    "Round",
    "User",
    "today",
    "utcnow",
]
