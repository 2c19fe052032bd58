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


def check_size(size: int, source: str) -> None:
    """Refuse an input larger than ``MAX_BYTES``."""
    if size > MAX_BYTES:
        raise InputError(
            [
                Problem(
                    rule="io.file_too_large",
                    source=source,
                    params={"size": _size(size), "limit": _size(MAX_BYTES)},
                )
            ]
        )


def read_file(path: str | Path, source: str | None = None) -> bytes:
    """Return the bytes of ``path`` after checking that it is a file within the size limit."""
    p = Path(path)
    name = source or p.name
    try:
        if not p.is_file():
            rule = "io.not_a_file" if p.exists() else "io.file_not_found"
            raise InputError([Problem(rule=rule, source=name, value=str(p.name))])
        check_size(p.stat().st_size, name)
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(
            [Problem(rule="io.read_error", source=name, params={"message": exc.strerror or ""})]
        ) from exc
    check_size(len(data), name)
    return data


def decode_text(data: bytes) -> str:
    """Decode text: UTF-8 (with or without BOM) when valid, else Windows-1252, else Latin-1.

    Windows-1252 leaves five bytes undefined; a file using them is read as Latin-1, which
    never fails, so decoding always succeeds.
    """
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
