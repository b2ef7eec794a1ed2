"""The dev server's incremental renders and its watcher, in-process.

After each kind of edit, the files the dev server would serve (before it adds its reload script)
equal, byte for byte, a clean render of the edited sources; a body edit renders one page; a bad
save reports what `sitegen build` reports, and the next good save renders everything again.
The watcher reports each burst of saves once, with their paths, sees write-and-rename saves
and saves made during a rebuild, and drops editors' files and paths the build does not read.
"""

from __future__ import annotations

import gc
import os
import queue
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from harness.site import copy_sources
from sitegen.build import load, render_in_memory, renderer_for
from sitegen.core.errors import SourceError
from sitegen.pages.bodies import BodyRenderer
from sitegen.pages.body_rules import HELPERS, ROOTS
from sitegen.serve.rerender import Rerenderer
from sitegen.serve.watch import Watcher
from sitegen.sources.load import load_pages

WAIT_SECONDS = 10  # generous: a slow machine only makes a passing test slower

OTHER_PAGE = """---
title: Notizie
description: Le notizie dell’azienda.
---
Nessuna notizia per ora.
"""
NEW_PAGE = """---
title: Pagina nuova
description: Una pagina aggiunta mentre il server gira.
menu: 9
---
Testo della pagina nuova, con {{ email_link() }}.
"""


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


# Each edit: what it does to the sources, and the path the watcher would report.
EDITS: dict[str, tuple[Callable[[Path], None], str]] = {
    "content body": (
        lambda s: append(s / "content/index.md", "\nUn paragrafo in più, per {{ site.name }}.\n"),
        "content/index.md",
    ),
    "plans.yaml": (
        lambda s: replace_once(s / "plans.yaml", "Tre livelli di servizio", "Tre livelli, prova"),
        "plans.yaml",
    ),
    "site.yaml": (
        lambda s: replace_once(s / "site.yaml", "name: Mister Informatica", "name: Mister Info"),
        "site.yaml",
    ),
    "ethics.md": (
        lambda s: replace_once(s / "ethics.md", "title: Codice etico", "title: Il codice etico"),
        "ethics.md",
    ),
    "layout template": (
        lambda s: replace_once(s / "templates/base.html", "</footer>", "<p>Nota.</p>\n</footer>"),
        "templates/base.html",
    ),
    "imported macro template": (
        lambda s: replace_once(s / "templates/_plan.html", "Il prezzo", "Il costo"),
        "templates/_plan.html",
    ),
    "static file": (
        lambda s: append(s / "templates/static/css/site.css", "\nmain { margin: 0 }\n"),
        "templates/static/css/site.css",
    ),
    "front matter": (
        lambda s: replace_once(s / "content/contatti.md", "title: Contatti", "title: Scrivici"),
        "content/contatti.md",
    ),
    "page added": (
        lambda s: (s / "content/nuova.md").write_text(NEW_PAGE, encoding="utf-8"),
        "content/nuova.md",
    ),
    "page deleted": (lambda s: (s / "content/notizie.md").unlink(), "content/notizie.md"),
}


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """The company fixture with one page more, one that staff may delete."""
    source = copy_sources(tmp_path / "site")
    (source / "content/notizie.md").write_text(OTHER_PAGE, encoding="utf-8")
    return source


def clean_render(source: Path) -> dict[str, bytes]:
    return render_in_memory(source)[1]


@pytest.mark.parametrize("edit", EDITS)
def test_after_each_edit_the_served_files_equal_a_clean_render(sources: Path, edit: str) -> None:
    renderer = Rerenderer(sources)
    renderer.render()
    change, path = EDITS[edit]
    change(sources)
    after = renderer.render({path}).files
    assert after == clean_render(sources)


def test_every_edit_in_turn_on_one_server(sources: Path) -> None:
    renderer = Rerenderer(sources)
    renderer.render()
    for change, path in EDITS.values():
        change(sources)
        assert renderer.render({path}).files == clean_render(sources), path


def test_a_body_edit_renders_that_page_alone(sources: Path) -> None:
    renderer = Rerenderer(sources)
    assert "index.html" in renderer.render().rendered
    change, path = EDITS["content body"]
    change(sources)
    result = renderer.render({path})
    assert result.rendered == {"index.html"}
    assert result.files == clean_render(sources)


def test_a_plans_edit_takes_the_bodies_from_the_previous_render(sources: Path, monkeypatch) -> None:
    renderer = Rerenderer(sources)
    renderer.render()
    rendered: list[str] = []
    body = BodyRenderer.render
    monkeypatch.setattr(
        BodyRenderer,
        "render",
        lambda self, page, view: rendered.append(page.source) or body(self, page, view),
    )
    for edit, bodies in (
        ("plans.yaml", []),
        ("site.yaml", sorted(page.source for page in load_pages(sources))),  # a body helper
    ):
        change, path = EDITS[edit]
        change(sources)
        renderer.render({path})
        assert sorted(rendered) == bodies, edit
        rendered.clear()


def test_the_body_key_covers_every_body_helper() -> None:
    """Bodies are reused by render.body_key: page, settings, URLs. A new value or helper in
    body_rules must join that key, or an edit to what it reads would be missed."""
    assert {*ROOTS, *HELPERS} == {"page", "site", "url", "email_link"}


class Bodies(dict):
    """A renderer's body cache that a weak reference can follow, to see when it is let go."""


def test_the_body_cache_keeps_only_each_page_s_current_body(sources: Path) -> None:
    """Issue 19: every body save added a body (about 1 MB for a 225 KB page) that was never let
    go, and a full render kept the previous renderer's bodies until the render after it."""
    renderer = renderer_for(load(sources))
    renderer.render()
    for save in range(30):
        append(sources / "content/index.md", f"\nSalvataggio {save}.\n")
        site = load(sources).site
        if save % 10 == 9:  # now and then a full render, as a plans.yaml save makes
            earlier = Bodies(renderer.bodies)
            released = weakref.ref(earlier)
            renderer = renderer_for(load(sources), earlier_bodies=earlier)
            renderer.render()
            del earlier
            gc.collect()
            assert released() is None, "the full render still holds the earlier bodies"
        else:
            renderer.render_pages(page for page in site.pages if page.source == "content/index.md")
        assert len(renderer.bodies) == len(site.pages)
        kept = {key[0].source.source: key[0].source for key, _ in renderer.bodies.values()}
        assert kept == {page.source: page for page in site.pages}  # this save's bodies


@pytest.mark.parametrize(
    "edit", ["plans.yaml", "site.yaml", "layout template", "static file", "front matter"]
)
def test_other_edits_render_everything(sources: Path, edit: str) -> None:
    renderer = Rerenderer(sources)
    renderer.render()
    change, path = EDITS[edit]
    change(sources)
    result = renderer.render({path})
    assert result.rendered == result.files.keys()


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("plans.yaml", "    name: Bronze\n", "    name: [Bronze\n"),
        ("content/index.md", "In questa sezione", "{{ nessuno }} In questa sezione"),
        ("templates/base.html", "</footer>", "{{ nessuno.campo }}</footer>"),
    ],
)
def test_a_bad_save_fails_as_build_does_and_the_next_good_one_restores(
    sources: Path, path: str, old: str, new: str
) -> None:
    renderer = Rerenderer(sources)
    renderer.render()
    good = (sources / path).read_text(encoding="utf-8")
    replace_once(sources / path, old, new)
    with pytest.raises(SourceError) as served:
        renderer.render({path})
    with pytest.raises(SourceError) as built:
        render_in_memory(sources)
    assert served.value.problems == built.value.problems

    (sources / path).write_text(good, encoding="utf-8")
    result = renderer.render({path})
    assert result.rendered == result.files.keys()  # nothing is kept from before the failure
    assert result.files == clean_render(sources)


# The watcher


@pytest.fixture
def reports(sources: Path) -> Iterator[queue.Queue[frozenset[str]]]:
    """The batches of changed paths a running watcher reports for the sources."""
    batches: queue.Queue[frozenset[str]] = queue.Queue()
    watcher = Watcher(sources, batches.put)
    assert watcher.start()
    yield batches
    watcher.stop.set()


def next_batch(batches: queue.Queue[frozenset[str]]) -> frozenset[str]:
    return batches.get(timeout=WAIT_SECONDS)


def test_a_burst_of_saves_is_one_report(sources: Path, reports) -> None:
    for name in ("plans.yaml", "ethics.md", "content/index.md", "templates/base.html"):
        append(sources / name, "\n")
    seen = next_batch(reports)
    while len(seen) < 4:  # a slow machine may split the burst; nothing may be lost
        seen |= next_batch(reports)
    assert seen == {"plans.yaml", "ethics.md", "content/index.md", "templates/base.html"}


def test_editor_files_and_paths_the_build_does_not_read_are_not_reported(
    sources: Path, reports
) -> None:
    for name in ("content/.index.md.swp", "content/index.md~", "templates/#base.html#"):
        (sources / name).write_text("x", encoding="utf-8")
    (sources / "output").mkdir()
    (sources / "output/index.html").write_text("x", encoding="utf-8")
    (sources / "notes.txt").write_text("x", encoding="utf-8")
    append(sources / "plans.yaml", "\n")  # the one real save: it comes alone
    assert next_batch(reports) == {"plans.yaml"}


def test_write_and_rename_saves_are_seen_every_time(sources: Path, reports) -> None:
    for number in range(3):
        temporary = sources / ".plans.yaml.tmp"
        temporary.write_text(f"# save {number}\n", encoding="utf-8")
        os.replace(temporary, sources / "plans.yaml")
        assert next_batch(reports) == {"plans.yaml"}


def test_a_save_during_a_rebuild_gives_another(sources: Path) -> None:
    batches: queue.Queue[frozenset[str]] = queue.Queue()
    rebuilding, release = threading.Event(), threading.Event()

    def rebuild(changed: frozenset[str]) -> None:
        batches.put(changed)
        rebuilding.set()
        assert release.wait(WAIT_SECONDS)

    watcher = Watcher(sources, rebuild)
    assert watcher.start()
    try:
        append(sources / "plans.yaml", "\n")
        assert rebuilding.wait(WAIT_SECONDS)
        append(sources / "content/index.md", "\n")  # while the first rebuild runs
        release.set()
        assert next_batch(batches) == {"plans.yaml"}
        assert next_batch(batches) == {"content/index.md"}
    finally:
        release.set()
        watcher.stop.set()
