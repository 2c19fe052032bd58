"""Read raw input: files within the size limit, their format, and their text encoding."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from erp_select.errors import InputError, Problem
from erp_select.io.limits import MAX_BYTES

Format = Literal["yaml", "json", "csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("yaml", "json", "csv", "xlsx")
_EXTENSIONS: dict[str, Format] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
}


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} kB"


def format_of(filename: str) -> Format:
    """Return the format named by a file's extension; ``InputError`` when unsupported."""
    suffix = Path(filename).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    raise InputError(
        [Problem(rule="io.unknown_format", source=filename, value=suffix or None, params={})]
    )


def check_size(size: int, source: str, limit: int = MAX_BYTES) -> None:
    """Refuse an input larger than ``limit`` bytes (default :data:`MAX_BYTES`)."""
    if size > limit:
        raise InputError(
            [
                Problem(
                    rule="io.file_too_large",
                    source=source,
                    params={"size": _size(size), "limit": _size(limit)},
                )
            ]
        )


def read_file(path: str | Path, source: str | None = None, limit: int = MAX_BYTES) -> bytes:
    """Return the bytes of ``path`` after checking that it is a file within ``limit`` bytes."""
    p = Path(path)
    name = source or p.name
    try:
        if not p.is_file():
            rule = "io.not_a_file" if p.exists() else "io.file_not_found"
            raise InputError([Problem(rule=rule, source=name, value=str(p.name))])
        check_size(p.stat().st_size, name, limit)
        with p.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(
            [Problem(rule="io.read_error", source=name, params={"message": exc.strerror or ""})]
        ) from exc
    check_size(len(data), name, limit)
    return data


def _utf16(data: bytes) -> str | None:
    """The encoding of UTF-16 text, from its byte-order mark or its zero bytes, else ``None``.

    Without a mark, text in a Latin script has a zero byte in most of its odd (little
    endian) or even (big endian) positions and almost none in the others.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= half * 0.3 and even <= half * 0.05:
        return "utf-16-le"
    if even >= half * 0.3 and odd <= half * 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> str:
    """Decode text: UTF-16 (with or without BOM), UTF-8 (with or without BOM) when valid,
    else Windows-1252, else Latin-1.

    Windows-1252 leaves five bytes undefined; a file using them is read as Latin-1, which
    never fails, so decoding always succeeds.
    """
    wide = _utf16(data)
    if wide is not None:
        try:
            return data.decode(wide).removeprefix("\ufeff")
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


#: Starts of the binary files most often renamed or exported by mistake as ``.csv``.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"%PDF",
    b"GIF8",
    b"\xff\xd8\xff",  # JPEG
    b"\xd0\xcf\x11\xe0",  # legacy Office (.xls, .doc)
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
)
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def check_text(data: bytes, source: str) -> str:
    """Decode ``data`` (see :func:`decode_text`) after refusing what is not text at all.

    Raises
    ------
    InputError
        ``hostile.archive_as_text`` for a zip archive (an XLSX workbook renamed ``.csv``),
        ``hostile.binary_file`` for an image, a PDF, a legacy Office file or bytes of which
        more than one in ten is a control character.
    """
    if data.startswith(_ARCHIVE_MAGIC):
        raise InputError([Problem(rule="hostile.archive_as_text", source=source)])
    text = decode_text(data)
    sample = text[:4096]
    controls = sum(1 for c in sample if (c < " " and c not in "\t\n\r") or "\x7f" <= c <= "\x9f")
    if data.startswith(_BINARY_MAGIC) or (sample and controls > len(sample) / 10):
        raise InputError([Problem(rule="hostile.binary_file", source=source)])
    return text
