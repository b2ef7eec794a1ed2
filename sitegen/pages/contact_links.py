"""Every mailto: and tel: link of the site, built in one place that encodes what it is given.

The address comes from site.yaml and is checked to be an address only (models.Settings), and
it is percent-encoded here as well, as encodeURIComponent does in js/mailto.js, so nothing in
it can add a header (?bcc=) to a link. The composed subject and body are added in the browser
(js/contact.js), which has them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# encodeURIComponent's unreserved characters, and the "@" of an address.
_KEPT = "-_.!~*'()@"


def mailto_url(address: str) -> str:
    """ "mailto:info@example.it"."""
    return f"mailto:{quote(address, safe=_KEPT)}"


def tel_url(phone: str) -> str:
    """ "tel:+39021234567": the number's digits and its leading +, which phones dial."""
    return "tel:" + re.sub(r"[^\d+]", "", phone)
