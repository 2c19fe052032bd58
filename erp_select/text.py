"""Text hygiene of names and labels: find control and invisible characters, compare, isolate."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI):
#: the characters that can reorder the text around a name in a document.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_EMBEDS = "\u202a\u202b\u202d\u202e"
_PDF = "\u202c"
_ISOLATES = "\u2066\u2067\u2068"
_PDI = "\u2069"
_FSI = "\u2068"

#: The line breaks and the tab that free text (descriptions, comments) may hold.
FREE_TEXT_CONTROLS = "\t\n\r"

#: Characters that show nothing although they are neither white space nor format
#: characters: Hangul fillers, the Braille blank, the combining grapheme joiner, the
#: Mongolian free variation selectors and the variation selectors.
_BLANKS = frozenset(
    "\u034f\u115f\u1160\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)


def code_point(char: str) -> str:
    """``U+0000`` notation of one character."""
    return f"U+{ord(char):04X}"


def _is_noncharacter(char: str) -> bool:
    c = ord(char)
    return 0xFDD0 <= c <= 0xFDEF or (c & 0xFFFE) == 0xFFFE


def is_hidden(char: str) -> bool:
    """Whether ``char`` shows nothing: a control, format, separator, noncharacter or blank."""
    category = unicodedata.category(char)
    return category in ("Cc", "Cf", "Cs", "Zl", "Zp") or char in _BLANKS or _is_noncharacter(char)


def shown(text: str) -> str:
    """``text`` safe to print: every hidden character but the space written ``⟨U+XXXX⟩``.

    A NUL, an escape sequence, a bidi override or a zero-width space in a value is then
    visible in a message instead of acting on the terminal or the page.
    """
    return "".join(f"⟨{code_point(c)}⟩" if c != " " and is_hidden(c) else c for c in text)


def _refused_pattern(allowed: str) -> re.Pattern[str]:
    """One character class of every character :func:`bad_character` refuses."""
    controls = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(c) not in allowed]
    ends = [chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)]
    chars = "".join(re.escape(c) for c in controls + ends)
    return re.compile(f"[{chars}\ud800-\udfff\ufdd0-\ufdef]")


_REFUSED: dict[str, re.Pattern[str]] = {}


def bad_character(text: str, allowed: str = "") -> str | None:
    """The first character of ``text`` no name or label may hold, else ``None``.

    Refused: the C0 and C1 controls (NUL included; but those in ``allowed``), DEL, lone
    surrogates and the noncharacters (U+FFFE, U+FFFF…). One regular expression scans the
    text (a vendor list of 10 000 rows holds hundreds of thousands of texts).
    """
    pattern = _REFUSED.get(allowed)
    if pattern is None:
        pattern = _REFUSED.setdefault(allowed, _refused_pattern(allowed))
    found = pattern.search(text)
    return None if found is None else found.group()


_VISIBLE_ASCII = re.compile("[!-~]")


def is_invisible(text: str) -> bool:
    """Whether ``text`` is made only of white space and characters that show nothing.

    ``"\\u200b"`` (zero-width space), ``"\\u200d\\u2066"`` or ``"\\u3164"`` (Hangul
    filler) are invisible; the empty text is not (it is empty, another rule).
    """
    if not text or _VISIBLE_ASCII.search(text):
        return False
    return all(c.isspace() or is_hidden(c) for c in text)


_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """The form under which two names count as the same name.

    Compatibility-normalised (NFKC: full-width ``Ｇ`` is ``G``, decomposed accents are
    composed), case-folded, without format or blank characters (zero-width, bidi), white
    space collapsed and trimmed. ``"Gestalune"``, ``"gestalune "``, ``"Ｇestalune"`` and
    ``"GESTA\\u200bLUNE"`` share one key.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(c for c in folded if c.isspace() or not is_hidden(c))
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", kept)).strip()


def same_names(items: Iterable[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Groups of ``(id, name)`` pairs whose names share a :func:`name_key`, in input order.

    Only groups of two or more are returned.
    """
    groups: dict[str, list[tuple[str, str]]] = {}
    for ident, name in items:
        groups.setdefault(name_key(name), []).append((ident, name))
    return [group for group in groups.values() if len(group) > 1]


def isolate_bidi(text: str) -> str:
    """``text`` unable to reorder what surrounds it, when it holds bidi controls.

    Unmatched pop characters (PDF, PDI) are dropped, every embedding, override and
    isolate left open is closed, and the whole is wrapped in FSI … PDI (first strong
    isolate, Unicode UAX #9): the text keeps its own direction inside, and the sentence,
    table row or CSV line around it keeps its order. A text without bidi controls is
    returned unchanged.
    """
    if not any(c in BIDI_CONTROLS for c in text):
        return text
    out: list[str] = []
    stack: list[str] = []  # "e" for an embedding or override, "i" for an isolate
    for char in text:
        if char in _EMBEDS:
            stack.append("e")
        elif char in _ISOLATES:
            stack.append("i")
        elif char == _PDF:
            if not stack or stack[-1] != "e":
                continue  # nothing to close here: it would do nothing, or close ours
            stack.pop()
        elif char == _PDI:
            if "i" not in stack:
                continue  # it would close the isolate we wrap the text in
            while stack.pop() != "i":
                out.append(_PDF)
        out.append(char)
    for kind in reversed(stack):
        out.append(_PDF if kind == "e" else _PDI)
    return _FSI + "".join(out) + _PDI


#: What Markdown (CommonMark, GitHub's and Streamlit's extensions) can read as markup inside
#: a line: code, emphasis, strikethrough, links and images (and ``:color[…]`` directives,
#: which need a bracket), HTML, LaTeX; an underscore only where it can open or close
#: emphasis (``erp_users`` stays as it is). Parentheses, colons, ``!`` and ``|`` do nothing
#: without these, and are left alone so that messages read unchanged.
_MARKDOWN = re.compile(r"([\\`*\[\]<>$~])|((?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))|(^[#+\-=>])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def _escape(match: re.Match[str]) -> str:
    return "\\" + match.group(0)


def escape_markdown(text: str) -> str:
    """``text`` shown as written by a Markdown renderer (backslash before each markup sign).

    An image ``![x](http://…)`` stays text (nothing is fetched), backticks and ``**``
    print as typed, a leading ``#``, ``-`` or ``1.`` is no heading or list; line breaks
    become spaces (a name is one line).
    """
    line = _MARKDOWN.sub(_escape, " ".join(text.splitlines()))
    return _ORDERED.sub(r"\1\\\2", line)


def humanise(key: str) -> str:
    """A readable name for a key nobody labelled: ``custom.rest_api`` → ``Rest api``."""
    tail = key.rsplit(".", 1)[-1] if not key.endswith(".") else key
    words = re.sub(r"[_\-.]+", " ", tail).strip() or key
    return words[:1].upper() + words[1:]
