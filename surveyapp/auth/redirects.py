"""Where the app may send a browser back to: only paths on this site (no open redirect)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: what a browser strips from both ends of a URL, and what it removes everywhere
_C0_AND_SPACE = "".join(chr(i) for i in range(0x21))
_TAB_AND_NEWLINE = re.compile("[\t\n\r]")


def local_path(target: str | None) -> str | None:
    """``target`` as a browser reads it, when that is a path on this site; else None.

    A browser drops leading and trailing control characters and spaces, removes tabs and
    newlines anywhere, and reads a backslash as a slash, so ``/\\evil.example`` and
    ``\\t//evil.example`` both lead to ``//evil.example``. The cleaned value is what
    was checked, so it is what the caller should redirect to.
    """
    seen = _TAB_AND_NEWLINE.sub("", target or "").strip(_C0_AND_SPACE).replace("\\", "/")
    parts = urlsplit(seen)
    if (
        seen.startswith("/")
        and not seen.startswith("//")
        and not parts.scheme
        and not parts.netloc
        and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in seen)
    ):
        return seen
    return None
