"""Markdown page bodies from content/: Jinja in a sandbox with only the documented helpers.

Staff write the bodies and CI builds whatever is pushed, so a body must not be able to run code:
in a plain Jinja environment `{{ cycler.__init__.__globals__.os.popen("id").read() }}` does.
Here bodies render in Jinja's immutable sandbox (no private attributes, no mutation), their
globals are exactly the helpers the README documents, and model objects show their fields and
properties only (pydantic's own methods include ones that read files).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import DictLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup
from pydantic import BaseModel

from sitegen.build_cache import template_cache
from sitegen.errors import Problem, SourceError
from sitegen.markdown_html import attribute_lists, to_html
from sitegen.models import Page
from sitegen.templating_errors import described

# What a body may use besides `page`: the README documents these and nothing else.
BODY_GLOBALS = ("site", "url", "email_link")
_ATTRIBUTES_REFUSED = (
    '"{}" is an attribute list, which the site\'s Markdown (GitHub\'s) does not have: remove it'
)
HELP = "a page may use only {{ site.… }}, {{ page.… }}, {{ url(…) }} and {{ email_link() }}"
# The sandbox's Jinja options; they shape the compiled code, so the template cache keys on them.
_BODY_OPTIONS = {
    "autoescape": True,
    "keep_trailing_newline": True,
    "trim_blocks": True,  # as the layouts: `{% if %}` lines leave no blank lines behind
    "lstrip_blocks": True,
}
# A body without these has nothing for Jinja to do: it goes straight to Markdown (most do).
_JINJA_MARK = re.compile(r"\{[{%#]")


class BodySandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, stricter on models: fields and properties only."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, BaseModel):
            model = type(obj)
            return attr in model.model_fields or isinstance(getattr(model, attr, None), property)
        return super().is_safe_attribute(obj, attr, value)


class BodyRenderer:
    """Renders the bodies of content/ pages: Jinja in the sandbox, then Markdown."""

    def __init__(self, helpers: Mapping[str, Any], cache: Path | None = None) -> None:
        self._env = BodySandbox(
            loader=DictLoader({}),  # {% include %}, {% extends %}, {% import %} find nothing
            undefined=StrictUndefined,
            bytecode_cache=template_cache(cache, "bodies", _BODY_OPTIONS),
            **_BODY_OPTIONS,
        )
        self._env.globals.clear()  # no range, lipsum, cycler, joiner, namespace, dict
        self._env.globals.update({name: helpers[name] for name in BODY_GLOBALS})

    def render(self, page: Page, view: object) -> Markup:
        """The body as HTML; a Jinja mistake or a refused attribute is content/FILE:LINE."""
        refused = [
            Problem(page.source, page.body_line + line - 1, _ATTRIBUTES_REFUSED.format(text))
            for line, text in attribute_lists(page.body)
        ]
        if refused:
            raise SourceError(refused)
        expanded = self._expand(page, view) if _JINJA_MARK.search(page.body) else page.body
        return Markup(to_html(expanded))

    def _expand(self, page: Page, view: object) -> str:
        """The body with its Jinja expressions and tags evaluated, in the sandbox."""
        try:
            code = self._compiled(page)
            template = self._env.template_class.from_code(
                self._env, code, self._env.make_globals(None)
            )
            return template.render(page=view)
        except Exception as error:  # a Jinja mistake, or an expression that raised (1 // 0)
            line = _template_line(error, page.source)
            raise SourceError.at(page.source, page.body_line + line - 1, _message(error)) from None

    def _compiled(self, page: Page) -> CodeType:
        """The body's code, compiled under the page's name (so runtime errors carry it in their
        traceback), from the template cache when this very text was compiled before."""
        cache = self._env.bytecode_cache
        if cache is None:
            return self._env.compile(page.body, page.source, page.source)
        bucket = cache.get_bucket(self._env, page.source, page.source, page.body)
        if bucket.code is None:
            bucket.code = self._env.compile(page.body, page.source, page.source)
            cache.set_bucket(bucket)
        return bucket.code


def _template_line(error: Exception, name: str) -> int:
    """The body line at fault: Jinja gives it for syntax errors, a traceback frame otherwise."""
    if isinstance(error, TemplateSyntaxError):
        return error.lineno
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == name]
    return (lines[-1] or 1) if lines else 1


def _message(error: Exception) -> str:
    if isinstance(error, TemplateSyntaxError):
        return f"template syntax error: {error.message}"
    text = str(error) if isinstance(error, TemplateError) else described(error)
    return f"{text.rstrip('.')} ({HELP})"
