"""Markdown to HTML: one dialect, GitHub's (CommonMark plus tables), for every source.

cmark-gfm is GitHub's own C implementation (PyPI's readme_renderer uses it): about 0.1 ms a page
against Python-Markdown's 3.6 ms, and it starts in 3 ms. Its dialect has no attribute lists, so
the two anchors the site needs, a theme's and a principle's in ethics.md, are written at the end
of their line as `{#anchor}`, which cmark-gfm leaves in the text for the ethics loader to take.
Python-Markdown's `{: #anchor }` lines would otherwise reach the page as text: the build names
each one with the form to use instead.
"""

from __future__ import annotations

import re

import cmarkgfm
from cmarkgfm.cmark import Options

# Tables and ~~strikethrough~~ as GitHub has them; tagfilter turns <script>, <style>, <iframe> and
# the like into text, as GitHub does. Other raw HTML passes: staff may need it. Not autolink: it
# would link the address inside {{ email_link() }}'s own link a second time.
EXTENSIONS = ("table", "strikethrough", "tagfilter")
OPTIONS = Options.CMARK_OPT_UNSAFE
# Python-Markdown's attribute list: `{: #id .class }` alone on a line or ending one.
_ATTRIBUTE_LIST = re.compile(r"(?:^|\s)(\{:[^{}\n]*\})[ \t]*$", re.MULTILINE)


def to_html(text: str) -> str:
    """The HTML of a Markdown text, without the final newline (templates place it)."""
    html = cmarkgfm.markdown_to_html_with_extensions(
        text, options=OPTIONS, extensions=list(EXTENSIONS)
    )
    return html.removesuffix("\n")


def attribute_lists(text: str) -> list[tuple[int, str]]:
    """Each `{: … }` attribute list in text, with its 1-based line: syntax this dialect lacks."""
    return [
        (text.count("\n", 0, match.start(1)) + 1, match[1])
        for match in _ATTRIBUTE_LIST.finditer(text)
    ]
