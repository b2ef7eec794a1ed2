"""Command line: build, check, serve, sla. Content mistakes print FILE:LINE: message, exit 1."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import MAXYEAR, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.build import build_site, render_in_memory
from sitegen.core.errors import SourceError, UsageError, clip
from sitegen.core.urls import Urls, check_base_url
from sitegen.pages.calendars import calendar_around
from sitegen.report import report
from sitegen.sla.engine import SlaError, explain
from sitegen.sla.wording import explanation_text
from sitegen.sources.load import load_offer, load_settings

# A receipt's year, which an offset can move one year on; the calendar (cut at MAXYEAR) then
# still has the next year for the deadline, and its last day a next midnight.
SLA_YEARS = range(1970, MAXYEAR - 2)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 must not crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except SourceError as error:
        report(error.problems)
    except UsageError as error:
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

    serve = commands.add_parser("serve", help="serve the site, rebuild on save, reload the browser")
    _source_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="listen address (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="default: 8000")
    serve.add_argument("--open", action="store_true", help="open the site in the web browser")
    serve.add_argument(
        "--base-url", help="build for this URL and serve under its path (a sub-path site)"
    )
    serve.set_defaults(run=_serve)

    sla = commands.add_parser("sla", help="when PLAN guarantees an answer to a request")
    sla.add_argument("plan", metavar="PLAN", help="plan id, e.g. bronze")
    sla.add_argument(
        "--at",
        action="append",
        required=True,
        metavar="ISO",
        help="receipt time, e.g. 2026-12-04T17:00 (Rome time unless an offset is given)",
    )
    sla.add_argument("--explain", action="store_true", help="explain each deadline in Italian")
    _source_option(sla)
    sla.set_defaults(run=_sla)
    return parser


def _source_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source", type=Path, default=Path("."), help="folder with the sources (default: .)"
    )


def _normalised_base_url(value: str | None) -> str | None:
    """--base-url follows site.yaml's rule; only a missing final "/" is forgiven."""
    if value is None:
        return None
    try:
        return check_base_url(value if value.endswith("/") else value + "/")
    except ValueError as error:
        raise UsageError(f"--base-url: {error}") from None


def _build(args: argparse.Namespace) -> int:
    warnings = build_site(args.source, args.output, _normalised_base_url(args.base_url))
    report(warnings)
    print(f"sitegen: sito generato in {args.output}")
    return 0


def _received_at(value: str, zone: ZoneInfo) -> datetime:
    """An ISO 8601 time; without an offset it is wall-clock time in the company's zone, as
    support staff read it.

    UsageError says whether the format is wrong or the date does not exist (2026-02-30).
    """
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"«{clip(value)}»: {_why_not_iso(value)}") from None
    if moment.year not in SLA_YEARS:
        raise UsageError(
            f"«{clip(value)}»: l’anno deve essere tra il {SLA_YEARS.start} e il "
            f"{SLA_YEARS.stop - 1}"
        )
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _why_not_iso(value: str) -> str:
    """A well-formed date that does not exist is not a format mistake: say which it is."""
    date_part = _ISO_DATE.match(value)
    if date_part:
        try:
            date(*(int(number) for number in date_part.groups()))
        except ValueError:
            return "questa data non esiste"
    return "non è una data e ora nel formato ISO 8601 (per esempio 2026-12-04T17:00)"


def _sla(args: argparse.Namespace) -> int:
    offer, settings = load_offer(args.source), load_settings(args.source)
    try:
        plan = offer.plan(args.plan)
    except KeyError as error:
        raise UsageError(error.args[0]) from None
    moments = [_received_at(value, settings.zone) for value in args.at]
    years = {moment.astimezone(settings.zone).year for moment in moments}
    calendar = calendar_around(settings, years)
    for moment in moments:
        try:
            explanation = explain(moment, plan.coverage, plan.response.minutes, calendar)
        except SlaError as error:
            raise UsageError(str(error)) from None
        print(explanation.deadline.isoformat())
        if args.explain:
            print(f"  {explanation_text(explanation)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from sitegen.output.links import (
        broken_links,  # here, not at the top: bs4 would slow every build
    )
    from sitegen.pages.views import page_sources

    site, files = render_in_memory(args.source)
    problems = broken_links(files, page_sources(site), Urls(site.settings.base_url).prefix)
    report([*site.warnings, *problems])
    if problems or (args.strict and site.warnings):
        return 1
    print(f"sitegen: {len(files)} file controllati, nessun collegamento interrotto")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from sitegen.serve.server import serve as serve_site  # the HTTP stack: serving only

    base_url = _normalised_base_url(args.base_url)
    return serve_site(args.source, args.host, args.port, args.open, base_url)
