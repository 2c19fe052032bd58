"""Criteria and weights page: the tree, a weighting method per level, presets, global weights."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from erp_select import catalogue
from erp_select.app import ahp_widget, number_field, state, views, widgets
from erp_select.app.state import tr
from erp_select.charts.weights import weights_chart
from erp_select.errors import InputError
from erp_select.i18n import fmt_percent, t
from erp_select.model import DEFAULT_MISSING, MISSING_RULES, CriteriaTree, Project
from erp_select.model.judgments import (
    AhpJudgment,
    DirectJudgment,
    Judgment,
    RankJudgment,
    SwingJudgment,
)
from erp_select.weights import (
    RANK_METHODS,
    AhpReport,
    LevelWeights,
    apply_judgments,
    weigh_judgment,
)

METHODS = ("direct", "ahp", "rank", "swing")
TOP = "_top"


def _node_key(node: str | None) -> str:
    return TOP if node is None else node


def _judgment_for(current: Project, node: str | None) -> Judgment | None:
    return next((j for j in current.judgments if j.node == node), None)


# ------------------------------------------------------------------ seeding widgets


def _seed_level(current: Project, node: str | None, children: list[str]) -> None:
    key = _node_key(node)
    existing = _judgment_for(current, node)
    local = current.criteria.local_weights(node)
    raw = {c.id: c.weight for c in current.criteria.siblings(node)}
    top = max(local.values()) or 1.0
    state.seed(f"cw.method.{key}", existing.method if existing else "direct")
    by_weight = sorted(children, key=lambda c: -local[c])
    ranks = existing.ranks if isinstance(existing, RankJudgment) else {}
    swings = existing.swings if isinstance(existing, SwingJudgment) else {}
    pairs = (
        {(c.a, c.b): c.value for c in existing.comparisons}
        if isinstance(existing, AhpJudgment)
        else {}
    )
    ahp_widget.seed_grid(f"cw.ahp.{key}", children, pairs, local)
    state.seed(
        f"cw.variant.{key}", existing.variant if isinstance(existing, RankJudgment) else "roc"
    )
    for child in children:
        state.seed(f"cw.direct.{key}.{child}", float(raw[child]))
        state.seed(f"cw.rank.{key}.{child}", int(ranks.get(child, by_weight.index(child) + 1)))
        state.seed(f"cw.swing.{key}.{child}", round(swings.get(child, 100 * local[child] / top)))


# ---------------------------------------------------------- the judgment being edited


def _candidate(node: str | None, method: str, children: list[str]) -> Judgment:
    key = _node_key(node)
    ss = st.session_state
    who = tr("criteria.participant")
    if method == "ahp":
        return AhpJudgment(
            participant=who,
            node=node,
            comparisons=ahp_widget.comparisons(f"cw.ahp.{key}", children),
        )
    if method == "rank":
        return RankJudgment(
            participant=who,
            node=node,
            ranks={c: int(number_field.read(f"cw.rank.{key}.{c}")) for c in children},
            variant=ss[f"cw.variant.{key}"],
        )
    if method == "swing":
        return SwingJudgment(
            participant=who,
            node=node,
            swings={c: float(ss[f"cw.swing.{key}.{c}"]) for c in children},
        )
    return DirectJudgment(
        participant=who,
        node=node,
        points={c: number_field.read(f"cw.direct.{key}.{c}") for c in children},
    )


def _apply(node: str | None, method: str, children: list[str]) -> None:
    current = state.project()
    if current is None:
        return
    source = tr("criteria.level_title")

    def build() -> Project:
        try:
            judgment = _candidate(node, method, children)
        except ValidationError as exc:  # a rule of the judgment model
            raise state.validation_error(exc, source) from None
        tree, _ = apply_judgments(current.criteria, [judgment])
        others = [j.model_dump(mode="json") for j in current.judgments if j.node != node]
        return state.revise(
            current, source, criteria=tree, judgments=[*others, judgment.model_dump(mode="json")]
        )

    how = t(f"weights.method.{method}", state.lang())
    note = (
        state.say("note.weights_top", method=how)
        if node is None
        else state.say(
            "note.weights", node=current.criteria.node(node).label.get(state.lang()), method=how
        )
    )
    if state.attempt(build, source, message=note):
        state.flash("success", tr("criteria.applied"))


def _apply_preset(sector: str) -> None:
    current = state.project()
    preset = catalogue.presets().get(sector)
    if current is None or preset is None:
        return
    source = tr("criteria.preset_title")
    if state.attempt(
        lambda: state.revise(
            current, source, criteria=current.criteria.with_weights(preset.weights), judgments=[]
        ),
        source,
        message=state.say("note.preset", sector=preset.label.get(state.lang())),
    ):
        state.flash("success", tr("criteria.preset_applied", preset=preset.label.get(state.lang())))


# -------------------------------------------------------------------- the editors


def _direct_editor(key: str, children: list[str], names: dict[str, str]) -> None:
    cols = st.columns(min(len(children), 3))
    for i, child in enumerate(children):
        number_field.number_field(
            tr("criteria.points", criterion=widgets.md(names[child])),
            min_value=0.0,
            max_value=1_000_000.0,
            key=f"cw.direct.{key}.{child}",
            where=cols[i % len(cols)],
        )


def _rank_editor(key: str, children: list[str], names: dict[str, str], lang: str) -> None:
    st.selectbox(
        tr("criteria.rank_variant"),
        options=list(RANK_METHODS),
        format_func=lambda v: t(f"weights.rank_variant.{v}", lang),
        key=f"cw.variant.{key}",
        placeholder=state.choose(),
    )
    cols = st.columns(min(len(children), 3))
    for i, child in enumerate(children):
        number_field.number_field(
            tr("criteria.position", criterion=widgets.md(names[child])),
            min_value=1,
            max_value=len(children),
            integer=True,
            key=f"cw.rank.{key}.{child}",
            where=cols[i % len(cols)],
        )
    st.caption(t("weights.ties", lang))


def _swing_editor(key: str, children: list[str], names: dict[str, str]) -> None:
    st.caption(tr("criteria.swing_help"))
    for child in children:
        st.slider(
            tr("criteria.swing", criterion=widgets.md(names[child])),
            min_value=0,
            max_value=100,
            step=1,
            key=f"cw.swing.{key}.{child}",
        )


def _preview(level: LevelWeights, names: dict[str, str], lang: str) -> None:
    frame = pd.DataFrame(
        {
            tr("criteria.col.criterion"): [names[c] for c in level.weights],
            tr("criteria.col.local"): [fmt_percent(w, lang, 1) for w in level.weights.values()],
        }
    )
    widgets.table(frame)


def _level(current: Project, node: str | None, lang: str) -> None:
    tree: CriteriaTree = current.criteria
    key = _node_key(node)
    children = [c.id for c in tree.siblings(node)]
    names = {c.id: c.label.get(lang) for c in tree.walk()}
    _seed_level(current, node, children)
    method = st.radio(
        tr("criteria.method"),
        options=list(METHODS),
        format_func=lambda m: t(f"weights.method.{m}", lang),
        key=f"cw.method.{key}",
        horizontal=True,
    )
    worst: tuple[str, str] | None = None
    level: LevelWeights | None = None
    problem: list[str] = []
    try:
        candidate = _candidate(node, str(method), children)
        level = weigh_judgment(tree, candidate)
    except InputError as exc:
        problem = exc.lines(lang)
    except ValueError as exc:
        problem = state.validation_lines(exc, tr("criteria.level_title"))
    report = level.report if level is not None else None
    if isinstance(report, AhpReport) and not report.consistent and report.worst:
        worst = (report.worst[0].a, report.worst[0].b)
    edit, result = st.columns([3, 2], gap="large")
    with edit:
        if method == "ahp":
            ahp_widget.grid(f"cw.ahp.{key}", children, names, worst, lang)
        elif method == "rank":
            _rank_editor(key, children, names, lang)
        elif method == "swing":
            _swing_editor(key, children, names)
        else:
            _direct_editor(key, children, names)
    with result:
        st.markdown(f"**{tr('criteria.preview')}**")
        if problem:
            widgets.show_errors(problem)
        if level is not None:
            if isinstance(report, AhpReport):
                ahp_widget.status(report, names, lang)
            _preview(level, names, lang)
        st.button(
            tr("criteria.apply"),
            on_click=_apply,
            args=(node, str(method), children),
            disabled=level is None,
            type="primary",
            key=f"cw.apply.{key}",
        )


def _presets(current: Project, lang: str) -> None:
    found = catalogue.presets()
    if not found:
        return
    with st.expander(tr("criteria.preset_title")):
        default = current.company.sector if current.company.sector in found else next(iter(found))
        choice = st.selectbox(
            tr("criteria.preset_pick"),
            options=list(found),
            index=list(found).index(default),
            format_func=lambda p: found[p].label.get(lang),
            key=state.lang_key("cw.preset_pick"),
            placeholder=state.choose(),
        )
        st.caption(found[str(choice)].rationale.get(lang))
        st.button(
            tr("criteria.preset_apply"),
            on_click=_apply_preset,
            args=(str(choice),),
            key="cw.preset_apply",
        )


def _global(current: Project, lang: str) -> None:
    st.subheader(tr("criteria.global_title"))
    frame = views.weights_frame(current, lang)
    table, chart = st.columns([2, 3], gap="large")
    with table:
        widgets.table(
            pd.DataFrame(
                {
                    tr("criteria.col.family"): frame["family"],
                    tr("criteria.col.criterion"): frame["criterion"],
                    tr("criteria.col.global"): frame["weight_text"],
                }
            )
        )
    with chart:
        widgets.chart(
            weights_chart(
                frame,
                title=tr("criteria.chart_title"),
                subtitle=tr("criteria.chart_subtitle"),
                weight_title=tr("criteria.col.global"),
                lang=lang,
            ),
            alt=tr("criteria.chart_alt"),
        )


def _missing_label(option: str, lang: str) -> str:
    """A missing-value rule in words (``default`` says which rule applies by default)."""
    if option == "default":
        return t("cells.by_default", lang, rule=t(f"cells.rule.{DEFAULT_MISSING}", lang))
    return t(f"cells.rule.{option}", lang)


def _on_missing_rule(criterion_id: str) -> None:
    """Store the missing-value rule chosen for one leaf (``default`` = the default rule)."""
    current = state.project()
    if current is None:
        return
    choice = str(st.session_state[f"cw.missing.{criterion_id}"])
    rule = next((r for r in MISSING_RULES if r == choice), None)  # "default": None
    source = t("cells.rules_title", state.lang())
    state.attempt(
        lambda: state.revise(
            current, source, criteria=current.criteria.with_missing({criterion_id: rule})
        ),
        source,
        message=state.say(
            "note.missing",
            criterion=current.criteria.node(criterion_id).label.get(state.lang()),
            rule=_missing_label(choice, state.lang()),
        ),
        resync=(f"cw.missing.{criterion_id}",),
    )


def _missing_rules(current: Project, lang: str) -> None:
    """What a missing value means on each leaf: pick a leaf, then its rule."""
    st.subheader(t("cells.rules_title", lang))
    st.caption(t("cells.rules_help", lang))
    leaves = current.criteria.leaves()
    names = {c.id: c.label.get(lang) for c in leaves}
    leaf_id = st.selectbox(
        t("cells.rules_pick", lang),
        options=list(names),
        format_func=names.__getitem__,
        key=state.lang_key("cw.missing_leaf"),
        placeholder=state.choose(),
    )
    if leaf_id is None:
        return
    leaf = current.criteria.node(str(leaf_id))
    key = f"cw.missing.{leaf.id}"
    options = ["default", *MISSING_RULES]
    state.seed(key, leaf.missing or "default")
    st.radio(
        t("cells.rules_rule", lang, criterion=names[leaf.id]),
        options=options,
        format_func=lambda option: _missing_label(option, lang),
        key=key,
        on_change=_on_missing_rule,
        args=(leaf.id,),
        horizontal=True,
    )


def main() -> None:
    """Draw the criteria and weights page."""
    current = widgets.open_page("criteria.title")
    if current is None:
        return
    lang = state.lang()
    with widgets.boundary():
        _presets(current, lang)
        nodes: list[str | None] = [None, *[c.id for c in current.criteria.walk() if c.children]]
        labels = {
            n: tr("criteria.top_level") if n is None else current.criteria.node(n).label.get(lang)
            for n in nodes
        }
        st.subheader(tr("criteria.level_title"))
        node = st.selectbox(
            tr("criteria.level_pick"),
            options=nodes,
            format_func=lambda n: labels[n],
            key=state.lang_key("cw.node"),
            placeholder=state.choose(),
        )
        _level(current, node, lang)
        st.divider()
        _global(current, lang)
        st.divider()
        _missing_rules(current, lang)


main()
