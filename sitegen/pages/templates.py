"""Jinja's loader over the layouts already read (sources/layouts.py): rendering reads no
file. A template's file name is its path under the project, so a template mistake is
reported at templates/FILE:LINE (template_errors.py)."""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import BaseLoader, Environment, TemplateNotFound
from jinja2.loaders import split_template_path

from sitegen.sources.layouts import Layouts


class LayoutLoader(BaseLoader):
    """Templates by name ("base.html", "_plan.html", "logo.svg"), never leaving templates/."""

    def __init__(self, layouts: Layouts) -> None:
        self.layouts = layouts

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        name = "/".join(split_template_path(template))  # TemplateNotFound for "..": never leave
        text = self.layouts.templates.get(name)
        if text is None:
            raise TemplateNotFound(template)
        return text, str(self.layouts.folder / name), lambda: True
