"""The data model, one module per aggregate."""

from surveyapp.models.audit import AuditEvent
from surveyapp.models.base import Base, today, utcnow
from surveyapp.models.ideawall import IdeaChoice, IdeaParticipant, IdeaPrompt, IdeaStatement, IdeaVote, IdeaWall  # noqa: F401
from surveyapp.models.organisation import Municipality, Organisation
from surveyapp.models.questionnaire import Questionnaire, QuestionnaireVersion
from surveyapp.models.responses import Answer, Draft, Response
from surveyapp.models.rounds import AUDIENCES, STATES, Round
from surveyapp.models.summaries import RoundSummary
from surveyapp.models.tokens import ApiToken
from surveyapp.models.users import ROLES, User
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, AnalysisTheme, Codebook, ReviewEvent, ThemeAssignment  # noqa: F401
from surveyapp.models.findings import FeedbackPage, Finding, FindingQuote  # noqa: F401

__all__ = [
    "AUDIENCES",
    "ROLES",
    "STATES",
    "Answer",
    "ApiToken",
    "AuditEvent",
    "Base",
    "Draft",
    "Municipality",
    "Organisation",
    "Questionnaire",
    "QuestionnaireVersion",
    "Response",
    "Round",
    "RoundSummary",
    "User",
    "today",
    "utcnow",
]
