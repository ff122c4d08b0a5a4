"""The data model, one module per aggregate."""

from surveyapp.models.analysis import (
    AnalysisItem,
    AnalysisRun,
    AnalysisTheme,
    Codebook,
    ReviewEvent,
    ThemeAssignment,
)
from surveyapp.models.audit import JOB_STATES, KINDS, AuditEvent, Job, Throttle
from surveyapp.models.base import Base, today, utcnow
from surveyapp.models.findings import FeedbackPage, Finding, FindingQuote
from surveyapp.models.ideawall import (
    IdeaChoice,
    IdeaJoinMinute,
    IdeaParticipant,
    IdeaPrompt,
    IdeaStatement,
    IdeaVote,
    IdeaWall,
)
from surveyapp.models.organisation import Municipality, Organisation
from surveyapp.models.questionnaire import Questionnaire, QuestionnaireVersion
from surveyapp.models.responses import Answer, AnswerVector, Draft, Response
from surveyapp.models.rounds import AUDIENCES, STATES, Round
from surveyapp.models.summaries import RoundSnapshot, RoundSummary
from surveyapp.models.tokens import ApiToken
from surveyapp.models.users import ROLES, User

__all__ = [
    "JOB_STATES",
    "KINDS",
    "Job",
    "AUDIENCES",
    "ROLES",
    "STATES",
    "AnalysisItem",
    "AnalysisRun",
    "AnalysisTheme",
    "Answer",
    "AnswerVector",
    "ApiToken",
    "AuditEvent",
    "Base",
    "Codebook",
    "Draft",
    "FeedbackPage",
    "Finding",
    "FindingQuote",
    "IdeaChoice",
    "IdeaJoinMinute",
    "IdeaParticipant",
    "IdeaPrompt",
    "IdeaStatement",
    "IdeaVote",
    "IdeaWall",
    "Municipality",
    "Organisation",
    "Questionnaire",
    "QuestionnaireVersion",
    "Response",
    "ReviewEvent",
    "Round",
    "RoundSnapshot",
    "RoundSummary",
    "ThemeAssignment",
    "Throttle",
    "User",
    "today",
    "utcnow",
]
