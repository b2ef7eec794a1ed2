"""What a page body may say, checked on its Jinja syntax tree before it is compiled.

The README promises that a page holds text, never code: `{{ site.… }}`, `{{ page.… }}`,
`{{ url(…) }}`, `{{ email_link() }}`, `{% if %}`, `{% set %}` and `{# comments #}`. This module
keeps that promise in the tree: every tag, name, call, filter and test of a body is one of
those, or the build names its line and says, in Italian, what to write instead. Without loops,
macros or includes a body runs each of its expressions once, which is what lets body_limits
bound them one by one.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator, Mapping

from jinja2 import nodes
from pydantic import BaseModel

ROOTS = ("site", "page")  # the values a body reads
HELPERS = ("url", "email_link")
# Filters that only reshape a text or a number; none can lengthen a text beyond measure.
TEXT_FILTERS = ("capitalize", "lower", "title", "trim", "upper")
FILTERS = (*TEXT_FILTERS, "default", "length", "round")
# Tests of a value's kind; comparing is for `==`, `<`, `in`, which body_limits keeps short.
TESTS = ("defined", "undefined", "none", "number", "string", "odd", "even", "divisibleby")
HELP = (
    "In una pagina puoi usare solo {{ site.… }}, {{ page.… }}, {{ url(…) }} e {{ email_link() }}."
)
TAGS_HELP = "In una pagina puoi usare solo {% if %}, {% set %} e i commenti {# … #}."

_TAG_NAMES = {
    nodes.For: "for",
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.With: "with",
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from",
    nodes.Extends: "extends",
    nodes.Block: "block",
    nodes.ScopedEvalContextModifier: "autoescape",
    nodes.EvalContextModifier: "autoescape",
}
_STATEMENTS = (nodes.Template, nodes.Output, nodes.If, nodes.Assign)
_EXPRESSIONS = (
    nodes.Name,
    nodes.Const,
    nodes.TemplateData,
    nodes.Tuple,
    nodes.List,
    nodes.Dict,
    nodes.Pair,
    nodes.Keyword,
    nodes.CondExpr,
    nodes.Filter,
    nodes.Test,
    nodes.Call,
    nodes.Getitem,
    nodes.Getattr,
    nodes.Slice,
    nodes.Concat,
    nodes.Compare,
    nodes.Operand,
    nodes.BinExpr,
    nodes.UnaryExpr,
)


@dataclasses.dataclass(frozen=True)
class Refusal:
    """Something a body may not say: its line in the body and what to write instead."""

    line: int
    message: str


def refusals(tree: nodes.Template, roots: Mapping[str, object]) -> list[Refusal]:
    """Everything in a body's tree that a page may not hold. roots are the values of `site`
    and `page`, to check the fields a body names and to suggest the one it meant."""
    assigned = {
        name.name
        for assign in tree.find_all(nodes.Assign)
        for name in (assign.target, *assign.target.find_all(nodes.Name))
        if isinstance(name, nodes.Name)
    }
    checker = _Checker(roots, assigned)
    return sorted(checker.check(tree, printed=False), key=lambda refusal: refusal.line)


def tag_refusal(tag: str) -> str:
    """Why `{% tag %}` may not stand in a page, and what to write instead."""
    if tag == "for":
        return (
            "i cicli «{% for %}» non si possono usare in una pagina: scrivi le righe una per "
            f"una. {TAGS_HELP}"
        )
    if tag == "set":  # the block form, {% set x %}…{% endset %}
        return (
            "«{% set %}» si scrive su una riga sola, con il valore tra virgolette: "
            '{% set nome = "testo" %}'
        )
    return f"«{{% {tag} %}}» non si può usare in una pagina. {TAGS_HELP}"


class _Checker:
    def __init__(self, roots: Mapping[str, object], assigned: set[str]) -> None:
        self.roots = {name: value for name, value in roots.items() if name not in assigned}
        self.assigned = assigned
        self.names = (*ROOTS, *HELPERS, *sorted(assigned))

    def check(self, node: nodes.Node, printed: bool) -> Iterator[Refusal]:
        """The refusals of node and what it holds; printed: inside `{{ … }}`."""
        refusal = self._refusal(node, printed)
        if refusal is not None:
            yield refusal
            return
        printed = printed or isinstance(node, nodes.Output)
        for child in node.iter_child_nodes():
            if not (isinstance(node, nodes.Call) and child is node.node):  # checked as a call
                yield from self.check(child, printed)

    def _refusal(self, node: nodes.Node, printed: bool) -> Refusal | None:
        if isinstance(node, nodes.AssignBlock):
            return Refusal(node.lineno, tag_refusal("set"))
        if type(node) in _TAG_NAMES:
            return Refusal(node.lineno, tag_refusal(_TAG_NAMES[type(node)]))
        if not isinstance(node, _STATEMENTS + _EXPRESSIONS):
            return Refusal(node.lineno, f"questa parte non si può usare in una pagina. {HELP}")
        if isinstance(node, nodes.Call):
            return self._call(node, printed)
        if isinstance(node, nodes.Filter) and node.name not in FILTERS:
            listed = ", ".join(f"|{name}" for name in FILTERS)
            return Refusal(
                node.lineno,
                f"il filtro «|{node.name}» non si può usare in una "
                f"pagina; puoi usare solo {listed}",
            )
        if isinstance(node, nodes.Test) and node.name not in TESTS:
            listed = ", ".join(f"is {name}" for name in TESTS)
            return Refusal(
                node.lineno,
                f"la prova «is {node.name}» non si può usare in una "
                f"pagina; puoi usare solo {listed}",
            )
        if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Name):
            return self._reference(node, printed)
        return None

    def _call(self, node: nodes.Call, printed: bool) -> Refusal | None:
        name = node.node.name if isinstance(node.node, nodes.Name) else None
        shown = _shown(f"{_text(node.node)}(…)", printed)
        hidden = _hidden(node.node)
        if hidden is not None:
            return hidden
        if name not in HELPERS or name in self.assigned:
            close = difflib.get_close_matches(name or "", list(HELPERS), n=1, cutoff=0.6)
            hint = f" Forse intendevi «{close[0]}(…)»?" if close else ""
            return Refusal(
                node.lineno,
                f"«{shown}» non si può usare.{hint} In una pagina puoi "
                "chiamare solo {{ url(…) }} e {{ email_link() }}",
            )
        extra = node.kwargs or node.dyn_args or node.dyn_kwargs
        if name == "url" and (len(node.args) != 1 or extra or _is_not_text(node.args[0])):
            return Refusal(
                node.lineno,
                "«url(…)» vuole un solo indirizzo tra virgolette, per "
                "esempio {{ url('/contatti/') }}",
            )
        if name == "email_link" and (node.args or extra):
            return Refusal(
                node.lineno,
                "«email_link()» si scrive senza niente tra le parentesi: {{ email_link() }}",
            )
        return None

    def _reference(
        self, node: nodes.Getattr | nodes.Getitem | nodes.Name, printed: bool
    ) -> Refusal | None:
        """A name and the fields after it (`site.legal.rea`): each must exist."""
        hidden = _hidden(node)
        if hidden is not None:
            return hidden
        path = _path(node)
        if path is None:  # `x[1]`, `(a ~ b).c`: the parts are checked one by one
            return None
        root, *fields = path
        if root in HELPERS and root not in self.assigned:
            written = "{{ url('/contatti/') }}" if root == "url" else "{{ email_link() }}"
            return Refusal(
                node.lineno,
                f"«{_shown('.'.join(path), printed)}» non si può usare: si scrive {written}",
            )
        if root not in self.names:
            return self._unknown(node.lineno, path, printed)
        if root in self.roots and _missing_field(self.roots[root], fields) is not None:
            return self._unknown(node.lineno, path, printed)
        return None

    def _unknown(self, line: int, path: list[str], printed: bool) -> Refusal:
        message = f"il segnaposto «{_shown('.'.join(path), printed)}» non esiste"
        guess = self._guess(path)
        if guess is not None and guess != path:
            message += f": forse intendevi «{_shown('.'.join(guess), printed)}»?"
        else:
            message += "."
        return Refusal(line, f"{message} {HELP}")

    def _guess(self, path: list[str]) -> list[str] | None:
        """The closest path that exists: each name replaced by the nearest one there is."""
        root = _closest(path[0], self.names)
        if root is None:
            return None
        guess, value = [root], self.roots.get(root)
        for field in path[1:]:
            names = _fields(value)
            if names is None:  # beyond what a body can look into: keep the rest as written
                return [*guess, *path[len(guess) :]]
            nearest = _closest(field, names)
            if nearest is None:
                return None
            guess.append(nearest)
            value = getattr(value, nearest)
        return guess


def _path(node: nodes.Node) -> list[str] | None:
    """`site.legal.rea` (or `site['legal']`) as ["site", "legal", "rea"]; None otherwise."""
    if isinstance(node, nodes.Name):
        return [node.name]
    if isinstance(node, nodes.Getattr):
        field = node.attr
    elif (
        isinstance(node, nodes.Getitem)
        and isinstance(node.arg, nodes.Const)
        and isinstance(node.arg.value, str)
    ):
        field = node.arg.value
    else:
        return None
    parent = _path(node.node)
    return None if parent is None else [*parent, field]


def _hidden(node: nodes.Node) -> Refusal | None:
    """A refusal for the first name starting with `_` in `a.b.c` (`cycler.__init__`): Python's
    own attributes, the way out of every sandbox."""
    parts = [node, *node.find_all(nodes.Getattr)]  # outermost first: the first written last
    hidden = [part for part in parts if isinstance(part, nodes.Getattr) and part.attr[:1] == "_"]
    if not hidden:
        return None
    return Refusal(
        hidden[-1].lineno,
        f"«{hidden[-1].attr}» non si può usare in una pagina: i "
        f"nomi che iniziano con «_» sono riservati. {HELP}",
    )


def _missing_field(value: object, fields: list[str]) -> str | None:
    """The first of fields (looked up one after the other from value) that does not exist."""
    for field in fields:
        names = _fields(value)
        if names is None:  # a text, a number, nothing: what is inside it is checked as it runs
            return None
        if field not in names:
            return field
        value = getattr(value, field)
    return None


def _fields(value: object) -> list[str] | None:
    """The fields a body may read on value (as BodySandbox allows them), when it is a record."""
    kind = type(value)
    if isinstance(value, BaseModel):
        names = list(kind.model_fields)
    elif dataclasses.is_dataclass(value):
        names = [field.name for field in dataclasses.fields(value)]
    else:
        return None
    return names + [
        name
        for name in dir(kind)
        if not name.startswith("_") and isinstance(getattr(kind, name, None), property)
    ]


def _closest(name: str, names: list[str] | tuple[str, ...]) -> str | None:
    found = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return found[0] if found else None


def _is_not_text(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and not isinstance(node.value, str)


def _text(node: nodes.Node) -> str:
    """An expression as staff wrote it, near enough to recognise it in a message."""
    path = _path(node)
    return ".".join(path) if path is not None else "…"


def _shown(expression: str, printed: bool) -> str:
    return f"{{{{ {expression} }}}}" if printed else expression
