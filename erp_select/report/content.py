"""The report's content in one language, typed: one value per section, every string formatted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

# The shortlist's size is the analysis suite's (one definition, with the near misses).
from erp_select.analysis.suite import SHORTLIST_SIZE as SHORTLIST_SIZE
from erp_select.report.memo_types import Memo
from erp_select.report.sections.contract import ContractSection
from erp_select.report.sections.scoring import ScoringSection
from erp_select.report.sections.tco_table import TcoTable

#: Rank acceptability columns shown in the SMAA table.
SMAA_TABLE_RANKS = 5


class Meta(TypedDict):
    """The title page: date, version, fingerprint, method, company and horizon."""

    date: str
    date_iso: str
    version: str
    fingerprint: str
    method: str
    company: str | None
    horizon: str


class Summary(TypedDict):
    """The recommendation: counts, shortlist, winner, robustness and why the winner leads."""

    assessed: int
    vendors: int
    kept: int
    excluded: int
    near_misses: list[str]
    shortlist: list[str]
    winner: str | None
    robustness: str | None
    verdict: str | None
    why: str | None
    counts: str
    lead: str
    verdict_text: NotRequired[str]


# "global" is a Python keyword: this row is declared with the functional syntax.
CriterionRow = TypedDict(
    "CriterionRow",
    {
        "id": str,
        "label": str,
        "depth": int,
        "leaf": bool,
        "local": str,
        "global": str,
        "global_value": float,
        "bar": float,
        "direction": str,
        "unit": str,
        "kind": str,
        "missing": str,
    },
)


class Person(TypedDict):
    """One participant's weights at one level of the tree."""

    name: str
    method: str
    cr: str
    consistent: str
    weights: dict[str, str]


class Spread(TypedDict):
    """The group weight of one criterion and the participants' lowest and highest."""

    criterion: str
    group: str
    min: str
    max: str
    ids: str


class WeightLevel(TypedDict):
    """How the weights under one node of the tree were obtained."""

    node: str
    how: str
    participants: int
    people: list[Person]
    group_cr: str
    criteria: list[str]
    ids: list[str]
    spread: list[Spread]


class Weighting(TypedDict):
    """The levels judged in a workshop and those whose weights were entered directly."""

    levels: list[WeightLevel]
    direct_levels: list[str]
    participants: list[str]
    consistent: bool
    has_judgments: bool


class ScreeningRow(TypedDict):
    """An excluded vendor and why."""

    id: str
    name: str
    near_miss: bool
    reasons: list[str]


class Tco(TypedDict):
    """The TCO as every table writes it (see :func:`erp_select.report.adjusted.tco_fields`)."""

    tco_text: str
    tco_range: str
    tco_ranked: float
    tco_levels: str
    tco_marked: bool


class RankingRow(TypedDict):
    """A ranked vendor: rank, score, cost, share of first places, efficiency, notes."""

    id: str
    name: str
    rank: int
    score: float
    score_text: str
    tco: float
    tco_text: str
    tco_range: str
    tco_low: float
    tco_high: float
    first_share: float
    first_share_text: str
    efficient: bool | None
    benefit: float
    efficient_text: str
    tco_ranked: float
    tco_levels: str
    tco_marked: bool
    notes: list[str]


class CostComponent(TypedDict):
    """One component of a vendor's TCO: low, likely and high amounts."""

    name: str
    low: str
    likely: str
    high: str


class CostRow(TypedDict):
    """A vendor's TCO: one-off, recurring, first year, total range and components."""

    id: str
    name: str
    status: str
    kept: bool
    one_off: str
    recurring: str
    first_year: str
    low: str
    likely: str
    high: str
    billed_users: int
    tco_text: str
    tco_range: str
    tco_ranked: float
    tco_levels: str
    tco_marked: bool
    components: list[CostComponent]
    table: TcoTable | None


class Finding(TypedDict):
    """A remark on the vendors' data, with the vendors it concerns."""

    vendor: str
    text: str


class StabilityRow(TypedDict):
    """The weight range of one criterion that keeps the winner (and the top k)."""

    criterion: str
    current: str
    winner: str
    topk: str


class SmaaRow(TypedDict):
    """A vendor's rank acceptabilities and confidence."""

    name: str
    shares: list[str]
    confidence: str


class Crossover(TypedDict):
    """A weight at which the winner changes."""

    criterion: str
    current: str
    weight: str
    before: str
    after: str


class Sensitivity(TypedDict):
    """Stability intervals, SMAA-2 acceptabilities and crossovers."""

    stability: list[StabilityRow]
    smaa: list[SmaaRow]
    crossovers: list[Crossover]
    what: list[str]
    k: NotRequired[int]
    smaa_ranks: NotRequired[list[int]]


class AgreementRow(TypedDict):
    """A vendor's rank under each method, and the consensus."""

    name: str
    ranks: list[int]
    consensus: int


class Agreement(TypedDict):
    """How far the other methods agree with the project's method."""

    methods: list[str]
    method_names: list[str]
    rows: list[AgreementRow]
    sentence: str
    failures: list[str]


class FactLine(TypedDict):
    """One vendor fact as its sheet prints it: name, value, range, evidence and source.

    ``ref`` numbers the fact's source (with its date) among the vendor's ``sources``.
    """

    id: str
    label: str
    value: str
    extra: str
    source: str
    date: str
    evidence: str
    ref: int


class FactFamily(TypedDict):
    """A vendor's facts read by one criteria family (or by none: the last group)."""

    name: str
    facts: list[FactLine]


class VendorAppendix(TypedDict):
    """A vendor's sheet: profile, facts by family, their numbered sources, and costs.

    ``sources[i - 1]`` is the source (and date) a fact with ``ref == i`` comes from.
    ``in_scope``: the sheet is printed by default (shortlist and near misses).
    """

    id: str
    name: str
    product: str
    demo: bool
    description: str
    status: str
    profile: list[tuple[str, str]]
    families: list[FactFamily]
    sources: list[str]
    cost: CostRow | None
    in_scope: bool


class Method(TypedDict):
    """The method notes: the ranking method, SMAA-2, samples, seed and reference date.

    ``plain`` is the method's name with a plain gloss (``TOPSIS (proximité du profil
    idéal…)``), for the body's first mention.
    """

    name: str
    plain: str
    key: str
    description: str
    normalisation: str
    smaa: str
    samples: str
    seed: int
    as_of: str


class Claims(TypedDict):
    """A shortlisted vendor's criteria whose value rests on its claims only."""

    name: str
    criteria: list[str]


@dataclass
class ReportContent:
    """The report in one language: every string already formatted, plus raw numbers.

    Templates and table writers read only this; nothing here is HTML.
    """

    lang: str
    title: str
    meta: Meta
    summary: Summary
    company: list[tuple[str, str]]
    must_haves: list[str]
    criteria: list[CriterionRow]
    weighting: Weighting
    screening: list[ScreeningRow]
    ranking: list[RankingRow]
    findings: list[Finding]
    notes: list[str]
    costs: list[CostRow]
    sensitivity: Sensitivity
    agreement: Agreement | None
    vendors: list[VendorAppendix]
    method: Method
    skipped: dict[str, list[str]] = field(default_factory=dict)
    claims: list[Claims] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    screening_warnings: list[str] = field(default_factory=list)
    adjusted: list[str] = field(default_factory=list)
    adjusted_intro: str = ""
    warnings: list[str] = field(default_factory=list)
    #: The vendor sheets' scope, said above them (empty: every vendor, no sentence).
    sheets_scope: str = ""
    memo: Memo | None = None
    contract: ContractSection | None = None
    scoring: ScoringSection | None = None
    cost_terms: list[str] = field(default_factory=list)
    #: Why the SMAA-2 column shows a dash past the leaders of a long list (empty: no dash).
    leaders_note: str = ""
