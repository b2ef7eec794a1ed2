"""The whole site as one validated model: settings, plans, ethics and pages, and the
warnings the sources still deserve. ethics.md and content/ have their models here too."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    Field,
)

from sitegen.core.errors import Problem
from sitegen.sources.fields import Line, MenuPosition, Model, OptionalLine
from sitegen.sources.offer import Offer
from sitegen.sources.settings import Settings


class Page(Model):
    """A Markdown page from content/ with its front matter."""

    slug: str
    title: Annotated[Line, Field(max_length=200)]
    description: Annotated[Line, Field(max_length=400)]
    menu: MenuPosition = None
    menu_title: OptionalLine = None
    template: Annotated[Line, Field(max_length=100)] = "page.html"
    body: str
    body_line: int = 1  # the file line the body starts on, for FILE:LINE errors in it
    source: str
    # The line of each front matter key, as (key, line) pairs, for messages about the page.
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int | None:
        """The line of a front matter key, or None when the page does not set it."""
        return dict(self.field_lines).get(key)

    @property
    def path(self) -> str:
        """The page's pretty URL: "/" for the home page, "/contatti/" for contatti.md."""
        return f"/{self.slug}/" if self.slug else "/"


class Principle(Model):
    """One ethics principle with its stable anchor."""

    anchor: str
    text: Line


class PrincipleGroup(Model):
    """Principles under one theme heading."""

    anchor: str
    title: Line
    principles: tuple[Principle, ...]


class Ethics(Model):
    """The code of ethics: its title, the document's intro and the grouped principles."""

    title: Line
    description: Line
    menu: MenuPosition = None
    menu_title: OptionalLine = None
    intro_html: str
    groups: Annotated[tuple[PrincipleGroup, ...], Field(min_length=1)]
    # The line of each front matter key, as (key, line) pairs, for messages about the page.
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int | None:
        """The line of a front matter key, or None when the page does not set it."""
        return dict(self.field_lines).get(key)

    def principle(self, anchor: str) -> Principle | None:
        """The principle with this anchor, for a template that quotes it."""
        for group in self.groups:
            for principle in group.principles:
                if principle.anchor == anchor:
                    return principle
        return None


class Site(Model):
    """Everything the renderer needs, already validated, and what staff should still fix."""

    settings: Settings
    offer: Offer
    ethics: Ethics
    pages: tuple[Page, ...]
    # Likely slips and missing facts that do not stop a build ("avviso: …" problems).
    warnings: tuple[Problem, ...] = ()
