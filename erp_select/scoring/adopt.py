"""Demo scores into the decision: agreed scores written as vendor facts with evidence « demo »."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Protocol

from babel.dates import format_date

from erp_select.i18n import fmt_number, normalise_lang, t
from erp_select.model import Project
from erp_select.scoring.consensus import Agreed, Card, agree, score_cells
from erp_select.scoring.facts import fact_value, refuse_scores
from erp_select.scoring.level_range import level_bounds
from erp_select.scoring.scale import HIGH, LOW


class Round(Protocol):
    """What a scored round says about itself: its number and what it scores."""

    @property
    def number(self) -> int: ...

    @property
    def vendors(self) -> tuple[str, ...]: ...

    @property
    def criteria(self) -> tuple[str, ...]: ...


#: Babel's locale of each language (dates as people write them, as in ``words.fmt_date``).
_LOCALE = {"fr": "fr_FR", "en": "en_GB"}
#: Longest note the facilitator may attach to an agreed score.
MAX_NOTE = 300
#: Longest fact source (the vendor model's bound).
MAX_SOURCE = 500


#: The facilitator's agreed scores: ``(vendor, criterion) → (score, note)``; a ``None``
#: score keeps the evaluators' mean (the note says why).
Decided = Mapping[tuple[str, str], tuple[float | None, str]]


def check_decided(decided: Decided) -> None:
    """Refuse an agreed score off the scale, not finite, or a note too long."""
    for (vid, cid), (score, note) in decided.items():
        if score is None:
            if len(note) > MAX_NOTE:
                refuse_scores("note_too_long", field=f"{vid} / {cid}", max=MAX_NOTE)
            continue
        bad = isinstance(score, bool) or not isinstance(score, int | float)
        if bad or not math.isfinite(score) or not LOW <= score <= HIGH:
            refuse_scores(
                "agreed_off_scale", field=f"{vid} / {cid}", value=score, low=LOW, high=HIGH
            )
        if len(note) > MAX_NOTE:
            refuse_scores("note_too_long", field=f"{vid} / {cid}", max=MAX_NOTE)


def _source(base: str, a: Agreed, lang: str | None) -> str:
    if a.kept_mean:
        how = (
            t("agreed.kept_mean_why", lang, note=a.note)
            if a.note
            else t("evalteam.source_mean", lang)
        )
    else:
        how = t("evalteam.source_agreed", lang, note=a.note or "—")
    text = f"{base} — {how}"
    return text if len(text) <= MAX_SOURCE else text[: MAX_SOURCE - 1] + "…"


def scored_project(
    head: Project,
    rnd: Round,
    cards: Sequence[Card],
    names: Mapping[int, str],
    *,
    title: str,
    decided: Decided | None = None,
    day: dt.date,
    lang: str | None = None,
    source: str | None = None,
) -> tuple[Project, tuple[Agreed, ...]]:
    """``head`` with the round's agreed scores written as vendor facts (evidence ``demo``).

    Each fact's source names the round, its date and the evaluators; ``low``/``high`` come
    from the lowest and highest evaluator's score (left out when everyone agreed, so the
    demo evidence width applies), so SMAA-2 samples the disagreement; on a scale criterion
    they are the levels of those scores (:func:`erp_select.scoring.level_range.level_bounds`).
    ``source`` is the catalogue key of the source's words (default: a workshop round's).
    """
    decided = dict(decided or {})
    check_decided(decided)
    cells = score_cells(rnd.vendors, rnd.criteria, cards)
    for key in decided:
        if not any((c.vendor_id, c.criterion_id) == key for c in cells):
            refuse_scores("agreed_not_scored", field=f"{key[0]} / {key[1]}")
    agreed = agree(cells, decided)
    who = ", ".join(names[seq] for seq, _ in cards)
    base = t(
        "evalteam.source" if source is None else source,
        lang,
        title=title,
        n=rnd.number,
        date=format_date(day, format="d MMM y", locale=_LOCALE[normalise_lang(lang)]),
        evaluators=who,
        count=fmt_number(len(cards), lang, 0),
    )
    data = head.model_dump(mode="json")
    vendors = {v["id"]: v for v in data["vendors"]}
    changes: dict[tuple[str, str], dict[str, object]] = {}
    for a in agreed:
        criterion = head.criteria.node(a.criterion_id)
        fact_id, value = fact_value(criterion, a.score)
        old = vendors[a.vendor_id]["facts"].get(fact_id, {})
        changes.setdefault(
            (a.vendor_id, fact_id),
            {"vendor": a.vendor_id, "fact": fact_id} | ({"previous": old} if old else {}),
        )
        fact: dict[str, object] = {
            "value": value,
            "source": _source(base, a, lang),
            "date": day.isoformat(),
            "evidence": "demo",
        }
        if old.get("unit"):
            fact["unit"] = old["unit"]
        if isinstance(value, float) and a.high > a.low:
            ends = sorted(float(fact_value(criterion, s)[1]) for s in (a.low, a.high))
            fact["low"], fact["high"] = min(ends[0], value), max(ends[1], value)
        elif isinstance(value, str) and a.high > a.low:
            bounds = level_bounds(head.criteria, criterion, value, a.low, a.high)
            if bounds is not None:
                fact["low"], fact["high"] = bounds
        vendors[a.vendor_id]["facts"][fact_id] = fact
    record = {"title": title[:200], "date": day.isoformat(), "changes": list(changes.values())}
    data["demo_rounds"] = [*data.get("demo_rounds", []), record]
    return Project.model_validate(data), agreed
