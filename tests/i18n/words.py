"""Find what a reader should never meet in a text of their language: keys, reprs, foreign words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Lang = Literal["fr", "en"]


@dataclass(frozen=True)
class Finding:
    """One offending piece of text and why it offends."""

    snippet: str
    reason: str


# --- Things that are legitimately written with dots, underscores or digits -------------------
# Removed from the text before the key and number rules run (never before the repr rules).
# A link the user can open and an e-mail address are written as they are.
# An address path with its query (``/join?lang=fr&code=…``) is typed as shown, too.
_URL = re.compile(r"\b(?:https?|file)://\S+|\bwww\.\S+|(?<![\w/])/[\w/-]*\?[\w=&%.-]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A file name the user downloads or uploads keeps its extension (``projet.json``).
_FILE = re.compile(r"[\w\-./]*\w\.(?:json|ya?ml|csv|xlsx|pdf|html|md|txt|png|svg)\b", re.IGNORECASE)
# Version strings and addresses have two or more points (``0.9.1``, ``127.0.0.1``); a
# decimal number never has. Dates written ``2026-03-16`` carry no point at all.
_MULTI_DOT_NUMBER = re.compile(r"\d+(?:\.\d+){2,}")
# A standard is named by its number (``ISO 27001``, ``ISO/IEC 27002``, ``RFC 5987``).
_STANDARD = re.compile(r"\b(?:ISO(?:/IEC)?|IEC|NF|EN|RFC|SOC)\s?\d+(?:[-:]\d+)*")
# Input syntax the text teaches, quoted: « a|b », “cloud|hosted”, `a|b`.
_QUOTED = re.compile(r"«\s?[^«»]{1,60}?\s?»|“[^“”]{1,60}”|`[^`]{1,60}`|\"[^\"]{1,60}\"")

# --- Developer's words ------------------------------------------------------------------------
_NONE_FR = re.compile(r"(?<![\w-])None(?![\w-])")
# In English "None of the vendors" is a sentence; a lone "None", or one before punctuation or
# after ``:``/``=``, is Python's.
_NONE_EN = re.compile(r"(?<![\w-])None(?![\w-])(?!\s+[A-Za-z])")
_NAN = re.compile(r"(?<![\w-])(?:nan|NaN|NAN|NaT|-?inf|<NA>)(?![\w-])|<NA>")
_BOOL = re.compile(r"^\s*(?:True|False)\s*$")
_REPR = re.compile(
    r"\{'|\['|\[\{|\{\"\w+\":|"  # dict / list literals, JSON objects
    r"<[\w.]+ object at 0x[0-9a-fA-F]+>|"  # default object repr
    r"\b(?:Decimal|Timestamp|Timedelta|datetime\.\w+|np\.\w+|numpy\.\w+|array|Series|"
    r"DataFrame|Text|Label|Fact|Money)\(|"  # constructor-style reprs
    r"\bdtype[:=]|\bName: \w+, dtype"  # pandas
)
_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
# A snake_case token (``licence_model``, ``professional_services``): two or more lower-case
# words joined by ``_``.
_SNAKE = re.compile(r"(?<![\w@/.-])_*[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?!\.?[\w-])")
# A dotted lower-case id (``custom.rest_api``, ``sec.mfa``, ``app.nav.ranking``).
_DOTTED = re.compile(r"(?<![\w@/.-])[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+(?![\w-])")
# Values joined by a pipe (``micro|small``).
_PIPED = re.compile(r"(?<![\w-])[a-z][a-z0-9_]*(?:\|[a-z][a-z0-9_]*)+(?![\w-])")
# Latin abbreviations an English sentence may use; they look like dotted ids.
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "vs", "cf"})

# --- Numbers ----------------------------------------------------------------------------------
_DECIMAL_POINT = re.compile(r"(?<![\w.,])[−-]?\d+\.\d+(?![\w.])")
# Five digits or more in a row: French groups thousands (``800 000``).
_UNGROUPED = re.compile(r"(?<![\w.,])\d{5,}(?![\w,.])")
_DECIMAL_COMMA = re.compile(r"(?<![\w.,])[−-]?\d+,\d{1,2}(?![\w,])")

# --- One, then a plural ("1 alertes", "1 vendors") ---------------------------------------------
_ONE_THEN_PLURAL = re.compile(r"(?<![\w.,\u202f\u00a0 ]\d)(?<![\d.,])\b1\s([^\W\d_]+s)\b")
# Words ending in -s that are singular too.
# fmt: off
_INVARIABLE = {
    "fr": {
        "mois", "fois", "pas", "avis", "cas", "accès", "succès", "poids", "processus", "corps",
        "temps", "repas", "bas", "gros", "français", "anglais", "dos", "prix", "os", "sens",
        "jus", "legs", "puis", "plus", "moins", "sous", "dans", "sans", "vers", "après",
        "depuis", "alors", "très"
    },
    "en": {
        "is", "was", "has", "does", "as", "plus", "minus", "analysis", "basis", "bus", "status",
        "process", "access", "class", "yes", "this", "thus", "series", "news", "us", "its",
        "less", "across", "always", "perhaps"
    },
}
# fmt: on

# --- Words of the other language --------------------------------------------------------------
# English words and phrases that are not French words. Left out on purpose, because they are
# also French: score, option, total, budget, support, standard, mode, type, module, distance,
# file(s), or, an, as, are, on, if, report, services, distribution, construction, note, date,
# source, contact, export, format, global, test, cloud, SaaS, large, questionnaire, must-have
# (French business usage), open (open source), demo (vendor names may hold it).
# fmt: off
ENGLISH_WORDS: tuple[str, ...] = (
    "the", "and", "of", "with", "from", "to", "by", "for the", "is", "not", "yes", "none", "all",
    "per", "than", "this", "that", "which", "each", "weight", "weights", "weighted",
    "sum", "vector", "best", "worst", "share", "month", "months", "year", "years", "user",
    "users", "vendor", "vendors", "criterion", "criteria", "ranking", "rank", "price", "cost",
    "costs", "security", "reviews", "sector", "sectors", "upload", "download", "choose", "browse",
    "drag", "drop", "limit", "claim", "contract", "subscription", "perpetual", "retail",
    "wholesale", "food", "manufacturing", "professional", "healthcare", "logistics", "small",
    "medium", "micro enterprise", "true", "false", "advanced", "basic", "guaranteed", "partial",
    "full", "high", "low", "yearly", "monthly", "scripted", "reference", "references",
    "implementation", "coverage", "fit", "round", "rounds", "group", "answer", "answers",
    "participant's", "workshop", "room", "join", "submit", "save", "saved", "close", "closed",
    "edit", "delete", "add", "remove", "show", "hide",
)
# fmt: on
# French words and phrases that are not English words. Left out on purpose, because they are
# also English: la, et (et al.), non (non-negotiable), rapport, note, date, source, fine,
# client, menu, total, image, section, article, service, sans, tour, atelier.
# fmt: off
FRENCH_WORDS: tuple[str, ...] = (
    "le", "les", "des", "du", "une", "avec", "pour", "dans", "sur", "selon", "chaque", "aucun",
    "aucune", "être", "est", "sont", "oui", "critère", "critères", "éditeur", "éditeurs", "poids",
    "prix", "coût", "coûts", "mois", "année", "années", "utilisateur", "utilisateurs", "secteur",
    "secteurs", "classement", "projet", "entreprise", "exigence", "exigences", "sécurité", "avis",
    "également", "ou", "réponse", "réponses", "enregistrer", "valeur", "valeurs",
)
# fmt: on

# Proper nouns and names written the same in every language (never words to translate).
# A cited work keeps its title (Saaty, T.L. (1980). The Analytic Hierarchy Process.).
_ALWAYS_ALLOWED = re.compile(
    r"scikit-criteria|Vega-Lite|erp-select|Saaty|ANSSI|The Analytic Hierarchy Process", re.I
)


def _phrase(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({w for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alternatives)
    return re.compile(rf"(?<![\w’'-])(?:{body})(?![\w-])", re.IGNORECASE)


_FOREIGN: dict[str, re.Pattern[str]] = {"fr": _phrase(ENGLISH_WORDS), "en": _phrase(FRENCH_WORDS)}
_FOREIGN_NAME = {"fr": "English", "en": "French"}


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    """The match with a little text on each side, on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def _blank(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """``text`` with every match of ``patterns`` replaced by spaces (positions kept)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _blank_verbatim(text: str, verbatim: Iterable[str]) -> str:
    for item in sorted({v for v in verbatim if v and v.strip()}, key=len, reverse=True):
        text = text.replace(item, " " * len(item))
    return text


def scan(text: str, lang: Lang, verbatim: Iterable[str] = ()) -> list[Finding]:
    """Return what a reader of ``lang`` should not meet in ``text``.

    ``verbatim`` are strings the user typed (names, notes): shown as typed, they are exempt
    from the other-language word rule only (a raw key or ``None`` inside them still counts).
    """
    found: list[Finding] = []

    def add(pattern: re.Pattern[str], subject: str, reason: str) -> None:
        for m in pattern.finditer(subject):
            found.append(Finding(_context(text, m.start(), m.end()), reason))

    none = _NONE_FR if lang == "fr" else _NONE_EN
    add(none, text, "None (Python's empty value)")
    add(_NAN, text, "nan/NaN (a missing number shown raw)")
    add(_BOOL, text, "True/False (a Python boolean)")
    add(_REPR, text, "Python or JSON structure (repr)")
    add(_PLACEHOLDER, text, "unfilled message placeholder")
    plain = _blank(text, (_URL, _EMAIL, _FILE))
    for m in _DOTTED.finditer(plain):
        if m.group(0).lower() not in _ABBREVIATIONS:
            found.append(Finding(_context(text, m.start(), m.end()), "raw dotted key"))
    add(_SNAKE, plain, "raw snake_case key or slug")
    add(_PIPED, _blank(plain, (_QUOTED,)), "raw values joined by |")
    numbers = _blank(plain, (_MULTI_DOT_NUMBER, _STANDARD))
    if lang == "fr":
        add(_DECIMAL_POINT, numbers, "decimal point in French (write 0,2)")
        add(_UNGROUPED, numbers, "number without French thousands grouping (write 800 000)")
    else:
        add(_DECIMAL_COMMA, numbers, "decimal comma in English (write 0.2)")
    for m in _ONE_THEN_PLURAL.finditer(plain):
        if m.group(1).lower() not in _INVARIABLE[lang]:
            found.append(Finding(_context(text, m.start(), m.end()), "plural after 1"))
    # A key already reported is not reported again for the English words inside it.
    words = _blank(_blank_verbatim(plain, verbatim), (_ALWAYS_ALLOWED, _DOTTED, _SNAKE, _PIPED))
    hits = list(_FOREIGN[lang].finditer(words))
    if hits:  # one finding per text, its foreign words in brackets
        marked, last = [], 0
        for m in hits:
            marked += [text[last : m.start()], f"[{text[m.start() : m.end()]}]"]
            last = m.end()
        shown = " ".join(("".join(marked) + text[last:]).split())
        if len(shown) > 160:  # keep the first bracketed word in view
            start = max(0, shown.index("[") - 40)
            shown = ("…" if start else "") + shown[start : start + 157] + "…"
        found.append(Finding(shown, f"{_FOREIGN_NAME[lang]} word in {lang} text"))
    return found
