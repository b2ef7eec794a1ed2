"""The loaded site rendered into {output path: bytes}; `render.SiteRenderer` is the entry point.

Its rule: rendering is pure. It reads no file and writes none (the layouts arrive already read,
from sources/layouts.py), so the build, `check` and the dev server get the same bytes.

- views  every page's address, title and layout; context  what layouts may use
- comparison, chooser, chart, calendars, structured_data, api  the site's derived views
- bodies with body_rules, body_sandbox, body_limits, body_errors  page bodies, which may hold
  a few placeholders and never code
- templates (Jinja's loader), template_errors, assets, headers, contact_links, script_json,
  collisions
"""
