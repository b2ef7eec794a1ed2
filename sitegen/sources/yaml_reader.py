"""YAML that means what staff wrote, with the line of every value kept.

Every plain scalar is read as text (or as nothing, for an empty value, `~` and `null`), and the
model decides its type, as StrictYAML and YAML 1.2 do: unquoted `18:00` is the time 18:00, not
the base-60 number 1080; `01234567890` keeps its leading zero; `no` is the word no. Editors and
CMSs (yaml-language-server, Decap, the npm `yaml` writer) read and write YAML 1.2, so a file
then means the same to them and to sitegen.

PyYAML's plain loaders drop node marks and silently keep the last of two duplicate keys; here the
composed node tree is walked by hand so every value's line is kept and duplicates are errors.

Staff never need anchors, aliases or tags, and anchors and aliases are how a few hundred bytes
expand to gigabytes (an "alias bomb"): a first pass over the tokens refuses them, and nesting
deeper than any source needs, before anything is built. A syntax error is explained in plain
Italian at the line where the slip is (yaml_mistakes.py), and a value that parses but is surely
a slip (a list item indented into the one above) is refused with a hint.
"""

from __future__ import annotations

from typing import Any

import yaml

from sitegen.core.characters import control_character
from sitegen.core.errors import SourceError
from sitegen.sources.yaml_mistakes import (
    explain_reader_error,
    explain_syntax_error,
    merged_line,
    tab_in_indentation,
)

# libyaml's parser when PyYAML has it: ten times faster, same safe loading, same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # plans.yaml needs 8 levels
_OPENING = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
# YAML 1.2's core schema: the only plain scalars that mean "nothing".
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
Location = tuple[int | str, ...]
LineMap = dict[Location, int]


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, LineMap]:
    """Parse YAML safely; return the data and a map from each value's location to its line.

    first_line shifts reported lines, for YAML embedded in another file (front matter).
    """
    tab = tab_in_indentation(text)
    if tab is not None:
        line, message = tab
        raise SourceError.at(path, line + first_line - 1, message)
    try:
        _check_tokens(text, path, first_line)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        line, message = explain_syntax_error(text, error)
        raise SourceError.at(path, line + first_line - 1, message) from None
    except yaml.reader.ReaderError as error:
        line, message = explain_reader_error(text, error)
        raise SourceError.at(path, line + first_line - 1, message) from None
    if node is None:
        return None, {(): first_line}
    return _Walker(text, path, first_line).walk(node)


class _Walker:
    """Turns a composed node tree into plain data (dicts, lists, text, None) and a line map."""

    def __init__(self, text: str, path: str, first_line: int) -> None:
        self.source_lines = text.splitlines()
        self.path = path
        self.first_line = first_line
        self.lines: LineMap = {}

    def walk(self, node: yaml.Node) -> tuple[Any, LineMap]:
        return self._value(node, ()), self.lines

    def _line(self, mark: yaml.Mark) -> int:
        return mark.line + self.first_line

    def _value(self, node: yaml.Node, location: Location) -> Any:
        self.lines[location] = self._line(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self._key(key_node)
                if key in result:
                    line = self._line(key_node.start_mark)
                    first = self.lines[(*location, key)]
                    message = (
                        f"«{key}» compare due volte in questa sezione (righe {first} e {line}): "
                        "se hai cancellato la voce a cui apparteneva questa riga, cancella anche "
                        "questa; altrimenti tieni una sola delle due"
                    )
                    raise SourceError.at(self.path, line, message)
                result[key] = self._value(value_node, (*location, key))
                # Point at the line naming the key: for a nested block that is where staff look.
                self.lines[(*location, key)] = self._line(key_node.start_mark)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._value(item, (*location, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _key(self, node: yaml.Node) -> str:
        """A plain word; a key that is a {mapping} or [list] is a mistake, not a key."""
        line = self._line(node.start_mark)
        if not isinstance(node, yaml.ScalarNode):
            message = (
                "un nome di campo deve essere una parola semplice: se il valore comincia "
                "con «{» o «[», mettilo tra virgolette"
            )
            raise SourceError.at(self.path, line, message)
        if not node.style and node.value == "<<":
            message = "«<<» (unione di sezioni) non si usa qui: scrivi i campi per intero"
            raise SourceError.at(self.path, line, message)
        return str(self._scalar(node))

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        """The scalar as staff typed it: text, or None for an empty plain value."""
        value: str = node.value
        if not node.style:  # plain: None from PyYAML, "" from libyaml
            merged = merged_line(self.source_lines, node, self.first_line)
            if merged is not None:
                line, message = merged
                raise SourceError.at(self.path, line, message)
            if value in _NULLS:
                return None
        found = control_character(value)
        if found is not None:
            raise SourceError.at(self.path, self._line(node.start_mark), found)
        return value


def _check_tokens(text: str, path: str, first_line: int) -> None:
    """Refuse anchors, aliases, tags and deep nesting from the tokens, before anything is built."""
    depth = 0
    for token in yaml.scan(text, Loader=_LOADER):
        line = token.start_mark.line + first_line
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            message = (
                "«&» e «*» (ancore e rimandi) non si usano qui: scrivi il valore per intero; "
                "se il testo comincia con «&» o «*», mettilo tra virgolette"
            )
            raise SourceError.at(path, line, message)
        if isinstance(token, yaml.TagToken):
            tag = "".join(part or "" for part in token.value)
            message = (
                f"«{tag}» non si usa qui: toglilo e scrivi solo il "
                "valore; se il testo comincia con «!», mettilo tra virgolette"
            )
            raise SourceError.at(path, line, message)
        if isinstance(token, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"troppi livelli uno dentro l’altro (più di {MAX_DEPTH})"
                raise SourceError.at(path, line, message)
        elif isinstance(token, _CLOSING):
            depth -= 1


def line_of(lines: LineMap, location: Location) -> int | None:
    """The line of the deepest known value on the way to location (missing keys have none)."""
    for end in range(len(location), -1, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return None
