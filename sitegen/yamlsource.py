"""YAML loading that remembers where each value came from.

PyYAML's plain loaders drop node marks and silently keep the last of two duplicate keys; here the
composed node tree is walked by hand so every value's line is kept and duplicates are errors.

Staff never need anchors and aliases, and they are how a few hundred bytes expand to gigabytes
(an "alias bomb") or to a value that contains itself: a first pass over the tokens refuses them,
and nesting deeper than any source needs, before anything is built.
"""

from __future__ import annotations

from typing import Any

import yaml

from sitegen.errors import SourceError, clip

# libyaml's parser when PyYAML has it: ten times faster, same safe loading, same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # plans.yaml needs 7 levels
_OPENING = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken)
_OPENING_FLOW = (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
Location = tuple[int | str, ...]
LineMap = dict[Location, int]


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, LineMap]:
    """Parse YAML safely; return the data and a map from each value's location to its line.

    first_line shifts reported lines, for YAML embedded in another file (front matter).
    """
    try:
        _check_tokens(text, path, first_line)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        raise SourceError.at(path, line, f"YAML syntax error: {error.problem or error}") from None
    except yaml.reader.ReaderError as error:
        # libyaml counts its position in bytes; the character itself is unambiguous.
        line = text[: text.find(chr(error.character))].count("\n") + first_line
        message = f"character U+{error.character:04X} is not allowed in YAML: remove it"
        raise SourceError.at(path, line, message) from None
    if node is None:
        return None, {(): first_line}
    lines: LineMap = {}
    constructor = yaml.SafeLoader("")

    def walk(node: yaml.Node, location: Location) -> Any:
        lines[location] = node.start_mark.line + first_line
        if node.tag not in _PLAIN_TAGS and not isinstance(node, yaml.ScalarNode):
            message = f'YAML tags are not supported: remove "{clip(node.tag)}"'
            raise SourceError.at(path, lines[location], message)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = scalar(key_node, key_node.start_mark.line + first_line)
                if key in result:
                    line = key_node.start_mark.line + first_line
                    raise SourceError.at(path, line, f'duplicate key "{key}"')
                result[key] = walk(value_node, (*location, key))
                # Point at the line naming the key: for a nested block that is where staff look.
                lines[(*location, key)] = key_node.start_mark.line + first_line
            return result
        if isinstance(node, yaml.SequenceNode):
            return [walk(item, (*location, index)) for index, item in enumerate(node.value)]
        return scalar(node, lines[location])

    def scalar(node: yaml.Node, line: int) -> Any:
        """A plain value; a key that is a {mapping} or [list] is a mistake, not a key."""
        if not isinstance(node, yaml.ScalarNode):
            message = 'a key must be a plain word: quote a value that starts with "{" or "["'
            raise SourceError.at(path, line, message)
        if node.tag == "tag:yaml.org,2002:merge":
            raise SourceError.at(path, line, "merge keys (<<) are not supported: write keys out")
        try:
            return constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise SourceError.at(path, line, str(error.problem)) from None
        except (ValueError, OverflowError) as error:  # 2026-02-30, !!int abc
            message = f'"{clip(node.value)}" is not valid: {error}'
            raise SourceError.at(path, line, message) from None

    return walk(node, ()), lines


def _check_tokens(text: str, path: str, first_line: int) -> None:
    """Refuse anchors, aliases and deep nesting from the tokens, before anything is built."""
    depth = 0
    for token in yaml.scan(text, Loader=_LOADER):
        line = token.start_mark.line + first_line
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            raise SourceError.at(path, line, "YAML anchors and aliases are not supported")
        if isinstance(token, _OPENING + _OPENING_FLOW):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise SourceError.at(path, line, message)
        elif isinstance(token, _CLOSING):
            depth -= 1



def line_of(lines: LineMap, location: Location) -> int | None:
    """The line of the deepest known value on the way to location (missing keys have none)."""
    for end in range(len(location), -1, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return None
