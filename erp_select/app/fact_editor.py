"""The vendor editor's table in words: field names, levels, yes/no, units and evidence shown
to people, and read back into the vendor-file keys before the reader checks them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd

from erp_select.catalogue import sectors
from erp_select.i18n import has_key, t
from erp_select.i18n.catalogue import catalogue, normalise_lang
from erp_select.io.offer_rows import parse_offer_name
from erp_select.io.risk_rows import PARTS, parse_name, risk_name
from erp_select.model.facts import vocabulary
from erp_select.words import Words, yes_no

#: Profile fields of a vendor file that the fact vocabulary does not name.
PROFILE_FIELDS = (
    "name",
    "product",
    "demo",
    "description.fr",
    "description.en",
    "editions",
    "integrators",
)
#: Fields holding yes/no although the vocabulary does not say so.
BOOLEAN_FIELDS = frozenset({"demo", "vertical"})
EVIDENCE = ("claim", "demo", "reference", "contract")
LIST_SEPARATOR = "|"
#: French groups thousands with a narrow no-break space (``20 000``); the reader accepts it.
GROUP = "\u202f"
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_PLAIN_NUMBER = re.compile(r"(-?)(\d{4,})((?:,\d+)?)")
#: Risk-register rows (``risks.<n>.<part>``) are named in words for this many risks, the
#: most a vendor file holds.
RISK_SLOTS = 100


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class FactWords:
    """Two-way words for one vendor's editor table, in one language."""

    def __init__(self, lang: str, words: Words, keys: Iterable[str]) -> None:
        self.lang = normalise_lang(lang)
        self.words = words
        risks = (risk_name(n, part) for n in range(1, RISK_SLOTS + 1) for part in PARTS)
        known = [*PROFILE_FIELDS, *vocabulary().facts, *keys, *risks]
        labels: dict[str, list[str]] = {}
        for key in dict.fromkeys(k for k in known if not k.endswith("*")):
            labels.setdefault(_fold(self._field_label(key)), []).append(key)
        # A label two fields share (or that is another field's key) cannot name either.
        self._field_keys = {label: found[0] for label, found in labels.items() if len(found) == 1}

    # ------------------------------------------------------------------ fields
    def _field_label(self, key: str) -> str:
        own = f"appwords.field.{key}"
        if has_key(own):
            return t(own, self.lang)
        risk = parse_name(key)
        if risk is not None:
            part = t(f"contract.risk.part.{risk[1]}", self.lang)
            return t("contract.risk.field", self.lang, n=risk[0], part=part)
        offer = parse_offer_name(key)
        if offer is not None:
            return t("offers.field", self.lang, offer=offer[0], part=self._field_label(offer[1]))
        return self.words.fact(key)

    @staticmethod
    def _base(key: str) -> str:
        """The field or fact an offer's row is about (``offers.cloud.deployment`` → …)."""
        offer = parse_offer_name(key)
        return key if offer is None else offer[1]

    def field(self, key: str) -> str:
        """A field's name (``licence_model`` → ``Modèle de licence``); the key when ambiguous."""
        label = self._field_label(key)
        return label if self._field_keys.get(_fold(label)) == key else key

    def field_key(self, text: str) -> str:
        """The key of a field named in words (a key typed as such is kept)."""
        return self._field_keys.get(_fold(text), text.strip())

    # ------------------------------------------------------------------ values
    def _levels(self, key: str) -> dict[str, str]:
        """Each level (or list item) of ``key``: its words → its key."""
        key = self._base(key)
        if key == "sectors":
            return {_fold(s.label.get(self.lang)): s.id for s in sectors()}
        spec = self.words.spec(key)
        levels = (spec.levels or {}) if spec is not None else {}
        return {_fold(label.get(self.lang)): name for name, label in levels.items()}

    def _is_boolean(self, key: str) -> bool:
        key = self._base(key)
        spec = self.words.spec(key)
        return key in BOOLEAN_FIELDS or (spec is not None and spec.type == "boolean")

    def number(self, key: str, text: str) -> str:
        """A number cell of a numeric fact grouped the French way (``20000`` → ``20 000``)."""
        spec = self.words.spec(self._base(key))
        found = _PLAIN_NUMBER.fullmatch(text)
        if self.lang != "fr" or found is None or spec is None or not spec.numeric:
            return text
        sign, whole, decimals = found.groups()
        head = len(whole) % 3 or 3
        groups = [whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))]
        return f"{sign}{GROUP.join(groups)}{decimals}"

    def value(self, key: str, text: str) -> str:
        """A value cell in words: levels and list items named, yes/no in the language,
        numbers grouped."""
        if not text:
            return text
        if _PLAIN_NUMBER.fullmatch(text):
            return self.number(key, text)
        if self._is_boolean(key) and _fold(text) in ("true", "false"):
            return yes_no(_fold(text) == "true", self.lang)
        if self._levels(key):
            items = text.split(LIST_SEPARATOR)
            return LIST_SEPARATOR.join(self.words.level(self._base(key), item) for item in items)
        return text

    def value_key(self, key: str, text: str) -> str:
        """A value cell read back: named levels and list items to their keys."""
        if GROUP in text:
            return text.replace(GROUP, "")
        levels = self._levels(key)
        if not text or not levels:
            return text
        items = text.split(LIST_SEPARATOR)
        return LIST_SEPARATOR.join(levels.get(_fold(item), item.strip()) for item in items)

    def date(self, text: str) -> str:
        """A date cell the French way (``2026-03-16`` → ``16/03/2026``), as the reader reads it."""
        found = _ISO_DATE.fullmatch(text.strip())
        if self.lang != "fr" or found is None:
            return text
        year, month, day = found.groups()
        return f"{day}/{month}/{year}"

    def date_key(self, text: str) -> str:
        """A date cell read back to the file's ``YYYY-MM-DD``."""
        found = _FRENCH_DATE.fullmatch(text.strip())
        if found is None:
            return text
        day, month, year = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"

    # -------------------------------------------------------- units, evidence
    def _units(self) -> dict[str, str]:
        prefix, singular = "words.unit.", "_one"
        units = [
            (key[len(prefix) :], label)
            for key, label in catalogue(self.lang).items()
            if key.startswith(prefix)
        ]
        # A unit's singular ("an", "month") reads back to its code too; the plural wins a tie.
        found = {_fold(label): code.removesuffix(singular) for code, label in units}
        found.update({_fold(label): code for code, label in units if not code.endswith(singular)})
        return found

    def unit(self, code: str) -> str:
        """A unit in words (``€/year`` → ``€ par an``)."""
        return self.words.unit(code) if code else code

    def unit_key(self, text: str) -> str:
        """A unit read back to its code (a code typed as such is kept)."""
        return self._units().get(_fold(text), text.strip()) if text else text

    def evidence_options(self) -> list[str]:
        """The evidence levels in words, for the editor's picker (first: none)."""
        return ["", *(self.words.evidence(level) for level in EVIDENCE)]

    def evidence(self, level: str) -> str:
        """An evidence level in words (``claim`` → ``déclaration de l'éditeur``)."""
        return self.words.evidence(level) if level else ""

    def evidence_key(self, text: str) -> str:
        """An evidence level read back to its key."""
        named = {_fold(self.words.evidence(level)): level for level in EVIDENCE}
        return named.get(_fold(text), text.strip()) if text else text


def _each(frame: pd.DataFrame, column: str, change: Callable[[str, str], str]) -> None:
    frame[column] = [
        change(str(f), str(v)) for f, v in zip(frame["field"], frame[column], strict=True)
    ]


def to_words(frame: pd.DataFrame, words: FactWords) -> pd.DataFrame:
    """The editor table (vendor-file keys) as people read it."""
    out = frame.copy()
    for column in ("value", "low", "high"):  # a level's bounds are levels, in words too
        _each(out, column, words.value)
    out["unit"] = [words.unit(str(u)) for u in out["unit"]]
    out["evidence"] = [words.evidence(str(e)) for e in out["evidence"]]
    out["date"] = [words.date(str(d)) for d in out["date"]]
    out["field"] = [words.field(str(f)) for f in out["field"]]
    return out


def to_keys(frame: pd.DataFrame, words: FactWords) -> pd.DataFrame:
    """The edited table read back into vendor-file keys (what the vendor reader checks)."""
    out = frame.copy()
    out["field"] = [words.field_key(str(f)) for f in out["field"]]
    for column in ("value", "low", "high"):
        _each(out, column, words.value_key)
    out["unit"] = [words.unit_key(str(u)) for u in out["unit"]]
    out["evidence"] = [words.evidence_key(str(e)) for e in out["evidence"]]
    out["date"] = [words.date_key(str(d)) for d in out["date"]]
    return out
