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


# vl-convert 1.9 aborts the whole process (a Rust panic, "thread caused non-unwinding
# panic. aborting.") on any character that XML 1.0 cannot hold: the C0 controls other than
# tab, line feed and carriage return, and U+FFFE/U+FFFF (found by trying every C0/C1 control,
# the bidi and zero-width characters, the noncharacters and a lone surrogate one by one).
XML_FORBIDDEN = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]]
XML_FORBIDDEN += ["\ufffe", "\uffff"]

_CHILD = """
import sys
from erp_select.report import drawing
from erp_select.report.drawing import Job
label = "Vendor" + sys.argv[1].encode("ascii").decode("unicode_escape") + "name"
spec = {
    "title": label,
    "data": {"values": [{"vendor": label, "score": 1.0}]},
    "mark": "bar",
    "encoding": {"x": {"field": "score", "type": "quantitative"},
                 "y": {"field": "vendor", "type": "nominal", "title": label}},
}
for kind in ("svg", "jpeg"):
    result = getattr(drawing, "draw_safely", drawing.draw)(Job(spec, {}, kind))
    print(kind, type(result).__name__)
"""


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1b", "\x1f", "\uffff"])
def test_a_control_character_in_a_label_never_kills_the_process(char: str) -> None:
    """Drawn in a child process: before the fix the child died of vl-convert's panic."""
    import os
    import subprocess
    import sys

    env = {**os.environ, workers.WORKERS_ENV: "0"}
    escaped = char.encode("unicode_escape").decode("ascii")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, escaped],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["svg", "Drawing", "jpeg", "Drawing"]


def test_every_string_of_a_spec_is_cleaned_before_drawing() -> None:
    text = "a" + "".join(XML_FORBIDDEN) + "b\t\n\r\u202e\u200bé"
    spec = {"title": text, "data": {"values": [{text: text, "n": 1}]}, "list": [text, 2]}
    clean = drawing.clean_spec(spec)
    flat = repr(clean)
    assert not any(c in flat for c in XML_FORBIDDEN)
    kept = "a" + "\ufffd" * len(XML_FORBIDDEN) + "b\t\n\r\u202e\u200bé"
    assert clean == {"title": kept, "data": {"values": [{kept: kept, "n": 1}]}, "list": [kept, 2]}


def test_a_failed_drawing_is_a_value_with_its_reason(two_workers: None) -> None:
    bad = Job({"mark": 5}, {}, "svg")
    good = Job(_bar_spec(2), {}, "svg")
    results = drawing.start_safe_drawing([bad, good, bad]).results()
    assert isinstance(results[0], drawing.DrawFailure)
    assert "conversion failed" in results[0].reason
    assert isinstance(results[1], drawing.Drawing)
    assert isinstance(results[2], drawing.DrawFailure)


_PARENT = "ERP_SELECT_TEST_PARENT_PID"


def _abort(job: Job) -> drawing.Drawing:
    """Die like vl-convert's panic does, in a worker only (never in the test process)."""
    import os

    if str(os.getpid()) == os.environ.get(_PARENT):
        raise AssertionError("ran in the test process")
    os.abort()


def _gave_up(job: Job, reason: str) -> drawing.Drawing:
    return drawing.Drawing("svg", reason.encode(), 0, 0)


def test_a_task_that_kills_its_worker_is_never_run_again_in_this_process(
    two_workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It runs again in a process of its own; when that dies too, ``crashed`` gives its value."""
    import os

    monkeypatch.setenv(_PARENT, str(os.getpid()))
    job = Job(_bar_spec(2), {}, "svg")
    future = workers.submit(_abort, job)
    assert future is not None
    got = workers.result(future, _abort, job, crashed=_gave_up)
    assert got.width == 0 and got.data  # the reason, from _gave_up


_REPORT_CHILD = """
from erp_select.report import render_report
from erp_select.report.demo import demo_project

project = demo_project()
# model_copy does not validate: the names reach the charts as an older file would bring them.
vendors = [v.model_copy(update={"name": v.name + "\\x01\\x1b"}) for v in project.vendors]
html = render_report(project.model_copy(update={"vendors": vendors}), "html", "fr",
                     sensitivity_samples=200)
print("rendered", len(html) > 0)
"""


def test_a_report_whose_names_hold_control_characters_renders_in_one_piece() -> None:
    """End to end, in a child process: before the fix, vl-convert's panic aborted it
    ("thread caused non-unwinding panic. aborting.") while drawing the first chart."""
    import os
    import subprocess
    import sys

    env = {**os.environ, workers.WORKERS_ENV: "0"}
    done = subprocess.run(
        [sys.executable, "-c", _REPORT_CHILD],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["rendered", "True"]
