"""Values in a page body are text: a placeholder holds each one's place until Markdown is parsed.

A body is Markdown with `{{ … }}` in it. Were the values written into the Markdown, a value would
be read as Markdown: `name: "Mister [x](javascript:alert(1))"` in site.yaml would make a link on
every page that says `{{ site.name }}`. So Jinja writes a placeholder for each value instead,
which no Markdown rule reads as anything but a word, and once the text is parsed fill() puts
each value, as text, into the element where its placeholder stands: a paragraph, a heading, a
link's text or its address (`[modulo]({{ url('/contatti/') }})`), a code span. cmark then
escapes it as it escapes anything else in that element, and checks an address it ends up in.

`{{ email_link() }}` is the one value that is markup: it becomes a link element, made here, not
HTML that a value could imitate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.core import markdown_tree as tree

# Unicode noncharacters, which the standard sets aside for a program's own use inside its text.
OPEN, CLOSE = "\ufdd0", "\ufdd1"
_PLACEHOLDER = re.compile(f"{OPEN}([0-9]+){CLOSE}")
# The strings of a node a placeholder can stand in, by node type.
_FIELDS = {
    tree.TEXT: ("literal",),
    tree.CODE: ("literal",),
    tree.CODE_BLOCK: ("literal", "fence_info"),
    tree.LINK: ("url", "title"),
    tree.IMAGE: ("url", "title"),
}


@dataclass(frozen=True)
class MailLink:
    """`{{ email_link() }}`: a mailto: link to the address, which is also its text."""

    address: str

    def __str__(self) -> str:
        return self.address


def placeholder(index: int) -> str:
    """The placeholder of the index-th value."""
    return f"{OPEN}{index}{CLOSE}"


def fill(root: int, values: Sequence[object]) -> None:
    """Put each value where its placeholder stands in the parsed document under root."""
    texts = []
    for node in tree.nodes(root):
        for field in _FIELDS.get(tree.kind(node), ()):
            text = tree.get(node, field)
            if OPEN not in text:
                continue
            if field == "literal" and tree.kind(node) == tree.TEXT:
                texts.append((node, text))  # may gain link siblings: once the walk is done
            else:
                tree.put(node, field, _as_text(text, values))
    for node, text in texts:
        _fill_text(node, text, values, _inside_link(node))


def _as_text(text: str, values: Sequence[object]) -> str:
    return _PLACEHOLDER.sub(lambda match: str(_value(values, match[1])), text)


def _value(values: Sequence[object], number: str) -> object:
    """The value a placeholder stands for; one that a source typed itself stays as it is."""
    index = int(number)
    return values[index] if index < len(values) else placeholder(index)


def _fill_text(node: int, text: str, values: Sequence[object], in_link: bool) -> None:
    """A text node's placeholders as text, except each MailLink: a link after the text."""
    segments: list[str | MailLink] = [""]
    for position, piece in enumerate(_PLACEHOLDER.split(text)):  # text, number, text, ...
        item = _value(values, piece) if position % 2 else piece
        if isinstance(item, MailLink) and not in_link:
            segments += [item, ""]
        else:
            segments[-1] += str(item)
    tree.put(node, "literal", str(segments[0]))
    last = node
    for segment in segments[1:]:
        if isinstance(segment, MailLink):
            added = tree.new(tree.LINK, url=f"mailto:{segment.address}")
            tree.append_child(added, tree.new(tree.TEXT, literal=segment.address))
        elif segment:
            added = tree.new(tree.TEXT, literal=segment)
        else:
            continue
        tree.insert_after(last, added)
        last = added


def _inside_link(node: int) -> bool:
    """Whether the node is part of a link's or an image's text (a link may not hold another)."""
    ancestor = tree.parent(node)
    while ancestor:
        if tree.kind(ancestor) in (tree.LINK, tree.IMAGE):
            return True
        ancestor = tree.parent(ancestor)
    return False
