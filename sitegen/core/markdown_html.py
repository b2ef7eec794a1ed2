"""Markdown to HTML: one dialect, GitHub's (CommonMark plus tables), for every source.

cmark-gfm is GitHub's own C implementation (PyPI's readme_renderer uses it): about 0.1 ms a page
against Python-Markdown's 3.6 ms, and it starts in 3 ms. Its dialect has no attribute lists, so
the two anchors the site needs, a theme's and a principle's in ethics.md, are written at the end
of their line as `{#anchor}`, which cmark-gfm leaves in the text for the ethics loader to take.
Python-Markdown's `{: #anchor }` lines would otherwise reach the page as text: the build names
each one with the form to use instead.

cmarkgfm's own `markdown_to_html_with_extensions` never frees the document tree or the HTML it
renders (theacodes/cmarkgfm#53): about 24 KB a page, 120 MB on a 5,000-page site and without end
in the dev server. So `to_html` makes the same calls through cmarkgfm's wrappers and frees both,
with the library's own `cmark_node_free` and the C allocator's `free`, which its bindings leave out.

Nothing a source says becomes markup the browser runs, even on a host that serves no
Content-Security-Policy: cmark-gfm renders in its safe mode, which leaves raw HTML out (a
`<!-- raw HTML omitted -->` comment stands in its place) and empties links and images to
`javascript:`, `vbscript:`, `file:` and `data:` addresses, whatever their case and entities; the
`data:` images it lets through are emptied here too. Page bodies refuse raw HTML at its line
before they get here (page_body), so what is left out is ethics.md's HTML: its comments, notes
to staff, and anything else.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Sequence

from cmarkgfm import _cmark, cmark

from sitegen.core import markdown_tree, placeholders

# Tables and ~~strikethrough~~ as GitHub has them (its tagfilter only filters raw HTML, which
# the safe mode leaves out). Not autolink: a bare address stays text, as it always has here.
EXTENSIONS = ("table", "strikethrough")
OPTIONS = cmark.Options.CMARK_OPT_DEFAULT  # the safe mode: no raw HTML, no dangerous links
# A `data:` address in an attribute cmark wrote (text and other attributes escape `"`).
_DATA_URL = re.compile(r' (href|src)="[dD][aA][tT][aA]:[^"]*"')
# Python-Markdown's attribute list: `{: #id .class }` alone on a line or ending one.
_ATTRIBUTE_LIST = re.compile(r"(?:^|\s)(\{:[^{}\n]*\})[ \t]*$", re.MULTILINE)

cmark.core_extensions_ensure_registered()
_SYNTAX_EXTENSIONS = [cmark.find_syntax_extension(name) for name in EXTENSIONS]
_library = ctypes.CDLL(_cmark.__file__)
_node_free = _library.cmark_node_free
_node_free.argtypes, _node_free.restype = [ctypes.c_void_p], None
_free = ctypes.CDLL(None).free  # cmark's default allocator is the C library's calloc and free
_free.argtypes, _free.restype = [ctypes.c_void_p], None


def to_html(text: str, values: Sequence[object] = ()) -> str:
    """The HTML of a Markdown text, without the final newline (templates place it).

    values are what the text's placeholders (placeholders.py) stand for: each is put in as
    text in the element where its placeholder stands, once the Markdown is parsed.
    """
    parser = _parser(text)
    try:
        root = cmark.parser_finish(parser)
        try:
            if values:
                placeholders.fill(_address(root), values)
            extensions = cmark.parser_get_syntax_extensions(parser)
            rendered = _cmark.lib.cmark_render_html(root, OPTIONS, extensions)
            html = _cmark.ffi.string(rendered).decode("utf-8")
            _free(_address(rendered))
        finally:
            _node_free(_address(root))
    finally:
        cmark.parser_free(parser)
    if '="d' in html or '="D' in html:  # seldom: the pattern alone costs a page 15 µs
        html = _DATA_URL.sub(r' \1=""', html)
    return html.removesuffix("\n")


# What staff read where they wrote raw HTML, which the site leaves out.
RAW_HTML_REFUSED = (
    "«{}» è codice HTML, che una pagina non può contenere: scrivi il testo in Markdown "
    "(**grassetto**, *corsivo*, [collegamento](/contatti/), una riga vuota tra i paragrafi)"
)


def raw_html(text: str) -> list[tuple[int, str]]:
    """Each piece of raw HTML in a Markdown text (a tag, a comment, an HTML block), with its
    1-based line: what to_html leaves out."""
    if "<" not in text:  # nearly every text: no need to walk its tree
        return []
    parser = _parser(text)
    try:
        root = _address(cmark.parser_finish(parser))
        try:
            return [
                (markdown_tree.start_line(node), markdown_tree.get(node, "literal"))
                for node in markdown_tree.nodes(root)
                if markdown_tree.kind(node) in (markdown_tree.HTML_BLOCK, markdown_tree.HTML_INLINE)
            ]
        finally:
            _node_free(root)
    finally:
        cmark.parser_free(parser)


def _parser(text: str) -> object:
    """A parser of the site's dialect that has read text; the caller frees it."""
    parser = cmark.parser_new(OPTIONS)
    for extension in _SYNTAX_EXTENSIONS:
        cmark.parser_attach_syntax_extension(parser, extension)
    cmark.parser_feed(parser, text)
    return parser


def _address(pointer: object) -> int:
    """A cffi pointer as the integer ctypes passes."""
    return int(_cmark.ffi.cast("uintptr_t", pointer))


def attribute_lists(text: str) -> list[tuple[int, str]]:
    """Each `{: … }` attribute list in text, with its 1-based line: syntax this dialect lacks."""
    if "{:" not in text:  # nearly every text; the pattern alone would cost a build 0.1 ms a page
        return []
    return [
        (text.count("\n", 0, match.start(1)) + 1, match[1])
        for match in _ATTRIBUTE_LIST.finditer(text)
    ]
