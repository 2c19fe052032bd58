"""AppTest: a live workshop — the facilitator's page and two participants in their own sessions.

Every AppTest here is a separate browser session of the same app process; they share one
SQLite file through ``ERP_SELECT_DATABASE_URL`` (the ``db_url`` fixture), as real browsers
share the server's database.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from erp_select.app import persist, seats
from erp_select.errors import InputError
from erp_select.model import Project
from erp_select.store import (
    find_project,
    init_db,
    list_revisions,
    load_project,
    workshop_info,
)
from erp_select.workshop.answers import AhpAnswer, DemoAnswer
from erp_select.workshop.submissions import my_submission

Goto = Callable[[AppTest, str], AppTest]
New = Callable[[], AppTest]

# Two people's points on the five top-level families of the demo tree (any totals).
ALICE = {
    "sector_fit": 40.0,
    "customisability": 10.0,
    "security": 20.0,
    "price": 20.0,
    "reviews": 10.0,
}
BOB = {
    "sector_fit": 10.0,
    "customisability": 30.0,
    "security": 10.0,
    "price": 37.0,
    "reviews": 13.0,
}


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def _texts(at: AppTest) -> str:
    """Everything the page shows as text, tables included."""
    parts: list[str] = []
    for kind in (
        "markdown",
        "caption",
        "info",
        "success",
        "warning",
        "error",
        "title",
        "subheader",
    ):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [str(m.value) for m in at.metric]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    return "\n".join(parts)


def _open_workshop(demo: AppTest, goto: Goto, *, hide: bool = False) -> str:
    goto(demo, "workshop")
    demo.text_input(key="wf.name").set_value("Claire")
    if hide:
        demo.checkbox(key="wf.hide").check()
    demo.button(key="wf.open").click().run()
    assert not demo.exception, [e.value for e in demo.exception]
    code = demo.session_state[seats.JOIN_CODE]
    assert isinstance(code, str)
    # the code is on screen for the room; the token is in no address and on no screen
    assert any(code in m.value for m in demo.markdown)
    token = demo.session_state[seats.FACILITATOR]
    _no_secret_in_address(demo)
    assert not any(token in c.value for c in demo.code)
    return code


def _no_secret_in_address(at: AppTest) -> None:
    """No facilitator token, seat token or project key in the address bar (ASVS 3.1.1)."""
    secrets_ = [
        at.session_state[k] if k in at.session_state else None  # noqa: SIM401
        for k in (seats.FACILITATOR, seats.SEAT, "store_project_key")
    ]
    shown = {k: at.query_params[k] for k in at.query_params}
    assert set(shown) <= {"lang"}, shown
    assert not any(s and s in str(shown) for s in secrets_), shown


def _open_round(demo: AppTest, kind: str = "points", node: str = "_top") -> None:
    demo.radio(key="wf.kind").set_value(kind).run()
    if kind != "demo":
        demo.selectbox(key="wf.node.fr").set_value(node)
    demo.button(key="wf.open_round").click().run()
    assert not demo.exception, [e.value for e in demo.exception]


def _join(new: New, goto: Goto, code: str, name: str) -> AppTest:
    at = new()
    at.run()
    goto(at, "join")
    at.text_input(key="wj.code").set_value(code)
    at.text_input(key="wj.name").set_value(name)
    at.button(key="wj.join").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _french(value: float) -> str:
    """``value`` typed the French way (decimal comma)."""
    return f"{value:g}".replace(".", ",")


def _give_points(at: AppTest, number: int, points: dict[str, float]) -> None:
    for cid, value in points.items():
        at.text_input(key=f"wj.points.{number}.{cid}.text").set_value(_french(value))
    at.button(key=f"wj.submit.{number}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("réponse est enregistrée" in s.value for s in at.success)


def _normalised(points: dict[str, float]) -> dict[str, float]:
    total = sum(points.values())
    return {k: v / total for k, v in points.items()}


def _chart_group(demo: AppTest) -> dict[str, float]:
    """The group weights drawn on the facilitator's agreement chart, by criterion label."""
    chart = next(
        c for c in demo.get("vega_lite_chart") if "Poids du groupe pour chaque" in c.proto.spec
    )
    data = dataframe_util.convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)
    return dict(zip(data["criterion"], data["group"], strict=True))


def test_two_participants_answer_and_the_facilitator_sees_the_mean_live(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo)
    alice = _join(new, goto, code, "Alice")
    bob = _join(new, goto, code, "Bob")
    assert any("Tour 1" in m.value for m in alice.markdown)
    _give_points(alice, 1, ALICE)
    _give_points(bob, 1, BOB)

    demo.run()
    assert not demo.exception
    assert [m.value for m in demo.metric if m.label == "Réponses"] == ["2 / 2"]
    # Group weights of a points round: the mean of each person's normalised points
    # (computed here by hand from the points typed above).
    a, b = _normalised(ALICE), _normalised(BOB)
    expected = {cid: (a[cid] + b[cid]) / 2 for cid in ALICE}
    labels = {c.id: c.label.fr for c in _project(demo).criteria.walk()}
    drawn = _chart_group(demo)
    assert drawn == pytest.approx({labels[c]: w for c, w in expected.items()}, abs=1e-9)
    shown = _texts(demo)
    assert "Alice" in shown and "Bob" in shown  # the facilitator sees names (not hidden)
    # the widest disagreement (sector fit: 40 % vs 10 %) is to be discussed first
    first = next(w.value for w in demo.warning if "discuter en premier" in w.value)
    spreads = {c: abs(a[c] - b[c]) for c in ALICE}
    widest = max(spreads, key=lambda c: spreads[c])
    assert first.split(": ", 1)[1].startswith(labels[widest])


def test_points_typed_with_a_decimal_comma_are_read_exactly(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo)
    alice = _join(new, goto, code, "Alice")
    # text that is not a number is refused at submit, naming the field; nothing is saved
    alice.text_input(key="wj.points.1.price.text").set_value("abc")
    alice.button(key="wj.submit.1").click().run()
    assert not alice.exception
    assert any(e.value.startswith("Points pour ") and "« abc »" in e.value for e in alice.error)
    assert not any("réponse est enregistrée" in s.value for s in alice.success)
    points = {**ALICE, "price": 22.5, "reviews": 7.5}
    _give_points(alice, 1, points)
    # her own answer reads back the way she typed it: decimal comma, no decimal point
    shown = list(alice.dataframe[-1].value["Points"])
    assert "22,5" in shown and "7,5" in shown and not any("." in v for v in shown)
    demo.run()
    labels = {c.id: c.label.fr for c in _project(demo).criteria.walk()}
    expected = {labels[c]: w for c, w in _normalised(points).items()}
    assert _chart_group(demo) == pytest.approx(expected, abs=1e-9)


def test_a_participant_sees_only_their_own_answer(demo: AppTest, goto: Goto, new: New) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo)
    alice = _join(new, goto, code, "Alice")
    bob = _join(new, goto, code, "Bob")
    _give_points(alice, 1, ALICE)
    _give_points(bob, 1, BOB)
    alice.run()
    seen = _texts(alice)
    assert "Bob" not in seen
    assert "37" not in seen  # Bob's points on price
    mine = alice.dataframe[-1].value
    assert list(mine["Points"]) == [f"{v:g}" for v in ALICE.values()]
    # and the store agrees: each token reads back its owner's answer only
    store = init_db()
    try:
        answer = my_submission(store, alice.session_state[seats.SEAT], 1)
        assert answer is not None and answer.answer.model_dump()["points"] == ALICE
    finally:
        store.dispose()


def test_a_wrong_code_shows_the_message(demo: AppTest, goto: Goto, new: New) -> None:
    _open_workshop(demo, goto)
    at = new()
    at.run()
    goto(at, "join")
    at.text_input(key="wj.code").set_value("AAAAA-AAAAA")
    at.text_input(key="wj.name").set_value("Eve")
    at.button(key="wj.join").click().run()
    assert not at.exception
    assert any("aucun atelier ouvert n’a ce code" in e.value for e in at.error)
    assert seats.SEAT not in at.session_state


def test_repeated_wrong_codes_hit_the_rate_limit(
    db_url: str, monkeypatch: pytest.MonkeyPatch, new: New, goto: Goto
) -> None:
    monkeypatch.setenv("ERP_SELECT_JOIN_MAX_FAILURES", "2")
    at = new()
    at.run()
    goto(at, "join")
    at.text_input(key="wj.name").set_value("Eve")
    for guess in ("AAAAA-AAAAA", "CCCCC-CCCCC", "DDDDD-DDDDD"):
        at.text_input(key="wj.code").set_value(guess)
        at.button(key="wj.join").click().run()
    assert not at.exception
    (box,) = at.error
    assert "Trop de tentatives" in box.value
    assert "attendez 1 min" in box.value


def test_adopting_writes_a_revision_with_the_group_weights(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo)
    key = demo.session_state["store_project_key"]
    alice = _join(new, goto, code, "Alice")
    bob = _join(new, goto, code, "Bob")
    _give_points(alice, 1, ALICE)
    _give_points(bob, 1, BOB)
    demo.run()
    store = init_db()
    try:
        project_id = find_project(store, key)
        before = list_revisions(store, project_id)[-1].number
        demo.button(key="wf.adopt").click().run()
        assert not demo.exception
        assert any("Adopté" in s.value for s in demo.success)
        revisions = list_revisions(store, project_id)
        assert revisions[-1].number == before + 1
        saved = load_project(store, project_id)
    finally:
        store.dispose()
    a, b = _normalised(ALICE), _normalised(BOB)
    expected = {cid: (a[cid] + b[cid]) / 2 for cid in ALICE}
    assert saved.criteria.local_weights(None) == pytest.approx(expected, abs=1e-9)
    # the facilitator's session now works on that revision: the other pages show it
    assert _project(demo).criteria.local_weights(None) == pytest.approx(expected, abs=1e-9)
    assert demo.session_state["store_head"] == revisions[-1].number
    # and the round is locked: a late answer is refused with the message
    alice.run()
    assert any("verrouillé" in i.value for i in alice.info)


def test_edited_weights_can_be_adopted(demo: AppTest, goto: Goto, new: New) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo)
    alice = _join(new, goto, code, "Alice")
    _give_points(alice, 1, ALICE)
    demo.run()
    demo.toggle(key="wf.edit").set_value(True).run()
    edited = {
        "sector_fit": 47.5,
        "customisability": 5.0,
        "security": 25.0,
        "price": 15.0,
        "reviews": 7.5,
    }
    for cid, value in edited.items():
        demo.text_input(key=f"wf.edit.1.{cid}.text").set_value(_french(value))
    demo.button(key="wf.adopt").click().run()
    assert not demo.exception
    assert _project(demo).criteria.local_weights(None) == pytest.approx(
        _normalised(edited), abs=1e-9
    )


def test_hidden_names_show_pseudonyms_to_the_facilitator_screen(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto, hide=True)
    _open_round(demo)
    alice = _join(new, goto, code, "Alice")
    bob = _join(new, goto, code, "Bob")
    _give_points(alice, 1, ALICE)
    _give_points(bob, 1, BOB)
    demo.run()
    shown = _texts(demo)
    assert "Alice" not in shown and "Bob" not in shown
    assert "Participant 1" in shown and "Participant 2" in shown
    # individual inputs are still there, under pseudonyms (farthest from the group)
    assert any("Distance (pts)" in f.value.columns for f in demo.dataframe)


def test_an_ahp_round_uses_the_shared_grid_and_a_consistent_answer_gives_its_weights(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo, "ahp")
    alice = _join(new, goto, code, "Alice")
    families = [c.id for c in _project(demo).criteria.criteria]
    # A perfectly consistent matrix a_ij = w_i / w_j (Saaty 1980): its principal
    # eigenvector is w itself and its consistency ratio is 0.
    w = dict(zip(families, [4.0, 2.0, 2.0, 1.0, 1.0], strict=True))
    for a, b in itertools.combinations(families, 2):
        alice.select_slider(key=f"wj.ahp.1.{a}.{b}").set_value(w[a] / w[b])
    alice.run()
    assert alice.metric[0].value == "0,000"
    alice.button(key="wj.submit.1").click().run()
    assert not alice.exception
    store = init_db()
    try:
        stored = my_submission(store, alice.session_state[seats.SEAT], 1)
    finally:
        store.dispose()
    assert stored is not None and isinstance(stored.answer, AhpAnswer)
    demo.run()
    labels = {c.id: c.label.fr for c in _project(demo).criteria.walk()}
    total = sum(w.values())
    assert _chart_group(demo) == pytest.approx(
        {labels[c]: v / total for c, v in w.items()}, abs=1e-6
    )


def test_a_demo_round_collects_scores_and_comments(demo: AppTest, goto: Goto, new: New) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo, "demo")
    project = _project(demo)
    alice = _join(new, goto, code, "Alice")
    bob = _join(new, goto, code, "Bob")
    vendor = demo.session_state["wf.demo_vendors"][0]
    criterion = demo.session_state["wf.demo_criteria"][0]
    for at, score in ((alice, 2), (bob, 5)):
        at.select_slider(key="wj.demo.1.score").set_value(score)
        at.text_area(key="wj.demo.1.comment").set_value(f"note {score}")
        at.button(key="wj.submit.1").click().run()
        assert not at.exception
    store = init_db()
    try:
        stored = my_submission(store, bob.session_state[seats.SEAT], 1)
    finally:
        store.dispose()
    assert stored is not None and isinstance(stored.answer, DemoAnswer)
    assert [(s.vendor, s.criterion, s.score) for s in stored.answer.scores] == [
        (vendor, criterion, 5)
    ]
    demo.run()
    cells = next(f.value for f in demo.dataframe if "Moyenne" in f.value.columns)
    assert list(cells["Moyenne"]) == [f"{np.mean([2, 5]):.1f}".replace(".", ",")]
    names = {v.id: v.name for v in project.vendors}
    assert list(cells["Éditeur"]) == [names[vendor]]
    comments = next(
        f.value for f in demo.dataframe if "Commentaire (facultatif)" in f.value.columns
    )
    assert sorted(comments["Commentaire (facultatif)"]) == ["note 2", "note 5"]


def _everything(at: AppTest) -> str:
    """Every element of the page as sent to the browser (texts, code, images, hidden parts)."""
    return "\n".join(str(getattr(node, "proto", "")) for node in at._tree)


def test_the_room_screen_shows_the_code_and_no_secret(demo: AppTest, goto: Goto, new: New) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo)
    alice = _join(new, goto, code, "Alice")
    _give_points(alice, 1, ALICE)
    token = demo.session_state[seats.FACILITATOR]
    key = demo.session_state["store_project_key"]
    assert isinstance(token, str) and isinstance(key, str)
    goto(demo, "room")
    assert not demo.error, [e.value for e in demo.error]
    shown = _texts(demo)
    assert code in shown  # the room sees the join code…
    assert "1 / 1" in shown  # …the progress…
    assert "Alice" not in shown  # …and nobody's name or individual answer
    page = _everything(demo)
    assert token not in page and key not in page
    assert demo.get("image"), "a QR code of the join link"
    _no_secret_in_address(demo)


def test_arriving_with_a_token_or_key_leaves_none_in_the_address(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto)
    old = demo.session_state[seats.FACILITATOR]
    key = demo.session_state["store_project_key"]
    seat = _join(new, goto, code, "Alice").session_state[seats.SEAT]
    _no_secret_in_address(demo)
    # an old-style private link: facilitator token, project key and seat in the address
    other = new()
    other.query_params["workshop"] = old
    other.query_params["project"] = key
    other.run()
    assert not other.exception
    _no_secret_in_address(other)
    # the link was exchanged for a fresh token: it works once only
    fresh = other.session_state[seats.FACILITATOR]
    assert fresh != old
    goto(other, "workshop")
    assert not other.error and _project(other) is not None
    _no_secret_in_address(other)
    guest = new()
    guest.query_params["seat"] = seat
    guest.run()
    _no_secret_in_address(guest)
    assert guest.session_state[seats.SEAT] == seat
    again = new()
    again.query_params["workshop"] = old
    again.run()
    assert not again.exception
    assert seats.FACILITATOR not in again.session_state
    assert any("ne sert qu'une fois" in e.value for e in again.error)
    _no_secret_in_address(again)
    # junk in the address is taken out too, and crashes nothing
    junk = new()
    junk.query_params["seat"] = "<script>\"';"
    junk.query_params["workshop"] = "x" * 5000
    junk.run()
    assert not junk.exception
    _no_secret_in_address(junk)


def test_the_facilitator_renews_the_access_and_the_old_token_is_refused(
    demo: AppTest, goto: Goto
) -> None:
    _open_workshop(demo, goto)
    old = demo.session_state[seats.FACILITATOR]
    demo.button(key="wf.rotate").click().run()
    assert not demo.exception
    new_token = demo.session_state[seats.FACILITATOR]
    assert new_token != old
    assert any("Accès renouvelé" in s.value for s in demo.success)
    store = init_db()
    try:
        with pytest.raises(InputError):
            workshop_info(store, old)
        assert workshop_info(store, new_token).role == "facilitator"
    finally:
        store.dispose()


def test_a_revoked_participant_cannot_submit(demo: AppTest, goto: Goto, new: New) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo)
    alice = _join(new, goto, code, "Alice")
    eve = _join(new, goto, code, "Eve")
    demo.run()
    demo.selectbox(key="wf.revoke_seq").set_value(2)
    demo.button(key="wf.revoke").click().run()
    assert not demo.exception
    assert any("Participant exclu" in s.value for s in demo.success)
    for cid, value in BOB.items():
        eve.text_input(key=f"wj.points.1.{cid}.text").set_value(_french(value))
    eve.button(key="wj.submit.1").click().run()
    assert not eve.exception
    assert not any("réponse est enregistrée" in s.value for s in eve.success)
    assert any("accès refusé" in e.value for e in eve.error)
    _give_points(alice, 1, ALICE)


# ----------------------------------------------------------------- recovery (issue 15)


def test_the_live_view_sends_its_tables_without_type_repairs(
    demo: AppTest, goto: Goto, new: New, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Streamlit logs an ArrowInvalid traceback, then repairs the column, whenever a table
    # mixes numbers and text (the "Version" column: 1 for Alice, "" for Bob).
    repaired: list[object] = []
    real = dataframe_util.fix_arrow_incompatible_column_types

    def spy(df: object, *args: object, **kwargs: object) -> object:
        repaired.append(df)
        return real(df, *args, **kwargs)

    monkeypatch.setattr(dataframe_util, "fix_arrow_incompatible_column_types", spy)
    code = _open_workshop(demo, goto)
    _open_round(demo)
    alice = _join(new, goto, code, "Alice")
    _join(new, goto, code, "Bob")
    _give_points(alice, 1, ALICE)
    demo.run()
    assert not demo.exception
    assert [m.value for m in demo.metric if m.label == "Réponses"] == ["1 / 2"]
    assert repaired == []


def test_the_facilitator_link_opens_the_workshop_project(
    demo: AppTest, goto: Goto, new: New
) -> None:
    _open_workshop(demo, goto)
    token = demo.session_state[seats.FACILITATOR]
    again = new()
    again.query_params[seats.FACILITATOR_PARAM] = token
    again.run()
    assert not again.exception
    assert _project(again).name == _project(demo).name
    # later saves go to the same saved project
    assert again.session_state[persist.STORE_ID] == demo.session_state[persist.STORE_ID]
    assert "Aucun projet ouvert" not in " ".join(c.value for c in again.sidebar.caption)


def test_after_a_reload_the_facilitator_issues_a_new_code(
    demo: AppTest, goto: Goto, new: New
) -> None:
    old = _open_workshop(demo, goto)
    _open_round(demo)
    alice = _join(new, goto, old, "Alice")
    again = new()
    again.query_params[seats.FACILITATOR_PARAM] = demo.session_state[seats.FACILITATOR]
    again.run()
    goto(again, "workshop")
    assert any("Émettez-en un nouveau" in c.value for c in again.caption)
    again.button(key="wf.renew_code").click().run()
    assert not again.exception
    code = again.session_state[seats.JOIN_CODE]
    assert code != old and any(code in m.value for m in again.markdown)
    assert any("l’ancien ne fonctionne plus" in s.value for s in again.success)
    late = new()
    late.run()
    goto(late, "join")
    late.text_input(key="wj.code").set_value(old)
    late.text_input(key="wj.name").set_value("Bob")
    late.button(key="wj.join").click().run()
    assert any("aucun atelier ouvert n’a ce code" in e.value for e in late.error)
    _join(new, goto, code, "Bob")
    alice.run()  # Alice, already in, keeps her seat
    assert not alice.exception and any("Tour 1" in m.value for m in alice.markdown)


def test_a_participant_who_reloads_keeps_their_seat_and_name(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto, hide=True)
    _open_round(demo)
    alice = _join(new, goto, code, "Alice")
    token = alice.session_state[seats.SEAT]
    reloaded = new()
    reloaded.query_params[seats.SEAT_PARAM] = token
    reloaded.run()
    goto(reloaded, "join")
    assert not reloaded.exception
    assert any(c.value == "Vous participez en tant que Alice." for c in reloaded.caption)
    _give_points(reloaded, 1, ALICE)
    demo.run()
    assert [m.value for m in demo.metric if m.label == "Réponses"] == ["1 / 1"]


def test_the_share_link_opens_the_project(demo: AppTest, new: New) -> None:
    from erp_select.model.fingerprint import fingerprint

    saved = _project(demo)
    demo.sidebar.button(key="sb.share").click().run()
    assert not demo.exception
    (link,) = [c.value for c in demo.sidebar.code]
    key = demo.session_state["store_project_key"]
    assert link.endswith(f"?project={key}")
    _no_secret_in_address(demo)
    other = new()
    other.query_params["project"] = link.split("project=", 1)[1]
    other.run()
    assert not other.exception
    assert fingerprint(_project(other)) == fingerprint(saved)
    _no_secret_in_address(other)


def test_a_one_time_link_moves_the_console_once(demo: AppTest, goto: Goto, new: New) -> None:
    _open_workshop(demo, goto)
    demo.button(key="wf.move").click().run()
    assert not demo.exception
    (link,) = [c.value for c in demo.code if "workshop=" in c.value]
    token = link.split("workshop=", 1)[1]
    assert demo.session_state[seats.FACILITATOR] == token  # this device holds it until used
    other = new()
    other.query_params["workshop"] = token
    other.run()
    _no_secret_in_address(other)
    goto(other, "workshop")
    assert not other.error and other.button(key="wf.rotate")  # the console moved here
    # the device that made the link lost the console; the link works no more
    demo.run()
    assert any("accès refusé" in e.value for e in demo.error)
    again = new()
    again.query_params["workshop"] = token
    again.run()
    assert seats.FACILITATOR not in again.session_state


def test_the_room_screen_shows_a_hostile_title_as_typed(demo: AppTest, goto: Goto) -> None:
    import re

    title = "![x](http://evil.example/a.png) **Comité** <b>x</b> :smile:"
    goto(demo, "workshop")
    demo.text_input(key="wf.name").set_value("Claire")
    demo.text_input(key="wf.title").set_value(title)
    demo.button(key="wf.open").click().run()
    goto(demo, "room")
    (shown,) = [t.value for t in demo.title]
    # every Markdown sign is escaped (CommonMark: a backslash before ASCII punctuation
    # shows the sign itself), so no image, link, emphasis or HTML comes out of it
    assert "![" not in shown and "](" not in shown and "**" not in shown
    assert re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", shown) == title


def test_the_same_person_under_a_second_spelling_gets_no_second_seat(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo)
    _join(new, goto, code, "Élodie Martin")
    twin = new()
    twin.run()
    goto(twin, "join")
    twin.text_input(key="wj.code").set_value(code)
    twin.text_input(key="wj.name").set_value("elodie  MARTIN")
    twin.button(key="wj.join").click().run()
    assert not twin.exception
    assert any("déjà rejoint l’atelier sous ce nom" in e.value for e in twin.error)
    assert seats.SEAT not in twin.session_state
    demo.run()
    assert [m.value for m in demo.metric if m.label == "Réponses"] == ["0 / 1"]


def test_a_participant_facing_a_database_down_reads_plain_words(
    db_url: str, new: New, goto: Goto, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = new()
    at.run()
    goto(at, "join")
    monkeypatch.setattr(persist, "store", lambda: None)  # the database does not answer
    at.text_input(key="wj.code").set_value("AAAAA-AAAAA")
    at.text_input(key="wj.name").set_value("Eve")
    at.button(key="wj.join").click().run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "ne répond pas pour le moment" in shown
    assert "127.0.0.1" not in shown and "sqlite" not in shown


# ------------------------------------------------------- judgments worth adopting, abuse


def _ahp_answer(at: AppTest, families: list[str], value: Callable[[str, str], float]) -> None:
    for a, b in itertools.combinations(families, 2):
        at.select_slider(key=f"wj.ahp.1.{a}.{b}").set_value(value(a, b))
    at.run()


def _cycle(families: list[str]) -> Callable[[str, str], float]:
    """f0 ≫ f1 ≫ f2 ≫ f0 (9 each way), every other pair equal: the answer contradicts itself."""
    f0, f1, f2 = families[:3]
    strong = {(f0, f1): 9.0, (f1, f2): 9.0, (f0, f2): 1 / 9}
    return lambda a, b: strong.get((a, b), 1.0)


def _stored(at: AppTest) -> AhpAnswer | None:
    store = init_db()
    try:
        mine = my_submission(store, at.session_state[seats.SEAT], 1)
    finally:
        store.dispose()
    return mine.answer if mine is not None and isinstance(mine.answer, AhpAnswer) else None


def test_an_inconsistent_ahp_answer_goes_only_once_the_participant_stands_by_it(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo, "ahp")
    alice = _join(new, goto, code, "Alice")
    bob = _join(new, goto, code, "Bob")
    families = [c.id for c in _project(demo).criteria.criteria]
    labels = {c.id: c.label.fr for c in _project(demo).criteria.walk()}
    _ahp_answer(alice, families, _cycle(families))
    # Before sending, she is told her answer contradicts itself and which judgment to revisit.
    (box,) = [e.value for e in alice.error if "se contredisent" in e.value]
    assert "« " + labels[families[0]] in box or "« " + labels[families[1]] in box
    alice.button(key="wj.submit.1").click().run()
    assert _stored(alice) is None
    assert any("Réponse non envoyée" in e.value for e in alice.error)
    alice.checkbox(key="wj.ahp_confirm.1").check().run()
    alice.button(key="wj.submit.1").click().run()
    assert _stored(alice) is not None
    # Bob answers consistently (a_ij = w_i / w_j).
    w = dict(zip(families, [4.0, 2.0, 2.0, 1.0, 1.0], strict=True))
    _ahp_answer(bob, families, lambda a, b: w[a] / w[b])
    bob.button(key="wj.submit.1").click().run()
    assert _stored(bob) is not None
    # The facilitator sees who is inconsistent; left unticked, Alice is left out.
    demo.run()
    assert "Réponses incohérentes" in _texts(demo)
    (include,) = [c for c in demo.checkbox if c.key == "wf.include.1.1"]
    assert "Alice" in include.label and "Bob" not in include.label
    demo.button(key="wf.adopt").click().run()
    assert not demo.exception
    total = sum(w.values())
    assert _project(demo).criteria.local_weights(None) == pytest.approx(
        {c: v / total for c, v in w.items()}, abs=1e-6
    )
    assert [j.participant for j in _project(demo).judgments] == ["Bob"]


def test_a_page_reload_does_not_reset_the_join_limit(demo: AppTest, goto: Goto, new: New) -> None:
    code = _open_workshop(demo, goto)
    at = new()
    at.run()
    goto(at, "join")
    at.text_input(key="wj.name").set_value("Eve")
    # The default allowance: 10 wrong codes (the store was opened before any setting here).
    for letter in "ACDEFGHJKM":
        at.text_input(key="wj.code").set_value(letter * 10)
        at.button(key="wj.join").click().run()
        assert any("aucun atelier ouvert" in e.value for e in at.error)
    # A reload is a new session from the same address: still backing off, even the right code.
    again = new()
    again.run()
    goto(again, "join")
    again.text_input(key="wj.code").set_value(code)
    again.text_input(key="wj.name").set_value("Eve")
    again.button(key="wj.join").click().run()
    assert any("Trop de tentatives" in e.value for e in again.error)
    assert seats.SEAT not in again.session_state


def test_the_facilitator_sees_wrong_codes_typed_for_her_workshop(
    demo: AppTest, goto: Goto, new: New
) -> None:
    code = _open_workshop(demo, goto)
    _open_round(demo)
    at = new()
    at.run()
    goto(at, "join")
    at.text_input(key="wj.name").set_value("Eve")
    at.text_input(key="wj.code").set_value(code[:-1] + ("3" if code[-1] != "3" else "4"))
    at.button(key="wj.join").click().run()
    assert any("aucun atelier ouvert" in e.value for e in at.error)
    demo.run()
    assert "Codes erronés tapés pour cet atelier ces 15 dernières minutes : 1." in _texts(demo)


def test_the_example_opened_unsaved_is_saved_in_one_click_to_open_a_workshop(
    example: AppTest, goto: Goto, db_url: str
) -> None:
    # A first visit opens the example, not saved: the workshop page says why it needs a
    # saved project and saves it in one click (once: the example as opened, version 1).
    goto(example, "workshop")
    assert any("projet enregistré" in i.value for i in example.info)
    assert "wf.name" not in [w.key for w in example.text_input]
    example.button(key="wf.save").click().run()
    assert not example.exception, [e.value for e in example.exception]
    project_id = example.session_state[persist.STORE_ID]
    assert isinstance(project_id, int)
    assert [r.number for r in list_revisions(init_db(db_url), project_id)] == [1]
    assert _open_workshop(example, goto)
