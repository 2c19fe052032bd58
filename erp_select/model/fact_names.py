"""A fact's name in words from the fact vocabulary, for the layers below ``erp_select.words``."""

from __future__ import annotations

from erp_select.model.common import Text
from erp_select.model.facts import WILDCARD, vocabulary
from erp_select.text import humanise


def fact_name(fact_id: str, lang: str | None, fallback: Text | None = None) -> str:
    """The vocabulary's label of ``fact_id`` (``sec.mfa`` → ``Authentification à deux facteurs``).

    A wildcard fact (``reviews.*``) reads as its label, then what the id adds; a fact the
    vocabulary does not know reads as ``fallback`` (the label of the criterion reading it),
    else as its id in words (``custom.bespoke_portal`` → ``Bespoke portal``), never as the id
    itself. :class:`erp_select.words.Words` adds the criteria's own labels.
    """
    vocab = vocabulary()
    spec = vocab.spec(fact_id)
    if spec is None:
        return fallback.get(lang) if fallback is not None else humanise(fact_id)
    if fact_id in vocab.facts:
        return spec.label.get(lang)
    wild = next(k for k in vocab.facts if vocab.facts[k] is spec)
    rest = fact_id[len(wild) - len(WILDCARD) :]
    return f"{spec.label.get(lang)} ({rest})"


def fact_names(fact_ids: object, lang: str | None, fallback: object = None) -> str:
    """Several facts' names, comma-separated, each once (a missing value, a refusal).

    ``fallback`` (a :class:`Text`, the criterion's label) names the facts the vocabulary
    does not know.
    """
    ids = fact_ids if isinstance(fact_ids, list | tuple) else ()
    label = fallback if isinstance(fallback, Text) else None
    return ", ".join(dict.fromkeys(fact_name(str(f), lang, label) for f in ids))
