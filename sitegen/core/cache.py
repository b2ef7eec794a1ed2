"""The on-disk caches that spare a repeat build work whose result cannot have changed.

Each entry's key holds everything its content depends on, so a stale entry is never read: the
compiled templates are keyed by their source text and the environment's options, the public
holidays by the `holidays` release, the province and the years. A cache that cannot be written
only makes the build slower; deleting it is always safe.

The caches live in the user's cache folder ($XDG_CACHE_HOME/sitegen, else ~/.cache/sitegen), one
folder per project, never in the project: compiled templates are Python code, and a file pushed
with the sources must not become code the build runs. So a fresh clone, and CI, starts empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache


def cache_root() -> Path:
    """Where the build caches of every project live."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative (which the XDG rules say to ignore)
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sitegen"


def cache_location(source: Path) -> Path:
    """The build cache folder of the project in source (named after it, to be found)."""
    project = source.resolve()
    return cache_root() / f"{project.name or 'root'}-{digest(str(project))}"


def cache_folder(source: Path) -> Path | None:
    """The build cache folder of the project in source, created if need be; None if it
    cannot be."""
    folder = cache_location(source)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def digest(*parts: object) -> str:
    """A short stable key for the parts, as a file name."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:24]


def read_entry(path: Path) -> bytes | None:
    """A cache entry's bytes, or None when there is none (or it cannot be read)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_entry(path: Path, data: bytes) -> None:
    """Store an entry whole or not at all: concurrent builds never read half of one."""
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(name, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(name)


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's compiled templates (layouts and page bodies), so a build compiles only the ones
    that changed.

    Jinja checks each entry against the template's source text; the key adds Jinja's version and
    the environment's options (sandbox, autoescape, whitespace), which shape the code too.
    """

    def __init__(self, folder: Path, options: str) -> None:
        super().__init__(str(folder))
        self.options = options

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return digest(self.options, super().get_cache_key(name, filename))

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # not stored: the next build compiles it again
            super().dump_bytecode(bucket)


def template_cache(cache: Path | None, *options: object) -> TemplateCache | None:
    """The compiled-template cache in the cache folder, when there is one to write to, for an
    environment with these options (each environment names its own)."""
    if cache is None:
        return None
    folder = cache / "templates"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return TemplateCache(folder, digest(jinja2.__version__, *options))
