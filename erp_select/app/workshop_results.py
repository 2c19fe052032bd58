"""A round's group result as the facilitator's screen draws it: who answered, weights, scores."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from erp_select.app import widgets
from erp_select.app.state import tr
from erp_select.charts.weights import spread_chart
from erp_select.i18n import fmt_number, fmt_percent, t
from erp_select.scoring.scale import confidence_word, score_words
from erp_select.workshop.live import LiveView
from erp_select.workshop.results import DemoResult, WeightsResult


def people(view: LiveView, lang: str) -> None:
    """Who has answered, and which version of their answer is in."""
    st.metric(
        tr("workshop.answers"),
        tr("workshop.answers_value", n=view.submitted, total=len(view.people)),
    )
    if not view.people:
        st.caption(tr("workshop.nobody"))
        return
    widgets.table(
        pd.DataFrame(
            {
                tr("workshop.col.participant"): [p.label for p in view.people],
                tr("workshop.col.answered"): [
                    tr("common.yes") if p.submitted else tr("common.no") for p in view.people
                ],
                # Text only: a column mixing numbers and "" cannot be sent to the browser.
                tr("workshop.col.version"): [
                    str(p.version) if p.version else "" for p in view.people
                ],
                tr("workshop.col.updated"): [
                    p.updated_at.strftime("%H:%M:%S") if p.updated_at else "" for p in view.people
                ],
            }
        )
    )


def _points_text(value: float, lang: str) -> str:
    return fmt_number(100 * value, lang, 1)


def weights(
    result: WeightsResult, names: dict[str, str], vendors: dict[str, str], lang: str
) -> None:
    """The group weights, how far apart the participants are, and their rankings."""
    rows = result.spread
    frame = pd.DataFrame(
        {
            "criterion": [names.get(s.criterion_id, s.criterion_id) for s in rows],
            "group": [s.group for s in rows],
            "low": [s.low for s in rows],
            "high": [s.high for s in rows],
            "group_text": [fmt_percent(s.group, lang, 1) for s in rows],
            "range_text": [
                f"{fmt_percent(s.low, lang, 1)} – {fmt_percent(s.high, lang, 1)}" for s in rows
            ],
        }
    )
    st.markdown(f"#### {tr('workshop.group_title')}")
    if result.disagreements:
        first = ", ".join(names.get(c, c) for c in result.disagreements)
        st.warning(tr("workshop.discuss_first", criteria=first))
    else:
        st.success(tr("workshop.agreement"))
    if result.group_cr is not None and math.isfinite(result.group_cr):
        st.caption(tr("workshop.group_cr", cr=fmt_number(result.group_cr, lang, 3)))
    widgets.chart(
        spread_chart(
            frame,
            title=tr("workshop.chart_title"),
            subtitle=tr("workshop.chart_subtitle"),
            weight_title=tr("workshop.col.group"),
            range_title=tr("workshop.col.range"),
            lang=lang,
        ),
        alt=tr("workshop.chart_alt"),
    )
    widgets.table(
        pd.DataFrame(
            {
                tr("criteria.col.criterion"): frame["criterion"],
                tr("workshop.col.group"): frame["group_text"],
                tr("workshop.col.std"): [_points_text(s.std, lang) for s in rows],
                tr("workshop.col.low"): [
                    f"{fmt_percent(s.low, lang, 1)} ({s.low_label})"
                    if s.low_label
                    else fmt_percent(s.low, lang, 1)
                    for s in rows
                ],
                tr("workshop.col.high"): [
                    f"{fmt_percent(s.high, lang, 1)} ({s.high_label})"
                    if s.high_label
                    else fmt_percent(s.high, lang, 1)
                    for s in rows
                ],
                tr("workshop.col.spread"): [_points_text(s.spread, lang) for s in rows],
            }
        )
    )
    far, ranks = st.columns([2, 3], gap="large")
    with far:
        st.markdown(f"#### {tr('workshop.far_title')}")
        st.caption(tr("workshop.far_help"))
        if result.distances:
            widgets.table(
                pd.DataFrame(
                    {
                        tr("workshop.col.participant"): [d[0] for d in result.distances],
                        tr("workshop.col.distance"): [
                            _points_text(d[1], lang) for d in result.distances
                        ],
                        **(
                            {
                                tr("workshop.col.cr"): [
                                    fmt_number(result.consistency.get(d[0], math.nan), lang, 3)
                                    for d in result.distances
                                ]
                            }
                            if result.consistency
                            else {}
                        ),
                    }
                )
            )
    with ranks:
        st.markdown(f"#### {tr('workshop.rank_title')}")
        if result.rankings is None:
            st.caption(tr("workshop.no_ranking"))
        else:
            frame_r = result.rankings.rename(columns={"group": tr("workshop.col.group_rank")})
            frame_r = frame_r.sort_values(tr("workshop.col.group_rank"))
            frame_r.insert(0, tr("ranking.col.vendor"), [vendors.get(v, v) for v in frame_r.index])
            widgets.table(frame_r)


def demo(result: DemoResult, names: dict[str, str], vendors: dict[str, str], lang: str) -> None:
    """Scorecards: who has scored how much, then (once visible) the statistics per vendor ×
    criterion, the cells to discuss first and the comments."""
    st.markdown(f"#### {tr('workshop.demo_title')}")
    if result.progress:
        widgets.table(
            pd.DataFrame(
                {
                    tr("workshop.col.participant"): [p.label for p in result.progress],
                    t("evalteam.col.scored", lang): [
                        f"{p.scored} / {p.total}" for p in result.progress
                    ],
                    t("evalteam.not_shown", lang): [str(p.not_shown) for p in result.progress],
                }
            )
        )
    if result.blind:
        st.info(t("evalteam.blind", lang))
    if result.disagreements:
        first = ", ".join(
            f"{vendors.get(v, v)} / {names.get(c, c)}" for v, c in result.disagreements[:5]
        )
        st.warning(tr("workshop.discuss_first", criteria=first))
    if result.cells:
        cells = result.cells
        widgets.table(
            pd.DataFrame(
                {
                    tr("ranking.col.vendor"): [
                        vendors.get(c.vendor_id, c.vendor_id) for c in cells
                    ],
                    tr("criteria.col.criterion"): [
                        names.get(c.criterion_id, c.criterion_id) for c in cells
                    ],
                    tr("workshop.col.count"): [str(c.count) for c in cells],
                    t("evalteam.not_shown", lang): [str(c.not_shown) for c in cells],
                    tr("workshop.col.mean"): [fmt_number(c.mean, lang, 1) for c in cells],
                    t("evalteam.col.median", lang): [fmt_number(c.median, lang, 1) for c in cells],
                    t("evalteam.col.std", lang): [fmt_number(c.std, lang, 2) for c in cells],
                    tr("workshop.col.range"): [
                        f"{fmt_number(c.low, lang, 0)} – {fmt_number(c.high, lang, 0)}"
                        for c in cells
                    ],
                    t("evalteam.col.outliers", lang): [
                        ", ".join(result.label(s) for s in c.outliers) for c in cells
                    ],
                }
            )
        )
    if result.comments:
        st.markdown(f"#### {tr('workshop.comments_title')}")
        rows = result.comments
        widgets.table(
            pd.DataFrame(
                {
                    tr("workshop.col.participant"): [c.label for c in rows],
                    tr("ranking.col.vendor"): [vendors.get(c.vendor_id, c.vendor_id) for c in rows],
                    tr("criteria.col.criterion"): [
                        names.get(c.criterion_id, c.criterion_id) for c in rows
                    ],
                    tr("join.demo_score"): [score_words(c.score, lang) for c in rows],
                    t("evalteam.confidence.title", lang): [
                        confidence_word(c.confidence, lang) if c.confidence else "" for c in rows
                    ],
                    tr("join.demo_comment"): [c.comment for c in rows],
                }
            )
        )
