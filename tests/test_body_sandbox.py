"""The body sandbox holds even for a body body_rules did not check: the second line of defence."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError

from harness.site import fixture_source
from sitegen.pages.body_limits import BodyError
from sitegen.pages.body_sandbox import SHOWN, BodySandbox, Shown
from sitegen.sources.load import load_site

HELP = (
    "In una pagina puoi usare solo {{ site.… }}, {{ page.… }}, {{ url(…) }} e {{ email_link() }}."
)


@pytest.fixture(scope="module")
def sandbox() -> BodySandbox:
    settings = load_site(fixture_source()).settings
    return BodySandbox({"site": settings, "url": lambda path: "/sub" + path}, None)


def _run(sandbox: BodySandbox, body: str) -> tuple[str, list[object]]:
    shown = Shown()
    text = sandbox.from_string(body).render({SHOWN: shown})
    return text, shown.values


def test_only_the_helpers_can_be_called(sandbox: BodySandbox) -> None:
    with pytest.raises(BodyError) as raised:
        _run(sandbox, "{% set f = site.name.upper %}{{ f() }}")
    assert str(raised.value) == "in una pagina puoi chiamare solo {{ url(…) }} e {{ email_link() }}"


def test_python_attributes_stay_out_of_reach(sandbox: BodySandbox) -> None:
    with pytest.raises(SecurityError) as raised:
        _run(sandbox, "{{ site.__class__ }}")
    assert str(raised.value) == f"«__class__» non si può usare in una pagina. {HELP}"


def test_values_become_placeholders(sandbox: BodySandbox) -> None:
    text, values = _run(sandbox, "A {{ site.name ~ '!' }} B {{ url('/x/') }} C")
    assert text == "A \ufdd00\ufdd1 B \ufdd01\ufdd1 C"
    assert values == ["Mister Informatica!", "/sub/x/"]
