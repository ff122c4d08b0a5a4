"""One exception hierarchy for the app; every message is safe to show a user."""


class InnspillError(Exception):
    """Base class of the app's own errors."""


class ConfigurationError(InnspillError):
    """The app cannot start with the settings it was given."""


class InvalidQuestionnaire(InnspillError):
    """A questionnaire file does not follow the format; ``problems`` lists each one."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


class InvalidXLSForm(InvalidQuestionnaire):
    """An XLSForm file cannot be imported; each problem names its sheet and row in Norwegian,
    e.g. "Arket «survey», rad 7: …"."""

    def __init__(self, problems: list[str]) -> None:
        self.source = "XLSForm"
        self.problems = problems
        InnspillError.__init__(self, "\n".join(problems))


class NotFound(InnspillError):
    """Something the user named does not exist."""


class RoundClosed(InnspillError):
    """The round does not accept answers now."""


class AlreadySubmitted(InnspillError):
    """The response was already stored; carries the stored response."""

    def __init__(self, response) -> None:
        self.response = response
        super().__init__("Svaret er allerede sendt inn.")


class ImmutableRecord(InnspillError):
    """A record that must never change was about to be changed."""
