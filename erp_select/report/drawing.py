"""Draw Vega-Lite specs as report images with vl-convert, several at a time in worker processes.

vl-convert holds the interpreter lock while Vega lays a chart out, so threads cannot draw
two charts at once; worker processes can. A report's charts are independent, so they are
drawn by a small pool of worker processes when the machine has more than one core, and in
this process otherwise (or when ``ERP_SELECT_REPORT_WORKERS`` is ``0`` or ``1``).

The pool starts on first use (:func:`prestart` starts it early, so that the workers load
vl-convert's JavaScript engine while the analyses run), is reused by the next reports, and
stops after :data:`IDLE_SECONDS` without work and when the process exits. Workers get
plain JSON specs and send back image bytes; they import nothing but vl-convert and Pillow,
and fetch nothing (``allowed_base_urls`` is empty). A pool that breaks (a worker killed)
is dropped and the remaining charts are drawn here, so a report never fails for it.
"""

from __future__ import annotations

import atexit
import io
import logging
import multiprocessing
import os
import re
import threading
from collections.abc import Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Literal

logger = logging.getLogger(__name__)

#: Raster charts (for the PDF) are drawn at this multiple of their CSS size (96 px per
#: inch): at least 154 dots per inch, more for a chart scaled down to the page width;
#: plenty for these charts on A4 (drawing cost grows with the square of the scale).
PNG_SCALE = 1.6
#: JPEG quality of the raster charts; chroma is not subsampled so thin coloured lines and
#: small text keep their colour.
JPEG_QUALITY = 92
#: Environment variable giving the number of drawing processes (0 or 1: draw in-process).
WORKERS_ENV = "ERP_SELECT_REPORT_WORKERS"
#: At most this many drawing processes by default (a report has about seven charts).
MAX_WORKERS = 4
#: The pool stops after this many seconds without a chart to draw.
IDLE_SECONDS = 600.0

Kind = Literal["svg", "jpeg"]


@dataclass(frozen=True)
class Drawing:
    """One drawn chart: its bytes (SVG text in UTF-8 or JPEG) and size in CSS pixels."""

    kind: Kind
    data: bytes
    width: int
    height: int


@dataclass(frozen=True)
class Job:
    """A chart to draw: a complete Vega-Lite spec, vl-convert options and the output kind."""

    spec: dict[str, Any]
    options: dict[str, Any]
    kind: Kind


_SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"')


def draw(job: Job) -> Drawing:
    """Draw one chart in this process.

    SVG: vl-convert's SVG document. JPEG: vl-convert draws a PNG at :data:`PNG_SCALE` (its
    own JPEG encoder is slower than this round trip); Pillow flattens it on white and
    writes a JPEG at :data:`JPEG_QUALITY` without chroma subsampling.

    Parameters
    ----------
    job : Job
        The spec, the options (``allowed_base_urls`` must be empty) and the kind.

    Returns
    -------
    Drawing
    """
    import vl_convert as vlc

    options = dict(job.options)
    options["allowed_base_urls"] = []  # never fetch, whatever the caller passed
    if job.kind == "svg":
        svg = vlc.vegalite_to_svg(job.spec, **options).encode("utf-8")
        found = _SVG_SIZE.search(svg)
        width, height = (round(float(found[1])), round(float(found[2]))) if found else (600, 300)
        return Drawing("svg", svg, width, height)
    from PIL import Image

    png = vlc.vegalite_to_png(job.spec, scale=PNG_SCALE, **options)
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        flat = Image.new("RGB", image.size, "white")
        mask = image.getchannel("A") if image.mode in ("RGBA", "LA") else None
        flat.paste(image.convert("RGB"), mask=mask)
        width, height = image.size
    out = io.BytesIO()
    flat.save(out, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    return Drawing("jpeg", out.getvalue(), round(width / PNG_SCALE), round(height / PNG_SCALE))


def _warm_up() -> None:
    """Worker initialiser: start vl-convert's JavaScript engine before the first chart."""
    spec = {"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x"}}}
    try:
        draw(Job(spec, {}, "svg"))
    except Exception:  # pragma: no cover - the real job will report the problem
        logger.debug("vl-convert warm-up failed", exc_info=True)


def worker_count() -> int:
    """How many drawing processes to use: ``ERP_SELECT_REPORT_WORKERS`` or the usable cores.

    Returns 1 (draw in this process) on a single core, and for a value of the variable
    that is not a whole number ≥ 0.
    """
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            logger.warning("%s=%r is not a whole number: drawing in-process", WORKERS_ENV, raw)
            return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


class _Pool:
    """The process pool shared by the reports of this process, started and stopped lazily."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._size = 0
        self._busy = 0
        self._timer: threading.Timer | None = None

    def get(self, size: int) -> ProcessPoolExecutor:
        with self._lock:
            self._cancel_timer()
            if self._executor is None or self._size != size:
                self._stop_locked()
                context = multiprocessing.get_context("spawn")
                self._executor = ProcessPoolExecutor(
                    max_workers=size, mp_context=context, initializer=_warm_up
                )
                self._size = size
            self._busy += 1
            return self._executor

    def release(self) -> None:
        with self._lock:
            self._busy = max(0, self._busy - 1)
            if self._busy == 0 and self._executor is not None:
                self._timer = threading.Timer(IDLE_SECONDS, self._idle)
                self._timer.daemon = True
                self._timer.start()

    def drop(self, executor: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is executor:
                self._stop_locked()

    def stop(self) -> None:
        with self._lock:
            self._cancel_timer()
            self._stop_locked()

    def _idle(self) -> None:
        with self._lock:
            if self._busy == 0:
                self._stop_locked()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _stop_locked(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None
        self._size = 0

    @property
    def running(self) -> bool:
        with self._lock:
            return self._executor is not None


_POOL = _Pool()
atexit.register(_POOL.stop)


def prestart() -> None:
    """Start the drawing processes now (if there will be any), so that they are warm later."""
    size = worker_count()
    if size > 1:
        _POOL.get(size)
        _POOL.release()


def stop() -> None:
    """Stop the drawing processes (they start again on the next report)."""
    _POOL.stop()


def pool_running() -> bool:
    """Whether drawing processes are running."""
    return _POOL.running


def draw_all(jobs: Sequence[Job]) -> list[Drawing]:
    """Draw every job, in worker processes when there are several cores and several jobs.

    Parameters
    ----------
    jobs : sequence of Job

    Returns
    -------
    list of Drawing
        In the order of ``jobs``.

    Raises
    ------
    Exception
        Whatever vl-convert raised for a spec it could not draw (the same as in-process).
    """
    size = min(worker_count(), len(jobs))
    if size <= 1:
        return [draw(job) for job in jobs]
    executor = _POOL.get(worker_count())
    try:
        # The biggest specs first, so that no worker is left with a long chart at the end.
        order = sorted(range(len(jobs)), key=lambda i: -_weight(jobs[i]))
        futures: dict[int, Future[Drawing]] = {}
        try:
            for i in order:
                futures[i] = executor.submit(draw, jobs[i])
        except (BrokenProcessPool, RuntimeError):
            _POOL.drop(executor)
            logger.warning("chart workers unavailable: drawing in-process", exc_info=True)
        out: list[Drawing] = []
        for i, job in enumerate(jobs):
            future = futures.get(i)
            if future is None:
                out.append(draw(job))
                continue
            try:
                out.append(future.result())
            except (BrokenProcessPool, CancelledError):
                _POOL.drop(executor)
                logger.warning("a chart worker stopped: drawing in-process", exc_info=True)
                out.append(draw(job))
        return out
    finally:
        _POOL.release()


def _weight(job: Job) -> int:
    datasets = job.spec.get("datasets")
    if isinstance(datasets, dict):
        return sum(len(rows) for rows in datasets.values() if isinstance(rows, list))
    return 0
