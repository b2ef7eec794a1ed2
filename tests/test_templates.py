"""Templates name pages, never paths: every address comes from sitegen.core.urls.site_path, through
the `href()` global, so a page moves by changing one line."""

from __future__ import annotations

import re

from harness.tools import REPO_ROOT

_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
# A path typed by hand: an attribute or a string literal that starts at the site's root.
_TYPED_PATH = re.compile(r"""(?:href|src|action|cite|content)="/|\(\s*['"]/|['"]/[a-z]""")


def test_no_template_types_a_path() -> None:
    typed = []
    for template in sorted((REPO_ROOT / "templates").glob("*.*")):
        text = _COMMENT.sub("", template.read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), start=1):
            if _TYPED_PATH.search(line):
                typed.append(f"{template.name}:{number}: {line.strip()}")
    assert typed == []


def test_the_check_finds_a_typed_path() -> None:
    """Guard the guard: the pattern catches the forms a path was typed in before."""
    for line in ["<a href=\"{{ url('/piani/') }}\">", '<a href="/contatti/">', "{{ x('/y') }}"]:
        assert _TYPED_PATH.search(line), line
