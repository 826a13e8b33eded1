"""Checking uploaded files: the type is read from the content, never trusted from the name.

A file is accepted when its first bytes (or, for Office files, the parts inside the ZIP)
say it is one of the allowed types, and its name's extension belongs to that type, so a
program renamed ``report.pdf`` is refused, and so is a PNG renamed ``.pdf``. Used by the
knowledge hub's attachments and the calls' application files; each caller may narrow the
allowed extensions and set its own size limit.
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_NAME_LENGTH = 120
TEXT_SAMPLE_BYTES = 64 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
TEXT = "text/plain"
CSV = "text/csv"
MARKDOWN = "text/markdown"

EXTENSIONS: dict[str, str] = {
    ".pdf": PDF,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pptx": PPTX,
    ".txt": TEXT,
    ".csv": CSV,
    ".md": MARKDOWN,
}
TEXT_TYPES = frozenset({TEXT, CSV, MARKDOWN})
OFFICE_MAIN_PARTS = {DOCX: "word/", XLSX: "xl/", PPTX: "ppt/"}
ALLOWED_DESCRIPTION = "PDF, PNG, JPEG, DOCX, XLSX, PPTX, TXT, CSV, MD"


def max_upload_bytes(setting: str = "KAVERET_MAX_UPLOAD_BYTES") -> int:
    """The size limit named by ``setting`` (10 MB when the setting is not there)."""
    return int(getattr(settings, setting, DEFAULT_MAX_BYTES))


def describe_extensions(extensions: Iterable[str]) -> str:
    """``{"pdf", ".docx"}`` as ``"DOCX, PDF"``, for messages and help texts."""
    return ", ".join(sorted({extension.lstrip(".").upper() for extension in extensions}))


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int


def normalise_file_name(name: str) -> str:
    """A safe, readable file name: no folders, no control or shell characters, NFC.

    Hebrew and Arabic letters stay; spaces and punctuation other than ``-_.()`` become
    ``_``; the extension is lower-cased; the stem is cut so the name fits 120 characters.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem, extension = os.path.splitext(name)
    stem = re.sub(r"[^\w\-.()]+", "_", stem).strip("._ ")
    extension = re.sub(r"[^\w.]+", "", extension.lower())
    stem = stem[: MAX_NAME_LENGTH - len(extension)] or "file"
    return f"{stem}{extension}"


def _read_head(file: IO[bytes], length: int) -> bytes:
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def _office_type(file: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for content_type, folder in OFFICE_MAIN_PARTS.items():
        if any(name.startswith(folder) for name in names):
            return content_type
    return None


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        # A sample may end in the middle of a character; anything earlier is not UTF-8.
        if error.start >= len(sample) - 3 and error.reason == "unexpected end of data":
            return True
    # Legacy single-byte encodings (windows-1255 Hebrew CSV): no control characters.
    return not re.search(rb"[\x01-\x08\x0b\x0e-\x1f\x7f]", sample)


def detect_content_type(file: IO[bytes], extension: str) -> str | None:
    """The allowed type the content shows, given the type the extension claims."""
    head = _read_head(file, TEXT_SAMPLE_BYTES)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_type(file)
    claimed = EXTENSIONS.get(extension)
    if claimed in TEXT_TYPES and head and _looks_like_text(head):
        return claimed
    return None


def check_upload(
    upload: Any, *, max_bytes: int | None = None, extensions: Iterable[str] | None = None
) -> CheckedUpload:
    """Check one uploaded file; raise a translated ``DomainError`` when it is refused.

    ``max_bytes`` is the size limit (``max_upload_bytes()`` when not given); ``extensions``
    narrows the accepted types to those extensions (``"pdf"`` or ``".pdf"``) among the
    known ones.
    """
    name = normalise_file_name(getattr(upload, "name", "") or "")
    size = int(upload.size or 0)
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    if size > limit:
        raise DomainError(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_big",
        )
    if size == 0:
        raise DomainError(_("“%(name)s” is empty.") % {"name": name}, code="file_empty")
    allowed = EXTENSIONS
    description = ALLOWED_DESCRIPTION
    if extensions is not None:
        wanted = {f".{extension.lower().lstrip('.')}" for extension in extensions}
        allowed = {key: value for key, value in EXTENSIONS.items() if key in wanted}
        description = describe_extensions(allowed)
    extension = os.path.splitext(name)[1]
    claimed = allowed.get(extension)
    detected = detect_content_type(upload, extension)
    if claimed is None or detected is None or detected != claimed:
        raise DomainError(
            _(
                "“%(name)s” is not a file type we accept, or its content does not match its "
                "name. Allowed: %(types)s."
            )
            % {"name": name, "types": description},
            code="file_type",
        )
    return CheckedUpload(name=name, content_type=detected, size=size)


def protected_file_response(stored: Any) -> FileResponse:
    """Send an uploaded file (a row with ``file``, ``original_name``, ``content_type``) as
    a download the browser will not run or sniff; the caller has checked who may read it.
    A file missing from storage answers 404."""
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
