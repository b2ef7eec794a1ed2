"""One error type for every content mistake, so the CLI can print `FILE:LINE: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one source file; line is 1-based, None when the whole file is at fault."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        """One line, whatever the message holds: tools and people read the output by line."""
        return f"{self.path}:{self.line or 1}: {' '.join(self.message.splitlines())}"


class SourceError(Exception):
    """Raised for bad input: carries every problem found so staff can fix them in one go."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems

    @classmethod
    def at(cls, path: str, line: int | None, message: str) -> SourceError:
        """A SourceError with a single problem."""
        return cls([Problem(path, line, message)])


class UsageError(Exception):
    """A bad command-line value or environment variable: one line, `sitegen: message`."""


def clip(value: str, limit: int = 40) -> str:
    """A value short enough to echo in a one-line message."""
    return value if len(value) <= limit else value[:limit] + "…"


class LocatedValueError(ValueError):
    """A model validation error that knows which child (index or key) is at fault.

    Pydantic reports a validator's error at the validated value; this lets a validator of a list
    point at the duplicate item, so the message lands on the right YAML line.
    """

    def __init__(self, message: str, *at: int | str) -> None:
        super().__init__(message)
        self.at = at
