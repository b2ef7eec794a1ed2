"""Where a project keeps its sources, and the names a built site uses besides its pages."""

from __future__ import annotations

import re

SETTINGS_FILE = "site.yaml"
PLANS_FILE = "plans.yaml"
ETHICS_FILE = "ethics.md"
CONTENT_DIR = "content"
TEMPLATES_DIR = "templates"
STATIC_DIR = "static"  # under TEMPLATES_DIR
# Every file and folder a site is built from: what the dev server watches and tests copy.
SOURCES = (SETTINGS_FILE, PLANS_FILE, ETHICS_FILE, CONTENT_DIR, TEMPLATES_DIR)

# A page's file and folder names under content/ make its address: only what makes a clean one.
PAGE_NAME = re.compile(r"[a-z0-9-]+")
# In the built site: the fingerprinted static files' folder, and the host's headers file
# (Netlify's and Cloudflare Pages' name), which hosts read and never serve.
STATIC_PREFIX = "static/"
HEADERS_FILE = "_headers"
