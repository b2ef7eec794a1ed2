"""cmark-gfm's document tree, read and edited through the C library's own functions.

cmarkgfm's Python bindings stop at parsing and rendering, but its shared library carries all of
cmark's node API; ctypes reaches it, as markdown_html does for `cmark_node_free`. Nodes are the
C pointers as integers. Strings are UTF-8: cmark copies what it is given, and what it returns
belongs to the node.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

from cmarkgfm import _cmark

# Node types, as cmark-gfm.h numbers them (block types 0x8000 |, inline types 0xc000 |).
CODE_BLOCK = 0x8005
HTML_BLOCK = 0x8006
TEXT = 0xC001
CODE = 0xC004
HTML_INLINE = 0xC005
LINK = 0xC009
IMAGE = 0xC00A

_EVENT_DONE, _EVENT_ENTER = 1, 2

_library = ctypes.CDLL(_cmark.__file__)
_NODE = ctypes.c_void_p


def _function(name: str, restype: object, *argtypes: object) -> ctypes._CFuncPtr:
    function = getattr(_library, name)
    function.restype, function.argtypes = restype, list(argtypes)
    return function


_iter_new = _function("cmark_iter_new", ctypes.c_void_p, _NODE)
_iter_next = _function("cmark_iter_next", ctypes.c_int, ctypes.c_void_p)
_iter_get_node = _function("cmark_iter_get_node", _NODE, ctypes.c_void_p)
_iter_free = _function("cmark_iter_free", None, ctypes.c_void_p)
_get_type = _function("cmark_node_get_type", ctypes.c_int, _NODE)
_get_start_line = _function("cmark_node_get_start_line", ctypes.c_int, _NODE)
_get_parent = _function("cmark_node_parent", _NODE, _NODE)
_new = _function("cmark_node_new", _NODE, ctypes.c_int)
_insert_after = _function("cmark_node_insert_after", ctypes.c_int, _NODE, _NODE)
_append_child = _function("cmark_node_append_child", ctypes.c_int, _NODE, _NODE)
_STRINGS = {
    field: (
        _function(f"cmark_node_get_{field}", ctypes.c_char_p, _NODE),
        _function(f"cmark_node_set_{field}", ctypes.c_int, _NODE, ctypes.c_char_p),
    )
    for field in ("literal", "url", "title", "fence_info")
}


def nodes(root: int) -> Iterator[int]:
    """Every node under root (root included), parents before children. The tree's shape must
    not change while this runs: edit strings only, and add nodes once it is done."""
    iterator = _iter_new(root)
    try:
        while (event := _iter_next(iterator)) != _EVENT_DONE:
            if event == _EVENT_ENTER:
                yield _iter_get_node(iterator)
    finally:
        _iter_free(iterator)


def kind(node: int) -> int:
    """The node's type, one of the constants above (or another cmark type)."""
    return _get_type(node)


def start_line(node: int) -> int:
    """The 1-based line of the source the node starts on."""
    return _get_start_line(node)


def parent(node: int) -> int | None:
    return _get_parent(node)


def get(node: int, field: str) -> str:
    """A string of the node: "literal", "url", "title" or "fence_info" ("" when it has none)."""
    value = _STRINGS[field][0](node)
    return value.decode("utf-8") if value else ""


def put(node: int, field: str, value: str) -> None:
    """Set a string of the node (cmark keeps a copy)."""
    _STRINGS[field][1](node, value.encode("utf-8"))


def new(node_type: int, **strings: str) -> int:
    """A new node of that type with these strings; the tree it joins frees it."""
    node = _new(node_type)
    for field, value in strings.items():
        put(node, field, value)
    return node


def insert_after(node: int, sibling: int) -> None:
    _insert_after(node, sibling)


def append_child(node: int, child: int) -> None:
    _append_child(node, child)
