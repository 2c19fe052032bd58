"""Live view and adoption: group results checked against formulas computed here from the inputs.

Independent references: the AHP group matrix is the element-wise geometric mean of the
individual matrices (Aczél & Saaty, "Procedures for synthesizing ratio judgements",
J. Math. Psychology 27, 1983) and its priorities are the principal right eigenvector
(Saaty, "The Analytic Hierarchy Process", 1980), both computed below with numpy directly;
direct points are averaged as normalised vectors (arithmetic mean).
"""

from __future__ import annotations

import multiprocessing
import random
import sys
import threading
import time
import types
from typing import Any

import numpy as np
import pytest
from sqlalchemy import text

from erp_select.errors import InputError
from erp_select.model import CriteriaTree, Project
from erp_select.pipeline import analyse
from erp_select.store import (
    Store,
    compare_revisions,
    create_project,
    init_db,
    join_workshop,
    list_revisions,
    load_project,
    load_settings,
    open_workshop,
    record_adoption,
    save_revision,
)
from erp_select.store.live import adoption_basis
from erp_select.workshop.adoption import adopt_round
from erp_select.workshop.live import live_view
from erp_select.workshop.rounds import open_round
from erp_select.workshop.submissions import submit
from tests.conftest import make_vendor
from tests.conftest import text as label

FAMILIES = ["fit", "tech", "cost", "risk"]


def four_family_project() -> Project:
    """Four top-level leaf criteria (linear scores on a fact), three vendors."""
    tree = CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": f,
                    "label": label(f),
                    "weight": 25,
                    "value": {"kind": "linear", "fact": f"score.{f}", "worst": 0, "best": 10},
                }
                for f in FAMILIES
            ]
        }
    )
    vendors = [
        make_vendor("alpha", score__fit=9, score__tech=3, score__cost=4, score__risk=6),
        make_vendor("beta", score__fit=4, score__tech=9, score__cost=6, score__risk=5),
        make_vendor("gamma", score__fit=6, score__tech=5, score__cost=9, score__risk=2),
    ]
    return Project.model_validate(
        {
            "company": {"sector": "manufacturing", "erp_users": 10},
            "criteria": tree.model_dump(),
            "vendors": [v.model_dump() for v in vendors],
            "method": "wsm",
        }
    )


SCALE = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9]


def random_points(rng: random.Random) -> dict[str, float]:
    return {f: float(rng.randint(0, 100)) for f in FAMILIES} | {"fit": float(rng.randint(1, 100))}


def random_ahp(rng: random.Random) -> list[dict[str, Any]]:
    return [
        {"a": a, "b": b, "value": rng.choice(SCALE)}
        for i, a in enumerate(FAMILIES)
        for b in FAMILIES[i + 1 :]
    ]


def expected_points(inputs: list[dict[str, float]]) -> np.ndarray:
    rows = np.array([[p[f] for f in FAMILIES] for p in inputs], dtype=float)
    rows /= rows.sum(axis=1, keepdims=True)
    return rows.mean(axis=0)


def expected_ahp(inputs: list[list[dict[str, Any]]]) -> np.ndarray:
    n = len(FAMILIES)
    logs = np.zeros((n, n))
    for comparisons in inputs:
        for c in comparisons:
            i, j = FAMILIES.index(c["a"]), FAMILIES.index(c["b"])
            logs[i, j] += np.log(c["value"])
            logs[j, i] -= np.log(c["value"])
    group = np.exp(logs / len(inputs))
    values, vectors = np.linalg.eig(group)
    v = np.abs(np.real(vectors[:, np.argmax(np.real(values))]))
    return v / v.sum()


#: Join code of each project's workshop opened by ``_setup`` (for late joiners).
_CODES: dict[int, str] = {}


def _setup(store: Store, people: int, **kw: Any) -> tuple[int, str, list[str]]:
    rev = create_project(store, four_family_project(), author="Directeur")
    access = open_workshop(store, rev.project_id, facilitator="Consultante", **kw)
    _CODES[rev.project_id] = access.join_code
    tokens = [
        join_workshop(store, access.join_code, f"P{i}", client_key=f"c{i}").token
        for i in range(people)
    ]
    return rev.project_id, access.facilitator_token, tokens


def _hammer(store: Store, tokens: list[str], number: int, answers: list[Any]) -> list[Any]:
    """Submit every answer from its own thread, all released at the same instant."""
    barrier = threading.Barrier(len(tokens))
    errors: list[BaseException] = []

    def one(token: str, answer: Any) -> None:
        try:
            barrier.wait()
            submit(store, token, number, answer)
        except BaseException as exc:  # pragma: no cover - asserted empty below
            errors.append(exc)

    threads = [
        threading.Thread(target=one, args=(tok, ans))
        for tok, ans in zip(tokens, answers, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return errors


def test_fifty_simultaneous_points_submissions(store: Store) -> None:
    rng = random.Random(7)
    _, fac, tokens = _setup(store, 50)
    open_round(store, fac, "points")
    first = [{"kind": "points", "points": random_points(rng)} for _ in tokens]
    final = [{"kind": "points", "points": random_points(rng)} for _ in tokens]
    assert _hammer(store, tokens, 1, first) == []
    # Everyone revises at the same instant: the upsert must keep one row each.
    assert _hammer(store, tokens, 1, final) == []
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM submissions")).scalar() == 50
        assert session.execute(text("SELECT count(*) FROM submission_log")).scalar() == 100
        versions = session.execute(text("SELECT DISTINCT version FROM submissions")).scalars()
        assert sorted(versions) == [2]
    view = live_view(store, fac, 1)
    assert view.submitted == 50 and all(p.submitted for p in view.people)
    assert view.weights is not None
    got = np.array([view.weights.group_weights[f] for f in FAMILIES])
    want = expected_points([a["points"] for a in final])
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    # Dispersion per criterion: population standard deviation of the normalised inputs.
    rows = np.array([[a["points"][f] for f in FAMILIES] for a in final])
    rows /= rows.sum(axis=1, keepdims=True)
    std = np.array([s.std for s in view.weights.spread])
    np.testing.assert_allclose(std, rows.std(axis=0), atol=1e-12)
    # Farthest participant: largest Euclidean distance to the group vector.
    far = int(np.argmax(np.linalg.norm(rows - want, axis=1)))
    assert view.weights.distances[0][0] == f"P{far}"


def test_fifty_simultaneous_ahp_submissions(store: Store) -> None:
    rng = random.Random(11)
    _, fac, tokens = _setup(store, 50)
    open_round(store, fac, "ahp")
    answers = [{"kind": "ahp", "comparisons": random_ahp(rng)} for _ in tokens]
    assert _hammer(store, tokens, 1, answers) == []
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM submissions")).scalar() == 50
    view = live_view(store, fac, 1)
    assert view.weights is not None and view.weights.how == "matrix"
    got = np.array([view.weights.group_weights[f] for f in FAMILIES])
    np.testing.assert_allclose(got, expected_ahp([a["comparisons"] for a in answers]), atol=1e-9)


def test_live_view_details_and_adoption(store: Store) -> None:
    project_id, fac, tokens = _setup(store, 3)
    open_round(store, fac, "points")
    inputs = [
        {"fit": 40, "tech": 30, "cost": 20, "risk": 10},
        {"fit": 10, "tech": 20, "cost": 30, "risk": 40},
        {"fit": 25, "tech": 25, "cost": 25, "risk": 25},
    ]
    for tok, pts in zip(tokens, inputs, strict=True):
        submit(store, tok, 1, {"kind": "points", "points": pts})
    view = live_view(store, fac, 1)
    assert view.weights is not None
    # Each criterion's group weight is 0.25 here; spreads are 0.30, 0.10, 0.10, 0.30.
    assert view.weights.group_weights == pytest.approx(dict.fromkeys(FAMILIES, 0.25))
    spread = {s.criterion_id: s.spread for s in view.weights.spread}
    assert spread == pytest.approx({"fit": 0.3, "tech": 0.1, "cost": 0.1, "risk": 0.3})
    assert view.weights.disagreements == ("fit", "risk")
    by_id = {s.criterion_id: s for s in view.weights.spread}
    assert (by_id["fit"].low_label, by_id["fit"].high_label) == ("P1", "P0")
    # Ranks next to the group's: each column must match ranking the project directly.
    ranks = view.weights.rankings
    assert ranks is not None and list(ranks.columns) == ["group", "P0", "P1", "P2"]
    base = four_family_project()
    for column, pts in zip(["P0", "P1", "P2"], inputs, strict=True):
        weighted = base.model_copy(update={"criteria": base.criteria.with_weights(pts)})
        order = analyse(weighted).order()
        assert list(ranks[column].sort_values(kind="stable").index) == order

    rev = adopt_round(store, fac, 1, weights={"fit": 4, "tech": 3, "cost": 2, "risk": 1})
    assert rev.number == 2 and rev.author == "Consultante"
    adopted = load_project(store, project_id)
    assert adopted.criteria.global_weights() == pytest.approx(
        {"fit": 0.4, "tech": 0.3, "cost": 0.2, "risk": 0.1}
    )
    assert [j.participant for j in adopted.judgments] == ["P0", "P1", "P2"]
    assert {w.criterion_id for w in compare_revisions(store, project_id, 1, 2).weights} == set(
        FAMILIES
    )
    # The round is now locked, and records which revision adopted it.
    after = live_view(store, tokens[0], 1)
    assert after.round.status == "locked" and after.round.adopted_revision == 2
    with pytest.raises(InputError) as err:
        submit(store, tokens[0], 1, {"kind": "points", "points": inputs[0]})
    assert err.value.problems[0].rule == "store.round_locked"


def test_adoption_of_the_group_result_and_bad_adoptions(store: Store) -> None:
    project_id, fac, tokens = _setup(store, 2, hide_names=True)
    open_round(store, fac, "points")
    open_round(store, fac, "demo")
    with pytest.raises(InputError) as err:
        adopt_round(store, fac, 1)
    assert err.value.problems[0].rule == "store.no_submissions"
    submit(store, tokens[0], 1, {"kind": "points", "points": dict.fromkeys(FAMILIES, 1)})
    submit(
        store,
        tokens[1],
        1,
        {"kind": "points", "points": {"fit": 1, "tech": 0, "cost": 0, "risk": 0}},
    )
    with pytest.raises(InputError) as err:
        adopt_round(store, fac, 2)
    assert err.value.problems[0].rule == "store.not_a_weights_round"
    with pytest.raises(InputError) as err:
        adopt_round(store, fac, 1, weights={"fit": 0, "tech": 0, "cost": 0, "risk": 0})
    with pytest.raises(InputError):
        adopt_round(store, fac, 1, weights={"fit": 1, "tech": 1})
    with pytest.raises(InputError) as err:
        adopt_round(store, tokens[0], 1)
    assert err.value.problems[0].rule == "store.access_denied"
    assert [r.number for r in list_revisions(store, project_id)] == [1]
    adopt_round(store, fac, 1)
    weights = load_project(store, project_id).criteria.global_weights()
    # Mean of (1/4, 1/4, 1/4, 1/4) and (1, 0, 0, 0).
    assert weights == pytest.approx({"fit": 0.625, "tech": 0.125, "cost": 0.125, "risk": 0.125})
    # Names hidden: the project's record carries pseudonyms, not names.
    assert [j.participant for j in load_project(store, project_id).judgments] == [
        "Participant 1",
        "Participant 2",
    ]


def test_the_adoption_note_speaks_the_facilitators_language(store: Store) -> None:
    _, fac, tokens = _setup(store, 1)
    open_round(store, fac, "points")
    submit(store, tokens[0], 1, {"kind": "points", "points": dict.fromkeys(FAMILIES, 1)})
    note = adopt_round(store, fac, 1, lang="fr").message
    assert "tour 1" in note and "round" not in note


def test_an_adoption_computed_on_an_old_revision_is_not_written(store: Store) -> None:
    project_id, fac, tokens = _setup(store, 1)
    open_round(store, fac, "points")
    submit(store, tokens[0], 1, {"kind": "points", "points": dict.fromkeys(FAMILIES, 1)})
    basis = adoption_basis(store, fac, 1)
    save_revision(store, project_id, basis.head.project, author="Directrice")  # meanwhile
    with pytest.raises(InputError) as err:
        record_adoption(
            store,
            fac,
            1,
            basis.head.project,
            author=None,
            message=None,
            expected_head=basis.head.info.number,
        )
    assert err.value.problems[0].rule == "store.stale_revision"
    assert [r.number for r in list_revisions(store, project_id)] == [1, 2]


def test_demo_round_statistics(store: Store) -> None:
    _, fac, tokens = _setup(store, 3)
    open_round(store, fac, "demo", criteria=["fit", "tech"], vendors=["alpha", "beta"])
    given = [(5, 3), (1, 3), (3, 4)]
    for tok, (fit, tech) in zip(tokens, given, strict=True):
        submit(
            store,
            tok,
            1,
            {
                "kind": "demo",
                "scores": [
                    {"vendor": "alpha", "criterion": "fit", "score": fit, "comment": "ok"},
                    {"vendor": "alpha", "criterion": "tech", "score": tech},
                ],
            },
        )
    view = live_view(store, fac, 1)
    assert view.demo is not None
    cells = {(c.vendor_id, c.criterion_id): c for c in view.demo.cells}
    assert set(cells) == {("alpha", "fit"), ("alpha", "tech")}
    fit = cells[("alpha", "fit")]
    assert (fit.count, fit.mean, fit.low, fit.high) == (3, 3.0, 1, 5)
    assert fit.std == pytest.approx(np.std([5, 1, 3]))
    assert view.demo.disagreements == (("alpha", "fit"),)
    assert len(view.demo.comments) == 6
    own = live_view(store, tokens[1], 1)
    assert own.demo is not None and {c.label for c in own.demo.comments} == {"P1"}


def _writer(url: str, key: str, tokens: list[str], answers: list[dict[str, Any]], go: Any) -> None:
    """A second app process: its own engine, submitting one answer after another.

    Like every process of one deployment, it is given the same secret key.
    """
    s = init_db(
        settings=load_settings({"ERP_SELECT_DATABASE_URL": url, "ERP_SELECT_SECRET_KEY": key})
    )
    go.wait(60)
    for tok, ans in zip(tokens, answers, strict=True):
        submit(s, tok, 1, ans)
    s.dispose()


def test_two_app_processes_serve_one_workshop(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spawned child re-runs the parent's ``__main__`` script; an AppTest run earlier in
    # this process (AppTest.from_function) may have left a throw-away script there.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    rng = random.Random(3)
    _, fac, tokens = _setup(store, 20)
    open_round(store, fac, "points")
    answers = [{"kind": "points", "points": random_points(rng)} for _ in tokens]
    url = store.engine.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    go = ctx.Event()
    key = store.settings.secret_key
    child = ctx.Process(target=_writer, args=(url, key, tokens, answers, go))
    child.start()
    seen: list[int] = []
    go.set()
    deadline = time.monotonic() + 120
    while child.is_alive() and time.monotonic() < deadline:
        seen.append(live_view(store, fac, 1).submitted)
    child.join(30)
    assert child.exitcode == 0
    assert seen == sorted(seen)  # the reader never sees answers disappear
    view = live_view(store, fac, 1)
    assert view.submitted == 20 and view.weights is not None
    got = np.array([view.weights.group_weights[f] for f in FAMILIES])
    np.testing.assert_allclose(got, expected_points([a["points"] for a in answers]), atol=1e-12)


def test_pseudonyms_keep_individual_inputs_for_the_facilitator_only(store: Store) -> None:
    _, fac, tokens = _setup(store, 2, hide_names=True)
    open_round(store, fac, "points")
    inputs = [dict.fromkeys(FAMILIES, 1.0), {"fit": 3.0, "tech": 1.0, "cost": 0.0, "risk": 0.0}]
    for token, points in zip(tokens, inputs, strict=True):
        submit(store, token, 1, {"kind": "points", "points": points})
    view = live_view(store, fac, 1, lang="en", pseudonyms=True, rankings=False)
    assert [p.label for p in view.people] == ["Participant 1", "Participant 2"]
    assert view.weights is not None and view.weights.individual is not None
    assert set(view.weights.individual) == {"Participant 1", "Participant 2"}
    assert {label for label, _ in view.weights.distances} == {"Participant 1", "Participant 2"}
    assert view.weights.individual["Participant 2"]["fit"] == pytest.approx(0.75)
    # Without the option the facilitator sees real names; a participant never sees inputs.
    named = live_view(store, fac, 1, rankings=False)
    assert [p.label for p in named.people] == ["P0", "P1"]
    theirs = live_view(store, tokens[0], 1, pseudonyms=True, rankings=False)
    assert theirs.weights is not None and theirs.weights.individual is None


def test_the_adopted_record_counts_people_not_seats(store: Store) -> None:
    # Issue 15: four people in the room; one answers twice (after a reload, same seat), one
    # tries to join again under another spelling. The report counts the distinct
    # participants of the project's judgments: it must say 4, not 6.
    rev = create_project(store, four_family_project(), author="Directeur")
    access = open_workshop(store, rev.project_id, facilitator="Consultante")
    names = ["Élodie Martin", "Bruno", "Chloé", "David"]
    tokens = [
        join_workshop(store, access.join_code, n, client_key=f"c{i}").token
        for i, n in enumerate(names)
    ]
    open_round(store, access.facilitator_token, "points")
    for token in tokens:
        submit(store, token, 1, {"kind": "points", "points": dict.fromkeys(FAMILIES, 1)})
    submit(
        store, tokens[0], 1, {"kind": "points", "points": {**dict.fromkeys(FAMILIES, 1), "fit": 2}}
    )
    with pytest.raises(InputError) as err:
        join_workshop(store, access.join_code, "elodie martin", client_key="c9")
    assert err.value.problems[0].rule == "recover.name_taken"
    adopt_round(store, access.facilitator_token, 1)
    judged = load_project(store, rev.project_id).judgments
    assert sorted({j.participant for j in judged}) == sorted(names)


def _cr_by_numpy(comparisons: list[dict[str, Any]]) -> float:
    """Saaty's consistency ratio, computed here: (λmax − n) / (n − 1) / RI, RI(4) = 0.90."""
    n = len(FAMILIES)
    m = np.ones((n, n))
    for c in comparisons:
        i, j = FAMILIES.index(c["a"]), FAMILIES.index(c["b"])
        m[i, j], m[j, i] = c["value"], 1 / c["value"]
    lam = float(np.max(np.real(np.linalg.eigvals(m))))
    return (lam - n) / (n - 1) / 0.90


def _consistent(w: dict[str, float]) -> list[dict[str, Any]]:
    return [
        {"a": a, "b": b, "value": w[a] / w[b]}
        for i, a in enumerate(FAMILIES)
        for b in FAMILIES[i + 1 :]
    ]


# fit ≫ tech ≫ cost ≫ fit: a cycle, the answer contradicts itself (CR far above 0.10).
CYCLE = [
    {"a": "fit", "b": "tech", "value": 9},
    {"a": "fit", "b": "cost", "value": 1 / 9},
    {"a": "fit", "b": "risk", "value": 1},
    {"a": "tech", "b": "cost", "value": 9},
    {"a": "tech", "b": "risk", "value": 1},
    {"a": "cost", "b": "risk", "value": 1},
]


def test_adopting_a_round_replaces_that_levels_judgments_and_can_leave_people_out(
    store: Store,
) -> None:
    from erp_select.report.compute import compute
    from erp_select.report.sections.criteria import weighting
    from erp_select.workshop.consistency import inconsistent_answers

    project_id, fac, tokens = _setup(store, 3)
    open_round(store, fac, "points")
    for tok in tokens:
        submit(store, tok, 1, {"kind": "points", "points": dict.fromkeys(FAMILIES, 1)})
    adopt_round(store, fac, 1)
    # A second round on the same level, one more person, one answer that contradicts itself.
    code_holder = open_round(store, fac, "ahp")
    assert code_holder.number == 2
    late = join_workshop(store, _code_of(store, project_id), "P3", client_key="c3").token
    w0 = {"fit": 4.0, "tech": 2.0, "cost": 1.0, "risk": 1.0}
    w3 = {"fit": 1.0, "tech": 1.0, "cost": 2.0, "risk": 4.0}
    submit(store, tokens[0], 2, {"kind": "ahp", "comparisons": _consistent(w0)})
    submit(store, tokens[1], 2, {"kind": "ahp", "comparisons": CYCLE})
    submit(store, late, 2, {"kind": "ahp", "comparisons": _consistent(w3)})
    (bad,) = inconsistent_answers(store, fac, 2)
    assert (bad.seq, bad.name) == (2, "P1")
    assert bad.cr == pytest.approx(_cr_by_numpy(CYCLE), rel=1e-6) and bad.cr > 0.10
    assert bad.worst is not None and set(bad.worst) <= {"fit", "tech", "cost"}
    adopt_round(store, fac, 2, exclude=[bad.seq])
    adopted = load_project(store, project_id)
    # Exactly the people adopted, once each: round 1's judgments on that level are replaced.
    assert sorted(j.participant for j in adopted.judgments) == ["P0", "P3"]
    expected = expected_ahp([_consistent(w0), _consistent(w3)])
    assert [adopted.criteria.local_weights(None)[f] for f in FAMILIES] == pytest.approx(
        list(expected), abs=1e-9
    )
    # The report lists them, and its group row is the weights the ranking uses.
    inputs = compute(adopted, sensitivity_samples=50, seed=1)
    assert inputs.weights_consistent
    section = weighting(inputs, "fr", {})
    assert section["participants"] == ["P0", "P3"]
    (level,) = inputs.weight_levels or []
    assert level.weights == pytest.approx(adopted.criteria.local_weights(None), abs=1e-9)


def _code_of(store: Store, project_id: int) -> str:
    """A fresh workshop's code would differ: reuse the one kept by ``_setup``."""
    return _CODES[project_id]
