"""The `---` block of YAML at the top of a Markdown page, split from the page's body."""

from __future__ import annotations

import re
from typing import Any

from sitegen.core.errors import SourceError
from sitegen.sources.yaml_reader import LineMap, parse_yaml

_FENCE = "---"
_LOOKS_LIKE_YAML = re.compile(r"^(?:[\w-]+\s*:|\s|#|$)")
START_WITH_FENCE = (
    "la pagina deve cominciare con una riga «---», poi le righe title: e description:, poi "
    "un’altra riga «---»; dopo viene il testo della pagina"
)


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], LineMap, str, int]:
    """Split `---` YAML front matter from a Markdown body; return data, lines, body, body line."""
    lines = text.splitlines(keepends=True)
    if not text.strip():
        raise SourceError.at(path, 1, "il file è vuoto: " + START_WITH_FENCE)
    if lines[0].strip() != _FENCE:
        raise SourceError.at(path, 1, START_WITH_FENCE)
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == _FENCE:
            data, line_map = parse_yaml("".join(lines[1:index]), path, first_line=2)
            if not isinstance(data, dict):
                message = "fra le due righe «---» servono le voci title: e description:"
                raise SourceError.at(path, 2, message)
            return data, line_map, "".join(lines[index + 1 :]), index + 2
    raise SourceError.at(path, _where_it_should_close(lines), _NOT_CLOSED)


_NOT_CLOSED = (
    "qui finisce l’intestazione della pagina, ma manca la riga «---» che la chiude: aggiungila "
    "prima di questa riga"
)


def _where_it_should_close(lines: list[str]) -> int:
    """The first line after the opening fence that is not a `key: value` line: where the
    closing fence was forgotten."""
    for number, line in enumerate(lines[1:], start=2):
        if not _LOOKS_LIKE_YAML.match(line):
            return number
    return len(lines) + 1
