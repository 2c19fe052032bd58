"""Tests of the report's chart preparation: raster resolution and heatmap labels."""

from __future__ import annotations

import altair as alt
import pandas as pd

from erp_select.report import chart_specs, drawing


def _layered() -> alt.LayerChart:
    data = pd.DataFrame({"x": [1, 2], "y": ["a", "b"], "t": ["10", "20"]})
    base = alt.Chart(data).encode(x="x:O", y="y:N")
    return base.mark_rect() + base.mark_text().encode(text="t:N")


def test_raster_scale_gives_at_least_150_dpi() -> None:
    # CSS pixels are 96 per inch (CSS Values and Units Level 3, section 5.2).
    assert drawing.PNG_SCALE * 96 >= 150


def test_text_layers_dropped_rects_kept() -> None:
    spec = chart_specs.without_text_layers(_layered()).to_dict()
    marks = [chart_specs.mark_type(layer) for layer in spec["layer"]]
    assert marks == ["rect"]
    assert spec["datasets"]  # the data still travel with the spec


def test_chart_without_layers_unchanged() -> None:
    data = pd.DataFrame({"x": [1, 2]})
    chart = alt.Chart(data).mark_bar().encode(x="x:Q")
    assert chart_specs.without_text_layers(chart).to_dict() == chart.to_dict(validate=False)


def test_only_text_layers_are_kept_rather_than_an_empty_chart() -> None:
    data = pd.DataFrame({"t": ["a"]})
    chart = alt.layer(alt.Chart(data).mark_text().encode(text="t:N"))
    spec = chart_specs.without_text_layers(chart).to_dict()
    assert [chart_specs.mark_type(layer) for layer in spec["layer"]] == ["text"]


def test_mark_type_reads_string_and_object_marks() -> None:
    assert chart_specs.mark_type({"mark": "text"}) == "text"
    assert chart_specs.mark_type({"mark": {"type": "rect", "opacity": 1}}) == "rect"
    assert chart_specs.mark_type({"layer": []}) is None
    assert chart_specs.mark_type("not a layer") is None


def test_fit_label_keeps_short_labels_and_shortens_long_ones() -> None:
    from PIL import ImageFont

    assert chart_specs.fit_label("Certifications") == "Certifications"
    long = "Pérennité des adaptations aux montées de version et autres précisions"
    short = chart_specs.fit_label(long)
    assert short.endswith("…") and long.startswith(short[:-1])
    # Measured independently with the same font: it fits, and one more letter would not.
    font = ImageFont.truetype(
        "DejaVuSans.ttf", chart_specs.LABEL_SIZE, layout_engine=ImageFont.Layout.BASIC
    )
    assert font.getlength(short) <= chart_specs.LABEL_PX
    end = len(short) - 1  # the first letter left out (after any spaces)
    while long[end] == " ":
        end += 1
    longer = long[: end + 1].rstrip() + "…"
    assert font.getlength(longer) > chart_specs.LABEL_PX


def test_fit_label_survives_control_characters_and_odd_text() -> None:
    for text in ("# Title | with `ticks`\nand a second line " * 3, "\tTabbed", "", "😀" * 60):
        out = chart_specs.fit_label(text)
        assert len(out) <= max(len(text), 1)


def test_agreement_sentence_is_singular_for_one_method() -> None:
    """ "1 méthodes sur 10" was printed when only the project's method put the winner first."""
    import dataclasses

    import pandas as pd

    from erp_select.report.compute import compute
    from erp_select.report.demo import demo_project
    from erp_select.report.sections.sensitivity import agreement as _agreement
    from tests.report.conftest import DATE

    inputs = compute(demo_project(), sensitivity_samples=200, generated=DATE)
    assert inputs.agreement is not None
    ranks = inputs.agreement.ranks.copy()
    winner, second = inputs.order[0], inputs.order[1]
    ref = inputs.analysis.method
    for k in ranks.columns:  # every other method puts the runner-up first
        if k != ref:
            ranks.loc[winner, k], ranks.loc[second, k] = 2, 1
    one = dataclasses.replace(inputs, agreement=dataclasses.replace(inputs.agreement, ranks=ranks))
    names = {v.id: v.name for v in inputs.project.vendors}
    fr = _agreement(one, "fr", names)
    en = _agreement(one, "en", names)
    assert fr is not None and en is not None
    assert fr["sentence"].startswith(
        f"1 méthode de calcul sur {len(ranks.columns)} place {names[winner]}"
    )
    assert en["sentence"].startswith(
        f"1 of {len(ranks.columns)} calculation methods puts {names[winner]}"
    )
    many = _agreement(inputs, "fr", names)
    assert many is not None and "méthodes de calcul sur" in many["sentence"]
    assert isinstance(ranks, pd.DataFrame)
