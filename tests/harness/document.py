"""Where the tests find the company's document, the only source of facts about the company."""

from __future__ import annotations

from .tools import REPO_ROOT

# The shared original when it sits beside the clone (as in this workplace's CI), else the copy
# kept in the repository for other CI hosts.
SHARED_DOCUMENT = REPO_ROOT.parent / "shared" / "source-documents" / "codice-etico-e-sla.txt"
REPO_DOCUMENT = REPO_ROOT / "docs" / "source" / "codice-etico-e-sla.txt"
DOCUMENT = SHARED_DOCUMENT if SHARED_DOCUMENT.is_file() else REPO_DOCUMENT
