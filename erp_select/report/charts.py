"""Turn the analyses' Altair charts into offline images: SVG ``data:`` URIs (HTML) or JPEG (PDF)."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from erp_select.charts.agreement import agreement_ranks_chart
from erp_select.charts.contributions import contributions_chart
from erp_select.charts.curves import curves_chart
from erp_select.charts.smaa import smaa_heatmap
from erp_select.charts.stability import stability_chart
from erp_select.charts.value_for_money import value_for_money_chart
from erp_select.i18n import normalise_lang, t
from erp_select.report.chart_specs import (
    data_uri,
    fit_label,
    print_spec,
    stacked,
    vl_options,
    without_text_layers,
)
from erp_select.report.compute import ReportInputs
from erp_select.report.drawing import DrawFailure, Drawing, Job, Kind, start_safe_drawing

#: Weight curves show at most this many vendors (plus any vendor that takes the lead).
MAX_CURVE_VENDORS = 6
#: Beyond this many vendors the method-agreement lines cannot be told apart: table only.
MAX_AGREEMENT_VENDORS = 12
#: Beyond this many vendors the SMAA heatmap's printed percentages overlap (two-digit
#: numbers in cells a few millimetres wide): the heatmap keeps its colours only (HTML and
#: PDF); the table below it gives the first ranks' shares, the XLSX all of them.
MAX_HEATMAP_LABEL_VENDORS = 12


#: Contribution bars are drawn for at most this many vendors (the best ranked): beyond
#: that the bars are too thin to read on A4; the XLSX and the ranking table keep them all.
MAX_CONTRIBUTION_VENDORS = 15
#: Beyond this many vendors the value-for-money chart names only the efficient vendors
#: and the :data:`NAMED_VFM_TOP` best ranked (30 names over 30 points overlap).
MAX_NAMED_VFM_VENDORS = 12
NAMED_VFM_TOP = 3  # the size of the recommended shortlist
#: Weight curves are printed with every ``CURVE_STEP``-th point of the analysis grid (a
#: point per 1 % of weight): the roots and their diamonds are exact either way.
CURVE_STEP = 2
#: Scheme of the in-memory chart images handed to WeasyPrint (never a network URL).
IMAGE_SCHEME = "erp-select-chart:"


@dataclass(frozen=True)
class Chart:
    """One chart of the report: its id, caption and drawing.

    ``svg`` is the vector image as a ``data:`` URI (HTML), or an empty string when the
    chart was built for the PDF; ``jpeg`` the same drawing rasterised at
    :data:`~erp_select.report.drawing.PNG_SCALE` (PDF), or empty bytes when it was built
    for HTML. WeasyPrint embeds a JPEG as it is, whereas it decodes and re-compresses
    every PNG, and it draws Vega's SVG text by text, slower still. The PDF page names the
    JPEG by :attr:`pdf_src`, served from memory (a base64 ``data:`` URI of a large image
    costs seconds in WeasyPrint's HTML parser). ``width``/``height`` are the drawing's size
    in CSS pixels. ``error`` says why the chart could not be drawn (then there is no
    image, and the report prints that sentence in its place).
    """

    id: str
    caption: str
    svg: str
    jpeg: bytes
    width: int
    height: int
    error: str = ""

    @property
    def pdf_src(self) -> str:
        """The address of the JPEG in the PDF page (served by the offline fetcher)."""
        return IMAGE_SCHEME + self.id


def labels_for(inputs: ReportInputs, lang: str | None) -> dict[str, str]:
    """Display names by id: vendor names and criterion labels in ``lang``."""
    names = {v.id: v.name for v in inputs.project.vendors}
    for c in inputs.project.criteria.walk():
        names[c.id] = c.label.get(lang)
    return names


def _top_curves(inputs: ReportInputs, limit: int) -> Any:
    """The weight curves of the ``limit`` best-ranked vendors and of every vendor in a crossover.

    More lines than that cannot be told apart on a printed page. Every
    :data:`CURVE_STEP`-th grid point is kept (the crossovers are exact roots, kept apart).
    """
    import dataclasses

    result = inputs.curves
    assert result is not None  # only called when the curves were computed
    keep = set(inputs.order[:limit])
    cross = result.crossovers
    keep |= {str(x) for x in cross["winner_before"]} | {str(x) for x in cross["winner_after"]}
    curves = result.curves[result.curves["alternative"].isin(sorted(keep))]
    if CURVE_STEP > 1 and not curves.empty:
        grid = np.sort(curves["weight"].unique())
        kept = grid[::CURVE_STEP]
        if kept[-1] != grid[-1]:
            kept = np.append(kept, grid[-1])
        curves = curves[curves["weight"].isin(kept)]
    return dataclasses.replace(result, curves=curves.reset_index(drop=True))


def _top_contributions(contrib: Any, keep: Sequence[str]) -> Any:
    """``contrib`` restricted to the vendors in ``keep`` (every table indexed by vendor)."""
    import dataclasses

    import pandas as pd

    vendors = contrib.ranks.index
    chosen = vendors[vendors.astype(str).isin(list(keep))]
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(contrib):
        value = getattr(contrib, field.name)
        if isinstance(value, pd.DataFrame | pd.Series) and value.index.equals(vendors):
            changes[field.name] = value.loc[chosen]
    return dataclasses.replace(contrib, **changes)


#: Drawn charts kept in memory (least recently used dropped first): a report made again
#: for the same analyses draws no chart twice. About 0.1–0.3 MB a chart.
CHART_CACHE_SIZE = 48
_drawn: OrderedDict[str, Drawing] = OrderedDict()
_drawn_lock = threading.Lock()


def chart_key(job: Job) -> str:
    """A hash of everything a drawing depends on: the spec, the options and the kind."""
    text = json.dumps([job.spec, job.options, job.kind], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cached(key: str) -> Drawing | None:
    with _drawn_lock:
        found = _drawn.get(key)
        if found is not None:
            _drawn.move_to_end(key)
        return found


def _keep(key: str, drawing: Drawing) -> None:
    with _drawn_lock:
        _drawn[key] = drawing
        _drawn.move_to_end(key)
        while len(_drawn) > CHART_CACHE_SIZE:
            _drawn.popitem(last=False)


def clear_chart_cache() -> None:
    """Forget every drawn chart (the next report draws its charts again)."""
    with _drawn_lock:
        _drawn.clear()


@dataclass(frozen=True)
class _Planned:
    key: str
    caption: str
    job: Job


class ChartBatch:
    """Charts being drawn (see :func:`start_charts`); :meth:`charts` waits for them."""

    def __init__(self, planned: list[_Planned], lang: str | None = None) -> None:
        self._planned = planned
        self._lang = lang
        self._keys = [chart_key(p.job) for p in planned]
        self._known = {key: found for key in self._keys if (found := _cached(key)) is not None}
        # Only the charts not drawn before go to the drawing processes.
        missing = [
            p.job for p, key in zip(planned, self._keys, strict=True) if key not in self._known
        ]
        self._batch = start_safe_drawing(missing)

    def charts(self) -> dict[str, Chart]:
        """The charts by id, drawing in this process too until every one is done.

        A chart the renderer could not draw is a :class:`Chart` without image whose
        ``error`` names the chart and the renderer's reason, in the report's language.
        """
        out: dict[str, Chart] = {}
        fresh = iter(self._batch.results())
        for plan, key in zip(self._planned, self._keys, strict=True):
            drawing = self._known.get(key) or next(fresh)
            if isinstance(drawing, Drawing):
                _keep(key, drawing)
            if isinstance(drawing, DrawFailure):
                error = t(
                    "hostile.chart_failed", self._lang, caption=plan.caption, reason=drawing.reason
                )
                out[plan.key] = Chart(plan.key, plan.caption, "", b"", 0, 0, error=error)
            elif drawing.kind == "svg":
                svg = data_uri(drawing.data, "image/svg+xml")
                out[plan.key] = Chart(
                    plan.key, plan.caption, svg, b"", drawing.width, drawing.height
                )
            else:
                out[plan.key] = Chart(
                    plan.key, plan.caption, "", drawing.data, drawing.width, drawing.height
                )
        return out


def build_charts(
    inputs: ReportInputs, lang: str | None, *, raster: bool = True
) -> dict[str, Chart]:
    """Build every chart the analyses allow, keyed by chart id.

    With ``raster`` each chart is drawn as JPEG only (for the PDF), otherwise as SVG only.
    The charts are drawn together, in the report's worker processes and this one.

    Ids: ``contributions``, ``value_for_money``, ``curves_<criterion>``, ``stability``,
    ``smaa``, ``agreement``. A chart whose analysis was skipped is absent.
    """
    return start_charts(inputs, lang, raster=raster).charts()


def start_charts(inputs: ReportInputs, lang: str | None, *, raster: bool = True) -> ChartBatch:
    """Plan every chart as :func:`build_charts` does and hand them to the drawing workers.

    The caller can do other work (hand more tasks to the workers) before
    :meth:`ChartBatch.charts`, which draws in this process too.
    """
    code = normalise_lang(lang)
    full = labels_for(inputs, code)
    names = {key: fit_label(label) for key, label in full.items()}
    kind: Kind = "jpeg" if raster else "svg"
    planned: list[_Planned] = []

    def add(
        key: str,
        caption_key: str,
        chart: Any,
        extra: Mapping[str, Any] | None = None,
        **params: Any,
    ) -> None:
        caption = t(caption_key, code, **params)
        planned.append(
            _Planned(key, caption, Job(print_spec(chart, extra), vl_options(code), kind))
        )

    if inputs.contributions is not None:
        contrib = inputs.contributions
        caption_key = "report.chart.contributions"
        if len(inputs.order) > MAX_CONTRIBUTION_VENDORS:
            contrib = _top_contributions(contrib, inputs.order[:MAX_CONTRIBUTION_VENDORS])
            caption_key = "report.chart.contributions_top"
        add(
            "contributions",
            caption_key,
            stacked(contributions_chart(contrib, names, code), 460),
            n=MAX_CONTRIBUTION_VENDORS,
        )
    if inputs.value_for_money is not None:
        vfm = inputs.value_for_money
        named = None
        caption_key = "report.chart.value_for_money"
        if len(vfm) > MAX_NAMED_VFM_VENDORS:
            efficient = [str(i) for i in vfm.index[vfm["efficient"].astype(bool)]]
            named = {*inputs.order[:NAMED_VFM_TOP], *efficient}
            caption_key = "report.chart.value_for_money_named"
        add(
            "value_for_money",
            caption_key,
            value_for_money_chart(
                vfm,
                names,
                code,
                named=named,
                method=inputs.analysis.method,
                benefit=inputs.benefit,
                costs_ranked=inputs.analysis.marked_costs(code),
            ),
            {"legend": {"orient": "bottom"}},
            n=NAMED_VFM_TOP,
        )
    if inputs.curves is not None:
        curves = _top_curves(inputs, MAX_CURVE_VENDORS)
        for crit in inputs.curve_criteria:
            add(
                f"curves_{crit}",
                "report.chart.curves",
                # the criterion is named in the titles (not truncated): its full label
                curves_chart(curves, crit, code, {**names, crit: full.get(crit, crit)}).properties(
                    width=440, height=220
                ),
                criterion=full.get(crit, crit),
                n=min(MAX_CURVE_VENDORS, len(inputs.order)),
            )
    if inputs.stability is not None:
        add(
            "stability",
            "report.chart.stability",
            stability_chart(inputs.stability, code, names).properties(width=440),
        )
    if inputs.smaa is not None:
        heatmap = smaa_heatmap(inputs.smaa, code, names).properties(width=360)
        if len(inputs.order) > MAX_HEATMAP_LABEL_VENDORS:
            heatmap = without_text_layers(heatmap)
        add("smaa", "report.chart.smaa", heatmap)
    if inputs.agreement is not None and len(inputs.order) <= MAX_AGREEMENT_VENDORS:
        add(
            "agreement",
            "report.chart.agreement",
            agreement_ranks_chart(inputs.agreement, names, code),
        )
    return ChartBatch(planned, code)
