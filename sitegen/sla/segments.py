"""What a deadline's reckoning is made of: the stretches from receipt to deadline, counted or
skipped, and why. The engine makes them; sla/wording.py words them for visitors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Segment:
    """A stretch of time between receipt and deadline: counted (covered) or skipped, and why."""

    start: datetime
    end: datetime
    covered: bool
    reason: str | None = None


@dataclass(frozen=True)
class Explanation:
    """How a deadline was reached, so pages and the CLI can show the skipped time."""

    received: datetime
    start: datetime
    deadline: datetime
    segments: tuple[Segment, ...]
