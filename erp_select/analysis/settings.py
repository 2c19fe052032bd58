"""The settings of one analysis run (samples, seed, reference date…), checked once."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from erp_select.errors import InputError, Problem
from erp_select.model import Project

#: Default number of SMAA-2 weight samples.
DEFAULT_SAMPLES = 10_000
#: At most this many SMAA-2 samples (about a minute on 30 vendors).
MAX_SAMPLES = 1_000_000
#: Default relative change of each weight in the tornado chart (±20 %).
DEFAULT_TORNADO_DELTA = 0.2
#: Default number of challengers (the next vendors in the ranking) for what-it-takes.
DEFAULT_CHALLENGERS = 1
#: Default number of weight-curve criteria singled out (those nearest a change of winner).
DEFAULT_MAX_CURVES = 3
#: Largest seed accepted (the app's seed field goes up to it).
MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class AnalysisSettings:
    """What an analysis run is made with; two runs with equal settings give equal figures.

    Attributes
    ----------
    samples : int
        SMAA-2 weight samples (1 to :data:`MAX_SAMPLES`).
    seed : int or None
        Seed of every random analysis (SMAA-2, what-it-takes, agreement); ``None``: the
        project's seed.
    reference_date : datetime.date or None
        The date a project without a reference date (``as_of``, the date customer reviews
        are aged to) is pinned to; ``None``: the day of the run. A project that has one
        keeps it.
    tornado_delta : float
        Relative change of each weight in the tornado (strictly between 0 and 1).
    challengers : int
        What-it-takes is run for this many vendors after the winner (0 to skip it).
    max_curves : int
        How many criteria the weight curves single out (nearest change of winner first).
    agreement_reversal : bool
        Also run the rank-reversal checks of the method agreement (slow: about 20 s for
        30 vendors; no surface shows them today).
    """

    samples: int = DEFAULT_SAMPLES
    seed: int | None = None
    reference_date: dt.date | None = None
    tornado_delta: float = DEFAULT_TORNADO_DELTA
    challengers: int = DEFAULT_CHALLENGERS
    max_curves: int = DEFAULT_MAX_CURVES
    agreement_reversal: bool = False

    def __post_init__(self) -> None:
        problems: list[Problem] = []

        def whole(name: str, value: object, low: int, high: int) -> None:
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                problems.append(
                    Problem(
                        rule="analysis.settings.bad_integer",
                        field=name,
                        value=value,
                        params={"low": low, "high": high},
                    )
                )

        whole("samples", self.samples, 1, MAX_SAMPLES)
        if self.seed is not None:
            whole("seed", self.seed, 0, MAX_SEED)
        whole("challengers", self.challengers, 0, 1_000)
        whole("max_curves", self.max_curves, 0, 1_000)
        delta = self.tornado_delta
        if (
            isinstance(delta, bool)
            or not isinstance(delta, int | float)
            or not math.isfinite(delta)
            or not 0 < delta < 1
        ):
            problems.append(
                Problem(rule="analysis.settings.bad_delta", field="tornado_delta", value=delta)
            )
        if self.reference_date is not None and (
            not isinstance(self.reference_date, dt.date)
            or isinstance(self.reference_date, dt.datetime)
        ):
            problems.append(
                Problem(
                    rule="analysis.settings.bad_date",
                    field="reference_date",
                    value=str(self.reference_date),
                )
            )
        if not isinstance(self.agreement_reversal, bool):
            problems.append(
                Problem(
                    rule="analysis.settings.bad_flag",
                    field="agreement_reversal",
                    value=self.agreement_reversal,
                )
            )
        if problems:
            raise InputError(problems)

    def seed_for(self, project: Project) -> int:
        """The seed the run uses: the settings' seed, else the project's."""
        return project.seed if self.seed is None else int(self.seed)

    def day(self) -> dt.date:
        """The reference date of the run: the settings' date, else today."""
        return self.reference_date or dt.date.today()


def pin(project: Project, *, seed: int, day: dt.date) -> Project:
    """The project as analysed: with a reference date and the seed of the run.

    A project without ``as_of`` gets ``day`` (so that saving it reproduces the figures on
    any later day: reviews would otherwise age), and it carries ``seed``. A project that
    already has both is returned as is.
    """
    update: dict[str, object] = {}
    if project.as_of is None:
        update["as_of"] = day
    if seed != project.seed:
        update["seed"] = seed
    return project.model_copy(update=update) if update else project
