"""Plain helpers of the requirements page: the editable table, answer merging, the Must rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from pydantic import ValidationError

from erp_select.errors import InputError, Problem
from erp_select.evaluate.performance import Performance
from erp_select.evaluate.requirements import RequirementFit
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, t
from erp_select.i18n.catalogue import catalogue
from erp_select.io.answers import merge_answers
from erp_select.io.problems import Where, validation_problems
from erp_select.model import (
    PRIORITIES,
    Priority,
    Project,
    Requirement,
    RequirementsRule,
    RequirementsValue,
)
from erp_select.words import Words

#: Columns of the editable requirements table, in order (``text`` is in the UI language).
EDIT_COLUMNS: tuple[str, ...] = ("id", "process", "text", "priority", "locked")
#: Catalogue domain of the page's texts.
DOMAIN = "app_requirements"
#: Hidden column remembering which requirement a table row came from (-1: a new row).
_ORIGIN = "_origin"


def txt(key: str, lang: str | None, /, **params: Any) -> str:
    """Translate the page's catalogue key ``app_requirements.<key>`` into ``lang``."""
    return t(f"{DOMAIN}.{key}", lang, **params)


def known_processes(requirements: Sequence[Requirement] = ()) -> list[str]:
    """Process slugs that have a label, then any other slug the requirements use.

    Parameters
    ----------
    requirements : sequence of Requirement
        The project's requirements (their free process slugs are kept as options).

    Returns
    -------
    list of str
        Slugs in catalogue order, then the requirements' own ones in first-seen order.
    """
    prefix = "requirements.process."
    labelled = [k[len(prefix) :] for k in catalogue("en") if k.startswith(prefix)]
    return list(dict.fromkeys([*labelled, *(r.process for r in requirements)]))


def process_label(process: str, lang: str | None) -> str:
    """The label of a process in ``lang`` (the slug itself when it has none)."""
    key = f"requirements.process.{process}"
    return t(key, lang) if key in catalogue("en") else process


def requirements_spec(project: Project) -> RequirementsValue:
    """The settings of the project's first ``requirements`` criterion (defaults otherwise).

    This is the criterion whose weights and credits the performance table uses for its
    per-vendor requirement fit.
    """
    for leaf in project.criteria.leaves():
        if isinstance(leaf.value, RequirementsValue):
            return leaf.value
    return RequirementsValue()


# ------------------------------------------------------------------------ editable table


def requirements_frame(requirements: Sequence[Requirement], lang: str) -> pd.DataFrame:
    """The requirements as the editable table: one row each, the text in ``lang``."""
    rows = [[r.id, r.process, r.text.get(lang), r.priority, r.locked] for r in requirements]
    return pd.DataFrame(rows, columns=list(EDIT_COLUMNS))


def apply_delta(base: pd.DataFrame, delta: Mapping[str, Any]) -> pd.DataFrame:
    """Apply the data editor's recorded changes to ``base``; keep each row's origin.

    The result has the columns of ``base`` plus ``_origin``: the position in ``base`` of the
    row it came from, or -1 for an added row. Deleted rows are dropped.
    """
    frame = base.reset_index(drop=True).astype(object).copy()
    frame[_ORIGIN] = list(range(len(frame)))
    for pos, changes in (delta.get("edited_rows") or {}).items():
        for column, value in changes.items():
            if column in EDIT_COLUMNS and int(pos) in frame.index:
                frame.at[int(pos), column] = value
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    frame = frame.drop(index=[i for i in deleted if i in frame.index])
    added = [
        {**{c: row.get(c) for c in EDIT_COLUMNS}, _ORIGIN: -1}
        for row in delta.get("added_rows") or []
    ]
    if added:
        frame = pd.concat([frame, pd.DataFrame(added, columns=[*EDIT_COLUMNS, _ORIGIN])])
    return frame.reset_index(drop=True)


def has_changes(delta: Any) -> bool:
    """True when the data editor recorded an edit, an added or a deleted row."""
    return isinstance(delta, dict) and any(
        delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")
    )


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def edited_requirements(
    original: Sequence[Requirement],
    frame: pd.DataFrame,
    lang: str,
    source: str,
    headers: Mapping[str, str],
) -> list[Requirement]:
    """Validate the edited table back into requirements, every problem located.

    A row keeps the other language's text of the requirement it came from (an added row
    copies its text to both languages); an added row without a priority is "should". A
    locked requirement (a legal obligation) may not change its id, text or priority nor
    be deleted.

    Parameters
    ----------
    original : sequence of Requirement
        The project's requirements the table was built from.
    frame : DataFrame
        The table after :func:`apply_delta`.
    lang : str
        The language of the text column.
    source : str
        The table's name, shown in the messages.
    headers : mapping of str to str
        Column key → header shown, used to name the column of a problem.

    Returns
    -------
    list of Requirement
        The validated requirements, in table order.

    Raises
    ------
    InputError
        With one problem per rejected cell (row = the table's row number, 1-based), per
        duplicate id, and per changed or deleted locked requirement.
    """
    other = "en" if lang == "fr" else "fr"
    problems: list[Problem] = []
    out: list[Requirement] = []
    first_row: dict[str, int] = {}
    kept_origins: set[int] = set()
    records = frame.to_dict("records")
    for number, record in enumerate(records, start=1):
        origin_pos = int(record.get(_ORIGIN, -1))
        origin = original[origin_pos] if 0 <= origin_pos < len(original) else None
        text = _cell(record.get("text"))
        data: dict[str, Any] = {
            "id": _cell(record.get("id")),
            "process": _cell(record.get("process")),
            "text": {lang: text, other: origin.text.get(other) if origin else text},
            "priority": _cell(record.get("priority")) or "should",
            "locked": origin.locked if origin else False,
        }

        def where(path: Sequence[str | int], row: int = number) -> Where:
            return Where(row=row, field=headers.get(str(path[0]), str(path[0])) if path else None)

        try:
            req = Requirement.model_validate(data)
        except ValidationError as exc:
            problems.extend(validation_problems(exc, data, source=source, locate=where))
            continue
        if req.id in first_row:
            problems.append(
                Problem(
                    rule=f"{DOMAIN}.duplicate_id",
                    source=source,
                    row=number,
                    field=headers.get("id", "id"),
                    value=req.id,
                    params={"first": first_row[req.id]},
                )
            )
            continue
        first_row[req.id] = number
        if origin is not None and origin.locked:
            kept_origins.add(origin_pos)
            for key, changed in (
                ("id", req.id != origin.id),
                ("text", req.text.get(lang) != origin.text.get(lang)),
                ("priority", req.priority != origin.priority),
            ):
                if changed:
                    problems.append(
                        Problem(
                            rule=f"{DOMAIN}.locked_changed",
                            source=source,
                            row=number,
                            field=headers.get(key, key),
                            value=data[key] if key != "text" else text,
                            params={"id": origin.id},
                        )
                    )
        out.append(req)
    for pos, req in enumerate(original):
        if req.locked and pos not in kept_origins and req.id not in first_row:
            problems.append(
                Problem(rule=f"{DOMAIN}.locked_deleted", source=source, params={"id": req.id})
            )
    if problems:
        raise InputError(problems)
    return out


# ----------------------------------------------------------------------------- answers


# ------------------------------------------------------------------------------ roll-up


def priority_coverage(fit: RequirementFit, spec: RequirementsValue) -> dict[Priority, float | None]:
    """Coverage (0–100) of each MoSCoW priority taken alone.

    For priority p: 100 · Σ sᵣ / nₚ over the nₚ requirements of p in scope, sᵣ the credit of
    the answer (0 when unanswered). The headline coverage is the pᵣ-weighted mean of these.
    ``None`` when p has no requirement in scope or the vendor answered nothing.
    """
    scope = set(spec.processes)
    sums: dict[Priority, float] = dict.fromkeys(PRIORITIES, 0.0)
    counts: dict[Priority, int] = dict.fromkeys(PRIORITIES, 0)
    for row in fit.rows:
        req = row.requirement
        if scope and req.process not in scope:
            continue
        counts[req.priority] += 1
        if row.answer is not None:
            sums[req.priority] += spec.answer_scores.of(row.answer.answer)
    answered = fit.has_answers
    return {p: 100.0 * sums[p] / counts[p] if counts[p] and answered else None for p in PRIORITIES}


def unsupported_musts(fit: RequirementFit) -> list[Requirement]:
    """The Must requirements the vendor answered "not supported", in project order."""
    rows = fit.unmet(["must"], ["not_supported"], unanswered_fails=False)
    return [row.requirement for row in rows]


# ------------------------------------------------------------------------- the Must rule


def must_rule(rules: Sequence[Any]) -> RequirementsRule | None:
    """The first requirements rule of the must-haves that covers Must requirements."""
    for rule in rules:
        if isinstance(rule, RequirementsRule) and "must" in rule.priorities:
            return rule
    return None


def with_must_rule(rules: Sequence[Any], on: bool, unanswered_fails: bool) -> list[Any]:
    """The must-have rules (as plain data) with the Must requirements rule added or removed.

    Every requirements rule covering Must requirements is removed; with ``on``, one rule
    excluding a vendor that answers "not supported" to a Must requirement is appended
    (with ``unanswered_fails`` a Must left unanswered excludes it too).
    """
    kept = [
        r.model_dump(mode="json")
        for r in rules
        if not (isinstance(r, RequirementsRule) and "must" in r.priorities)
    ]
    if on:
        rule = RequirementsRule(
            priorities=["must"],
            fail_on=["not_supported"],
            unanswered="fail" if unanswered_fails else "pass",
        )
        kept.append(rule.model_dump(mode="json"))
    return kept


__all__ = [
    "DOMAIN",
    "EDIT_COLUMNS",
    "apply_delta",
    "edited_requirements",
    "has_changes",
    "known_processes",
    "merge_answers",
    "must_rule",
    "priority_coverage",
    "process_label",
    "requirements_frame",
    "requirements_spec",
    "txt",
    "unsupported_musts",
    "with_must_rule",
]


def claims_rows(
    project: Project, perf: Performance, labels: Mapping[str, str], lang: str
) -> list[dict[str, str]]:
    """One row per value that rests only on the vendor's word: vendor, criterion, value with
    its unit in words (``5,0 mois``)."""
    names = {v.id: v.name for v in project.vendors}
    units = dict(zip(perf.criteria, perf.units, strict=True))
    words = Words(lang)
    rows = []
    for vid, cid in perf.claims_only():
        unit = words.unit(units.get(cid) or "")
        value = fmt_number(perf.value(vid, cid), lang, 1)
        rows.append(
            {
                txt("col.vendor", lang): names.get(vid, vid),
                txt("col.criterion", lang): labels.get(cid, cid),
                txt("col.value", lang): f"{value}\u00a0{unit}" if unit else value,
            }
        )
    return rows


def money_range(low: float, likely: float, high: float, lang: str) -> str:
    """An amount, or its likely value with its range when the three differ."""
    if low == likely == high:
        return fmt_money(likely, lang)
    return txt(
        "range_money",
        lang,
        likely=fmt_money(likely, lang),
        low=fmt_money(low, lang),
        high=fmt_money(high, lang),
    )


def percent(value: float | None, lang: str) -> str:
    """A coverage on 0-100 written the language's way (French: ``12,5 %``), or a dash."""
    return "—" if value is None else fmt_percent(value / 100, lang, 1)
