"""The Jinja environment page bodies run in: the immutable sandbox, narrowed to what a page may do.

Staff write the bodies and CI builds whatever is pushed, so a body must not be able to run code:
in a plain Jinja environment `{{ cycler.__init__.__globals__.os.popen("id").read() }}` does.
Jinja's immutable sandbox refuses private attributes and mutation; on top of it:

- the globals are exactly the helpers the README documents, the filters and tests are those of
  body_rules, and a call reaches only `url()` and `email_link()`;
- model objects show their fields and properties only (pydantic's own methods include ones that
  read files);
- every arithmetic operator and `~` is checked on its operands before it runs (body_limits),
  which the sandbox leaves to its host (`intercepted_binops`, `call_binop`); intercepting
  them also keeps Jinja from working out constant expressions, `9**(9**9)` among them, while
  it compiles;
- each value a body shows becomes a placeholder (placeholders.py), so it reaches the page as
  text, never as Markdown or HTML; together they stay within body_limits.MAX_TEXT.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, DictLoader, StrictUndefined, pass_context
from jinja2.compiler import CodeGenerator, Frame, operators, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.nodes import Compare, Concat, Operand
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.tests import TESTS
from pydantic import BaseModel

from sitegen.core.cache import digest
from sitegen.core.placeholders import MailLink, placeholder
from sitegen.pages import body_limits, body_rules
from sitegen.pages.body_limits import BodyError

# The sandbox's Jinja options; they shape the compiled code, so the template cache keys on them,
# and on the text of the modules that shape it too (this one) or decide what may be compiled.
OPTIONS = {
    "autoescape": True,
    "keep_trailing_newline": True,
    "trim_blocks": True,  # as the layouts: `{% if %}` lines leave no blank lines behind
    "lstrip_blocks": True,
}
CODE_VERSION = digest(
    *(Path(module).read_text("utf-8") for module in (__file__, body_rules.__file__))
)
SHOWN = "shown values"  # where a render keeps them: no name a body can write (it has a space)


class Shown:
    """The values one render of a body shows, in order, within MAX_TEXT together."""

    def __init__(self) -> None:
        self.values: list[object] = []
        self._length = 0

    def add(self, value: object) -> str:
        """Keep value; the placeholder the body's text holds in its place."""
        value = body_limits.printable(value)
        self._length += len(str(value))
        if self._length > body_limits.MAX_TEXT:
            raise body_limits.text_too_long()
        self.values.append(value)
        return placeholder(len(self.values) - 1)


class Missing(StrictUndefined):
    """Jinja's StrictUndefined, saying in Italian which name a body may not use."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        name = self._undefined_name
        if self._undefined_exception is SecurityError:
            return f"«{name}» non si può usare in una pagina. {body_rules.HELP}"
        return f"«{name}» qui non esiste. {body_rules.HELP}"


@pass_context
def _finalize(context: Context, value: object) -> str:
    shown: Shown = context[SHOWN]
    return shown.add(value)


class BodyCodeGenerator(CodeGenerator):
    """Jinja's code generator, with `a ~ b` made through BodySandbox.join_text and each value
    compared passed through BodySandbox.comparable.

    Besides its check, that call lets the watchdog in: Python delivers an exception from
    another thread at a call or a loop, and a run of `{% if b in a %}` has neither.
    """

    @optimizeconst
    def visit_Compare(self, node: Compare, frame: Frame) -> None:
        self.write("(environment.comparable(")
        self.visit(node.expr, frame)
        self.write(")")
        for operand in node.ops:
            self.visit(operand, frame)
        self.write(")")

    def visit_Operand(self, node: Operand, frame: Frame) -> None:
        self.write(f" {operators[node.op]} environment.comparable(")
        self.visit(node.expr, frame)
        self.write(")")

    @optimizeconst
    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.join_text((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")


class BodySandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with only a page's helpers, filters and tests, and limits."""

    code_generator_class = BodyCodeGenerator
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, helpers: Mapping[str, Any], bytecode_cache: BytecodeCache | None) -> None:
        super().__init__(
            loader=DictLoader({}),  # {% include %}, {% extends %}, {% import %} find nothing
            undefined=Missing,
            finalize=_finalize,
            bytecode_cache=bytecode_cache,
            **OPTIONS,
        )
        self.globals.clear()  # no range, lipsum, cycler, joiner, namespace, dict
        self.globals.update(body_helpers(helpers))
        self.filters = {name: _filter(name) for name in body_rules.FILTERS}
        self.tests = {name: TESTS[name] for name in body_rules.TESTS}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, BaseModel):
            model = type(obj)
            return attr in model.model_fields or isinstance(getattr(model, attr, None), property)
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        body_limits.check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if not any(__obj is __self.globals.get(name) for name in body_rules.HELPERS):
            raise BodyError("in una pagina puoi chiamare solo {{ url(…) }} e {{ email_link() }}")
        return super().call(__context, __obj, *args, **kwargs)

    @staticmethod
    def join_text(parts: tuple[object, ...]) -> str:
        return body_limits.joined(parts)

    @staticmethod
    def comparable(value: object) -> object:
        return body_limits.comparable(value)


def body_helpers(helpers: Mapping[str, Any]) -> dict[str, object]:
    """The globals of a body, from the layouts' helpers: `site`, and `url()` and
    `email_link()` in the forms a body's values take (placeholders.py)."""
    site, path = helpers["site"], helpers["url"]

    def url(address: object) -> str:
        if not isinstance(address, str):
            raise BodyError(
                "«url(…)» vuole un indirizzo tra virgolette, per esempio {{ url('/contatti/') }}"
            )
        return path(address)

    def email_link() -> MailLink:
        return MailLink(site.email)

    return {"site": site, "url": url, "email_link": email_link}


def _filter(name: str) -> Callable[..., Any]:
    """Jinja's filter of that name; one that turns its value into text takes only a value a
    page can show (the text of a long list would be one very long call)."""
    jinja_filter = FILTERS[name]
    if name not in body_rules.TEXT_FILTERS:
        return jinja_filter

    def text_filter(value: object, *args: Any, **kwargs: Any) -> Any:
        return jinja_filter(body_limits.printable(value), *args, **kwargs)

    return text_filter
