"""Chart drawing for the report: in-process and in worker processes give the same images."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image

from erp_select.report import drawing, workers
from erp_select.report.drawing import Job


def _bar_spec(n: int) -> dict[str, object]:
    rows = [{"vendor": f"V{i:02d}", "score": (i * 37 % 11) / 10} for i in range(n)]
    return {
        "width": 200,
        "height": 100,
        "data": {"values": rows},
        "mark": "bar",
        "encoding": {
            "x": {"field": "score", "type": "quantitative"},
            "y": {"field": "vendor", "type": "nominal"},
        },
    }


@pytest.fixture
def two_workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(workers.WORKERS_ENV, "2")
    yield
    workers.stop()


def test_chart_weight_counts_panels() -> None:
    assert drawing._weight(Job(_bar_spec(3), {}, "svg")) == 1.0
    assert drawing._weight(Job({"vconcat": [{}, {}, {}]}, {}, "svg")) == 3.0
    assert drawing._weight(Job({"facet": {"row": {}}, "spec": {}}, {}, "svg")) == 2.0


def test_workers_draw_the_same_images_in_the_same_order(two_workers: None) -> None:
    jobs = [Job(_bar_spec(n), {}, "svg") for n in (2, 9, 5)]
    jobs.append(Job(_bar_spec(6), {}, "jpeg"))
    expected = [drawing.draw(job) for job in jobs]
    got = drawing.draw_all(jobs)
    assert workers.pool_running()
    assert [g.kind for g in got] == ["svg", "svg", "svg", "jpeg"]
    for e, g in zip(expected[:3], got[:3], strict=True):
        assert g == e
    # The JPEG: a real JPEG, its CSS size is the PNG size divided by the scale.
    with Image.open(io.BytesIO(got[3].data)) as image:
        assert image.format == "JPEG"
        assert abs(image.width / drawing.PNG_SCALE - got[3].width) <= 1
    assert got[3].width == expected[3].width and got[3].height == expected[3].height
    workers.stop()
    assert not workers.pool_running()


def test_a_bad_spec_raises_as_in_process(two_workers: None) -> None:
    bad = Job({"mark": 5}, {}, "svg")
    with pytest.raises(ValueError, match="conversion failed"):
        drawing.draw(bad)
    with pytest.raises(ValueError, match="conversion failed"):
        drawing.draw_all([bad, Job(_bar_spec(2), {}, "svg")])


def test_drawing_never_fetches_even_if_asked(two_workers: None) -> None:
    """``allowed_base_urls`` is forced empty: a spec naming a URL fails, nothing is fetched."""
    spec = {"data": {"url": "https://example.org/x.csv"}, "mark": "point"}
    job = Job(spec, {"allowed_base_urls": None}, "svg")
    with pytest.raises(ValueError, match="not allowed"):
        drawing.draw(job)
    with pytest.raises(ValueError, match="not allowed"):
        drawing.draw_all([job, job])
