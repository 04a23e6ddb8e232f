"""Contact fields are well formed.

``email`` is one address (``vanthu@bacgiang.gov.vn``); ``phone`` and ``fax`` are digits with
spaces, dots or dashes and an optional leading ``+`` (``0204 3854 357``); ``website`` is an
``http://`` or ``https://`` address with a host name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .context import Context, Finding

ID = "contact-format"
TITLE = "e-mail, phone, fax and website are well formed"

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"\+?[0-9](?:[0-9 .-]*[0-9])?")
WEBSITE = re.compile(r"https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?(/[^\s]*)?")
CHECKS = (
    ("email", EMAIL, "is not an e-mail address like vanthu@bacgiang.gov.vn"),
    ("phone", PHONE, "is not a phone number (digits, spaces, dots, dashes, optional leading +)"),
    ("fax", PHONE, "is not a fax number (digits, spaces, dots, dashes, optional leading +)"),
    ("website", WEBSITE, "is not a web address starting with http:// or https://"),
)


def check(ctx: Context) -> Iterator[Finding]:
    for index in ctx.valid:
        contact = ctx.units[index].get("contact")
        if not contact:
            continue
        for key, pattern, message in CHECKS:
            value = contact.get(key)
            if value is not None and pattern.fullmatch(value) is None:
                yield Finding("units", ("units", index, "contact", key), f'{key} "{value}" {message}')
        phone = contact.get("phone")
        if phone is not None and PHONE.fullmatch(phone) and not 8 <= sum(c.isdigit() for c in phone) <= 15:
            yield Finding("units", ("units", index, "contact", "phone"), f'phone "{phone}" should have 8 to 15 digits')
