"""Where a project keeps its sources: the files and folders a site is built from."""

from __future__ import annotations

SETTINGS_FILE = "site.yaml"
PLANS_FILE = "plans.yaml"
ETHICS_FILE = "ethics.md"
CONTENT_DIR = "content"
TEMPLATES_DIR = "templates"
STATIC_DIR = "static"  # under TEMPLATES_DIR
# Every file and folder a site is built from: what the dev server watches and tests copy.
SOURCES = (SETTINGS_FILE, PLANS_FILE, ETHICS_FILE, CONTENT_DIR, TEMPLATES_DIR)
