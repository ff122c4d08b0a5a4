"""Checks an uploaded .xlsx passes before openpyxl unpacks it (shared by every xlsx reader).

Knows nothing about Flask, so both the answer import (:mod:`surveyapp.services.imports`) and
the questionnaire conversion (:mod:`surveyapp.definitions.xlsform_read`) can call it; each says
what the limits mean in its own words.
"""

from __future__ import annotations

import io
import zipfile

#: what the parts of an .xlsx may unpack to, together, and how well one part may be packed
MAX_UNPACKED = 50 * 1024 * 1024
MAX_RATIO = 100


def unpacks_too_far(data: bytes) -> bool:
    """True when the zip's parts unpack to more than MAX_UNPACKED or one packs suspiciously well.

    Reads only the zip directory, never a part. Raises :class:`zipfile.BadZipFile` when ``data``
    is not a zip archive at all.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
    unpacked = sum(e.file_size for e in entries)
    packed_too_well = any(
        e.file_size > 1024 * 1024 and e.file_size > MAX_RATIO * max(e.compress_size, 1)
        for e in entries
    )
    return unpacked > MAX_UNPACKED or packed_too_well
