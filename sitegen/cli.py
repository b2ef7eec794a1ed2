"""Command line: build, check, serve, sla. Content mistakes print FILE:LINE: message, exit 1."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from jinja2 import TemplateError

from sitegen.build import build_site, render_in_memory
from sitegen.build import warnings as site_warnings
from sitegen.check import broken_links, read_tree
from sitegen.errors import SourceError
from sitegen.templating_errors import describe_template_error
from sitegen.urls import Urls
from sitegen.write import OutputError, write_tree

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except SourceError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
    except TemplateError as error:
        print(describe_template_error(error, args.source), file=sys.stderr)
    except OutputError as error:
        print(f"sitegen: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into the output folder")
    _source_option(build)
    build.add_argument("--output", type=Path, default=Path("output"), help="default: output")
    build.add_argument("--base-url", help="public URL of the site, e.g. https://example.org/sub/")
    build.set_defaults(run=_build)

    check = commands.add_parser("check", help="validate sources and check every internal link")
    _source_option(check)
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=_check)
    return parser


def _source_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source", type=Path, default=Path("."), help="folder with the sources (default: .)"
    )


def _normalised_base_url(value: str | None) -> str | None:
    if value is None:
        return None
    return value if value.endswith("/") else value + "/"


def _build(args: argparse.Namespace) -> int:
    warnings = build_site(args.source, args.output, _normalised_base_url(args.base_url))
    for warning in warnings:
        print(warning, file=sys.stderr)
    print(f"sitegen: built {args.output}")
    return 0


def _check(args: argparse.Namespace) -> int:
    site, rendered = render_in_memory(args.source)
    with tempfile.TemporaryDirectory(prefix="sitegen-check-") as folder:
        output = Path(folder) / "site"
        write_tree(rendered, output, args.source)
        files = read_tree(output)
    problems = broken_links(files, Urls(site.settings.base_url).prefix)
    warnings = site_warnings(site)
    for line in [*warnings, *problems]:
        print(line, file=sys.stderr)
    if problems or (args.strict and warnings):
        return 1
    print(f"sitegen: {len(files)} files checked, no broken links")
    return 0
