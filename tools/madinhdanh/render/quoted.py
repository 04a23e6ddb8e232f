"""The type of text that is safe to print into SQL as it is, apart from the Jinja environment
(:mod:`.environment`) so that what only builds statements (the dialects, the deploy engine) does not
load Jinja: ``mdd apply`` starts about 0.06 s sooner."""

from __future__ import annotations


class Quoted(str):
    """Text that is safe to print as it is: a quoted literal or identifier, a builder's SQL, a
    macro's output. Any operation on it (``+``, ``.upper()``, ``~``) gives a plain ``str``."""

    __slots__ = ()
