"""Markdown page bodies from content/: text with a few placeholders, never code.

A body goes through three steps, and any mistake stops the build at its FILE:LINE, in Italian:

1. its text: no Python-Markdown attribute lists, no raw HTML (the site's Markdown leaves it out,
   so it would silently vanish; markdown_html);
2. only when it holds `{{`, `{%` or `{#` (most bodies do not): Jinja, in the body sandbox
   (body_sandbox), after body_rules has checked what the body says, and within SECONDS
   (watchdog), the time a page may take; the values it shows become placeholders;
3. Markdown, with each value put in as text where its placeholder stands (placeholders.py).

Compiled bodies are kept in the build cache, keyed by their text, the sandbox's options and the
code that checks and compiles them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import BytecodeCache, Template, TemplateSyntaxError
from markupsafe import Markup

from sitegen.core.cache import template_cache
from sitegen.core.errors import Problem, SourceError, clip
from sitegen.core.markdown_html import RAW_HTML_REFUSED, attribute_lists, raw_html, to_html
from sitegen.core.watchdog import Deadline
from sitegen.pages import body_rules
from sitegen.pages.body_errors import runtime_line, runtime_message, syntax_problem
from sitegen.pages.body_sandbox import CODE_VERSION, OPTIONS, SHOWN, BodySandbox, Shown
from sitegen.sources.models import Page

SECONDS = 1.0  # a body's Jinja, compiling included, takes a few milliseconds
# A body without these has nothing for Jinja to do: it goes straight to Markdown (most do).
_JINJA_MARK = re.compile(r"\{[{%#]")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_ATTRIBUTES_REFUSED = "«{}» non fa parte del Markdown del sito (quello di GitHub): cancellalo"
_COMMENT_REFUSED = (
    "«{}» è un commento HTML, che una pagina non usa: per una nota che non va sul sito scrivi "
    "{{# nota #}}"
)
_TOO_SLOW = "la pagina impiega troppo tempo a generarsi"


class TooSlow(Exception):
    """Raised in a body's render by the watchdog when its SECONDS are up."""


def body_cache(folder: Path | None) -> BytecodeCache | None:
    """Where compiled bodies are kept in the build cache folder (None: nowhere)."""
    return template_cache(folder, "bodies", OPTIONS, CODE_VERSION)


class BodyRenderer:
    """Renders the bodies of content/ pages: checks, Jinja in the sandbox, then Markdown."""

    def __init__(self, helpers: Mapping[str, Any], cache: BytecodeCache | None = None) -> None:
        self._env = BodySandbox(helpers, cache)
        self._site = helpers["site"]

    def render(self, page: Page, view: object) -> Markup:
        """The body as HTML; a mistake in it is a SourceError at content/FILE:LINE."""
        problems = _text_problems(page)
        if problems:
            raise SourceError(problems)
        if not _JINJA_MARK.search(page.body):
            return Markup(to_html(page.body))
        text, values = self._expand(page, view)
        return Markup(to_html(text, values))

    def _expand(self, page: Page, view: object) -> tuple[str, list[object]]:
        """The body with its tags run and placeholders for its values, and the values."""
        shown = Shown()
        try:
            with Deadline(SECONDS, TooSlow):
                text = self._template(page, view).render({"page": view, SHOWN: shown})
        except SourceError:
            raise
        except TemplateSyntaxError as error:
            line, message = syntax_problem(error, page.body)
            raise SourceError.at(page.source, page.body_line + line - 1, message) from None
        except Exception as error:  # one that raised as it ran (1 // 0), or TooSlow
            at = runtime_line(error, page.source)
            line = page.body_line + (at or 1) - 1
            if not isinstance(error, TooSlow):
                message = runtime_message(error)
            elif at is None:  # still compiling
                message = f"{_TOO_SLOW}: ha troppi segnaposto e comandi, dividila in più pagine"
            else:
                message = f"{_TOO_SLOW}: controlla la riga {line}"
            raise SourceError.at(page.source, line, message) from None
        return text, shown.values

    def _template(self, page: Page, view: object) -> Template:
        code = self._compiled(page, view)
        return self._env.template_class.from_code(self._env, code, self._env.make_globals(None))

    def _compiled(self, page: Page, view: object) -> CodeType:
        """The body's code, compiled under the page's name (so runtime errors carry it in their
        traceback), from the template cache when this very text was compiled before."""
        cache = self._env.bytecode_cache
        if cache is None:
            return self._checked_code(page, view)
        bucket = cache.get_bucket(self._env, page.source, page.source, page.body)
        if bucket.code is None:
            bucket.code = self._checked_code(page, view)
            cache.set_bucket(bucket)
        return bucket.code

    def _checked_code(self, page: Page, view: object) -> CodeType:
        """Compile the body, once body_rules has found nothing in it a page may not say."""
        tree = self._env.parse(page.body, page.source, page.source)
        refusals = body_rules.refusals(tree, {"site": self._site, "page": view})
        if refusals:
            raise SourceError(
                [Problem(page.source, page.body_line + r.line - 1, r.message) for r in refusals]
            )
        return self._env.compile(tree, page.source, page.source)


def _text_problems(page: Page) -> list[Problem]:
    """What the body's text holds that the site's Markdown does not have: attribute lists and
    raw HTML."""
    found = [(line, _ATTRIBUTES_REFUSED.format(text)) for line, text in attribute_lists(page.body)]
    found += _raw_html(page.body)
    return [Problem(page.source, page.body_line + line - 1, message) for line, message in found]


def _raw_html(body: str) -> list[tuple[int, str]]:
    """Each line holding raw HTML, with what to write instead; inside a `{# comment #}`,
    nothing counts."""
    if "<" not in body:  # nearly every body: no HTML to look for
        return []
    without_comments = _JINJA_COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), body)
    found: dict[int, str] = {}
    for line, html in raw_html(without_comments):
        if line not in found:  # `<b>` and `</b>`: one problem is enough
            refused = _COMMENT_REFUSED if html.lstrip().startswith("<!--") else RAW_HTML_REFUSED
            found[line] = refused.format(clip(html.strip().split("\n", 1)[0]))
    return list(found.items())
