"""A fact's name in words from the fact vocabulary, for the layers below ``erp_select.words``."""

from __future__ import annotations

from erp_select.model.facts import WILDCARD, vocabulary
from erp_select.text import humanise


def fact_name(fact_id: str, lang: str | None) -> str:
    """The vocabulary's label of ``fact_id`` (``sec.mfa`` → ``Authentification à deux facteurs``).

    A wildcard fact (``reviews.*``) reads as its label, then what the id adds; a fact the
    vocabulary does not know reads as its id in words (``custom.rest_api`` → ``Rest api``),
    never as the id itself. :class:`erp_select.words.Words` adds the criteria's own labels.
    """
    vocab = vocabulary()
    spec = vocab.spec(fact_id)
    if spec is None:
        return humanise(fact_id)
    if fact_id in vocab.facts:
        return spec.label.get(lang)
    wild = next(k for k in vocab.facts if vocab.facts[k] is spec)
    rest = fact_id[len(wild) - len(WILDCARD) :]
    return f"{spec.label.get(lang)} ({rest})"


def fact_names(fact_ids: object, lang: str | None) -> str:
    """Several facts' names, comma-separated (the ids of a missing value or a refusal)."""
    ids = fact_ids if isinstance(fact_ids, list | tuple) else ()
    return ", ".join(fact_name(str(f), lang) for f in ids)
