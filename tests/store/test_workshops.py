"""Workshops: joining, rounds, submissions and the security rules, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import inspect, text

from erp_select.errors import InputError
from erp_select.store import (
    Store,
    close_workshop,
    create_project,
    facilitator_inputs,
    join_workshop,
    live_view,
    lock_round,
    my_submission,
    open_round,
    open_workshop,
    reopen_round,
    submission_history,
    submit,
    workshop_info,
)
from erp_select.store.security import CODE_ALPHABET, normalise_code
from tests.store.conftest import sample_project

POINTS = {"kind": "points", "points": {"quality": 70, "price": 30}}


def _rule(err: pytest.ExceptionInfo[InputError]) -> str:
    return err.value.problems[0].rule


def _workshop(store: Store, **kw: object) -> tuple[int, str, str]:
    rev = create_project(store, sample_project(), author="Directrice")
    access = open_workshop(store, rev.project_id, facilitator="Fanny", **kw)  # type: ignore[arg-type]
    return rev.project_id, access.join_code, access.facilitator_token


def test_join_code_shape() -> None:
    from erp_select.store.security import format_code, new_join_code

    codes = {new_join_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 10 and set(code) <= set(CODE_ALPHABET)
    # No look-alike characters that people mistype.
    assert not set("0O1IL2Z5S8B") & set(CODE_ALPHABET)
    assert format_code("abcdefghjk") == "ABCDE-FGHJK"
    assert normalise_code(" abcde-fghjk ") == "ABCDEFGHJK"


def test_round_trip_of_a_workshop(store: Store) -> None:
    _, code, fac = _workshop(store)
    anne = join_workshop(store, code.lower().replace("-", " "), "Anne", client_key="k1")
    assert anne.seq == 1 and len(anne.token) >= 40
    rnd = open_round(store, fac, "points")
    assert (rnd.number, rnd.criteria, rnd.status) == (1, ("quality", "price"), "open")
    first = submit(store, anne.token, 1, POINTS)
    assert first.version == 1
    revised = submit(store, anne.token, 1, {"kind": "points", "points": {"quality": 1, "price": 3}})
    assert revised.version == 2 and revised.created_at == first.created_at
    mine = my_submission(store, anne.token, 1)
    assert mine is not None and mine.answer.points == {"quality": 1, "price": 3}  # type: ignore[union-attr]
    lock_round(store, fac, 1)
    with pytest.raises(InputError) as err:
        submit(store, anne.token, 1, POINTS)
    assert _rule(err) == "store.round_locked"
    reopen_round(store, fac, 1)
    assert submit(store, anne.token, 1, POINTS).version == 3
    # Every version stays on record.
    history = submission_history(store, fac, 1)
    assert [(seq, version) for seq, version, _, _ in history] == [(1, 1), (1, 2), (1, 3)]
    info = workshop_info(store, anne.token)
    assert (info.role, info.participant_seq, info.participant_count) == ("participant", 1, 1)
    assert workshop_info(store, fac).role == "facilitator"
    close_workshop(store, fac)
    with pytest.raises(InputError) as err:
        join_workshop(store, code, "Late", client_key="k2")
    assert _rule(err) == "store.workshop_closed"
    with pytest.raises(InputError) as err:
        submit(store, anne.token, 1, POINTS)
    assert _rule(err) == "store.workshop_closed"


def test_wrong_code_is_rejected_and_rate_limited(store: Store) -> None:
    _, code, _ = _workshop(store)
    limit = store.settings.join_max_failures
    wrong = "ACDEF-GHJKM" if normalise_code(code) != "ACDEFGHJKM" else "ACDEF-GHJKN"
    for _ in range(limit):
        with pytest.raises(InputError) as err:
            join_workshop(store, wrong, "Mallory", client_key="attacker")
        assert _rule(err) == "store.bad_code"
    assert "aucun atelier ouvert" in err.value.render("fr")
    assert "no open workshop" in err.value.render("en")
    # Limit reached: refused even with the right code, without checking it.
    with pytest.raises(InputError) as err:
        join_workshop(store, code, "Mallory", client_key="attacker")
    assert _rule(err) == "store.too_many_attempts"
    # Malformed codes count as failures too, and another client is not affected.
    with pytest.raises(InputError) as err:
        join_workshop(store, "'; DROP TABLE workshops; --", "x", client_key="other")
    assert _rule(err) == "store.bad_code"
    assert join_workshop(store, code, "Bob", client_key="honest").seq == 1
    # The failures are in the database (so every app process sees them), keyed by hashes.
    with store.read() as session:
        keys = session.execute(text("SELECT key_hash FROM join_failures")).scalars().all()
    assert len(keys) == 2 * (limit + 1)
    assert all("attacker" not in k and len(k) == 64 for k in keys)


def test_rate_limit_per_code_prefix_spans_clients(store: Store) -> None:
    _, code, _ = _workshop(store)
    clean = normalise_code(code)
    budget = store.settings.join_max_failures * 5
    # Many clients each guess the end of a code whose first letters they know.
    guesses = 0
    for tail in (a + b for a in CODE_ALPHABET for b in CODE_ALPHABET):
        guess = clean[:3] + "AAAAA" + tail
        if guess == clean:
            continue
        with pytest.raises(InputError):
            join_workshop(store, guess, "x", client_key=f"client-{guesses}")
        guesses += 1
        if guesses == budget:
            break
    with pytest.raises(InputError) as err:
        join_workshop(store, code, "x", client_key="fresh-client")
    assert _rule(err) == "store.too_many_attempts"


def test_codes_and_tokens_are_not_stored_in_clear(store: Store) -> None:
    _, code, fac = _workshop(store)
    anne = join_workshop(store, code, "Anne", client_key="k")
    secrets_ = [normalise_code(code), code, fac, anne.token]
    dump: list[str] = []
    with store.read() as session:
        for table in inspect(store.engine).get_table_names():
            for row in session.execute(text(f'SELECT * FROM "{table}"')):
                dump.extend(str(v) for v in row)
    blob = "\n".join(dump)
    for secret in secrets_:
        assert secret not in blob
        assert hashlib.sha256(secret.encode()).hexdigest() not in blob


def test_participant_cannot_reach_other_participants_or_workshops(store: Store) -> None:
    _, code1, fac1 = _workshop(store)
    _, code2, fac2 = _workshop(store)
    anne = join_workshop(store, code1, "Anne", client_key="a")
    bob = join_workshop(store, code1, "Bob", client_key="b")
    zoe = join_workshop(store, code2, "Zoé", client_key="z")
    open_round(store, fac1, "points")
    open_round(store, fac1, "points", node="quality")
    open_round(store, fac2, "points")
    submit(store, anne.token, 1, POINTS)
    submit(store, bob.token, 1, {"kind": "points", "points": {"quality": 10, "price": 90}})
    submit(store, zoe.token, 1, {"kind": "points", "points": {"quality": 50, "price": 50}})

    # Bob's own view holds only Bob's answer; Anne's answer is unchanged by Bob's writes.
    mine = my_submission(store, bob.token, 1)
    assert mine is not None and mine.participant_seq == bob.seq
    with pytest.raises(InputError) as err:
        my_submission(store, zoe.token, 2)  # round 2 exists in workshop 1 only
    assert _rule(err) == "store.round_not_found"
    anne_before = my_submission(store, anne.token, 1)
    submit(store, bob.token, 1, {"kind": "points", "points": {"quality": 0, "price": 1}})
    assert my_submission(store, anne.token, 1) == anne_before

    # Zoé's token works in her workshop only: her round 2 does not exist, ws1's does.
    with pytest.raises(InputError) as err:
        submit(store, zoe.token, 2, {"kind": "points", "points": {"coverage": 1, "controls": 1}})
    assert _rule(err) == "store.round_not_found"

    # Participant tokens are not facilitator tokens, and tokens do not cross workshops.
    for token in (anne.token, zoe.token, "x" * 43, ""):
        with pytest.raises(InputError) as err:
            facilitator_inputs(store, token, 1)
        assert _rule(err) == "store.access_denied"
        with pytest.raises(InputError) as err:
            lock_round(store, token, 1)
        assert _rule(err) == "store.access_denied"
    with pytest.raises(InputError) as err:
        submit(store, fac1, 1, POINTS)
    assert _rule(err) == "store.access_denied"
    # Facilitator 2 sees only workshop 2's people.
    assert [p.name for p in facilitator_inputs(store, fac2, 1)] == ["Zoé"]
    assert [p.name for p in facilitator_inputs(store, fac1, 1)] == ["Anne", "Bob"]

    # A participant's live view never holds another participant's input.
    view = live_view(store, anne.token, 1)
    assert view.weights is not None
    assert view.weights.individual is None and view.weights.distances == ()
    assert view.weights.my_weights == pytest.approx({"quality": 0.7, "price": 0.3})
    assert all(s.low_label is None and s.high_label is None for s in view.weights.spread)


def test_hidden_names_show_pseudonyms_to_all_but_the_facilitator(store: Store) -> None:
    _, code, fac = _workshop(store, hide_names=True)
    anne = join_workshop(store, code, "Anne", client_key="a")
    join_workshop(store, code, "Bob", client_key="b")
    open_round(store, fac, "points")
    submit(store, anne.token, 1, POINTS)
    seen = live_view(store, anne.token, 1, lang="fr")
    assert [p.label for p in seen.people] == ["Participant 1", "Participant 2"]
    assert [p.is_me for p in seen.people] == [True, False]
    room = live_view(store, fac, 1, room=True)
    assert [p.label for p in room.people] == ["Participant 1", "Participant 2"]
    assert room.weights is not None and room.weights.individual is None
    full = live_view(store, fac, 1)
    assert [p.label for p in full.people] == ["Anne", "Bob"]
    assert full.weights is not None and full.weights.individual is not None
    assert list(full.weights.individual) == ["Anne"]


def test_hostile_names_and_comments_are_stored_verbatim(store: Store) -> None:
    _, code, fac = _workshop(store)
    names = ["Robert'); DROP TABLE participants;--", "<script>alert('x')</script>", "  Zoé  "]
    people = [join_workshop(store, code, n, client_key=str(i)) for i, n in enumerate(names)]
    open_round(store, fac, "demo", criteria=["coverage"], vendors=["alpha"])
    comment = "  '; DELETE FROM submissions; -- <b>top</b>\n"
    submit(
        store,
        people[0].token,
        1,
        {
            "kind": "demo",
            "scores": [
                {"vendor": "alpha", "criterion": "coverage", "score": 4, "comment": comment}
            ],
        },
    )
    assert [p.name for p in facilitator_inputs(store, fac, 1)] == names
    view = live_view(store, fac, 1)
    assert view.demo is not None
    assert [c.comment for c in view.demo.comments] == [comment]
    assert [p.label for p in view.people] == names
    assert set(inspect(store.engine).get_table_names()) >= {"participants", "submissions"}


@pytest.mark.parametrize(
    ("round_no", "answer", "rule"),
    [
        (1, {"kind": "points", "points": {"quality": 1}}, "store.missing_criterion"),
        (
            1,
            {"kind": "points", "points": {"quality": 1, "price": 1, "x": 1}},
            "store.unknown_criterion",
        ),
        (1, {"kind": "points", "points": {"quality": 0, "price": 0}}, "store.no_points"),
        (1, {"kind": "points", "points": {"quality": -1, "price": 2}}, "store.bad_answer"),
        (
            1,
            {"kind": "points", "points": {"quality": float("nan"), "price": 2}},
            "store.bad_answer",
        ),
        (
            1,
            {"kind": "ahp", "comparisons": [{"a": "quality", "b": "price", "value": 3}]},
            "store.wrong_answer_kind",
        ),
        (
            2,
            {"kind": "ahp", "comparisons": [{"a": "coverage", "b": "controls", "value": 12}]},
            "store.bad_answer",
        ),
        (
            2,
            {"kind": "ahp", "comparisons": [{"a": "coverage", "b": "tco", "value": 2}]},
            "store.unknown_criterion",
        ),
        (
            3,
            {"kind": "demo", "scores": [{"vendor": "alpha", "criterion": "coverage", "score": 6}]},
            "store.bad_answer",
        ),
        (
            3,
            {"kind": "demo", "scores": [{"vendor": "nobody", "criterion": "coverage", "score": 3}]},
            "store.unknown_vendor",
        ),
        (
            3,
            {
                "kind": "demo",
                "scores": [{"vendor": "alpha", "criterion": "coverage", "score": 3.5}],
            },
            "store.bad_answer",
        ),
        (1, "not an answer", "store.bad_answer"),
        (9, POINTS, "store.round_not_found"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(
    store: Store, round_no: int, answer: object, rule: str
) -> None:
    _, code, fac = _workshop(store)
    anne = join_workshop(store, code, "Anne", client_key="a")
    open_round(store, fac, "points")
    open_round(store, fac, "ahp", node="quality")
    open_round(store, fac, "demo")
    with pytest.raises(InputError) as err:
        submit(store, anne.token, round_no, answer)
    assert _rule(err) == rule
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM submissions")).scalar() == 0


def test_bad_rounds_are_refused(store: Store) -> None:
    _, _, fac = _workshop(store)
    cases: list[tuple[dict[str, object], str]] = [
        ({"kind": "vote"}, "store.bad_round_kind"),
        ({"kind": "points", "node": "nowhere"}, "store.unknown_criterion"),
        ({"kind": "points", "node": "price"}, "store.node_without_children"),
        ({"kind": "points", "criteria": ["quality"]}, "store.weights_round_criteria"),
        ({"kind": "demo", "vendors": ["ghost"]}, "store.unknown_vendor"),
        ({"kind": "demo", "criteria": []}, "store.empty_round"),
    ]
    for kwargs, rule in cases:
        kind = kwargs.pop("kind")
        with pytest.raises(InputError) as err:
            open_round(store, fac, kind, **kwargs)  # type: ignore[arg-type]
        assert _rule(err) == rule, kwargs
    assert workshop_info(store, fac).rounds == ()


@pytest.mark.parametrize("name", ["", "   ", "x" * 201, "a\x00b"])
def test_bad_participant_names_are_refused(store: Store, name: str) -> None:
    _, code, _ = _workshop(store)
    with pytest.raises(InputError) as err:
        join_workshop(store, code, name, client_key="k")
    assert err.value.problems[0].field == "name"


def test_a_rotated_facilitator_access_refuses_the_old_token(store: Store) -> None:
    from erp_select.store import rotate_facilitator

    _, code, old = _workshop(store)
    new = rotate_facilitator(store, old)
    assert new != old
    assert workshop_info(store, new).role == "facilitator"
    for action in (
        lambda t: workshop_info(store, t),
        lambda t: open_round(store, t, "points"),
        lambda t: rotate_facilitator(store, t),
        lambda t: close_workshop(store, t),
    ):
        with pytest.raises(InputError) as err:
            action(old)
        assert _rule(err) == "store.access_denied"
    # the room's join code is unchanged by the rotation
    assert join_workshop(store, code, "Anne", client_key="k").seq == 1


def test_a_revoked_participant_cannot_submit_and_leaves_the_group(store: Store) -> None:
    from erp_select.store import list_participants, revoke_participant

    _, code, fac = _workshop(store)
    anne = join_workshop(store, code, "Anne", client_key="k")
    eve = join_workshop(store, code, "Eve", client_key="k")
    open_round(store, fac, "points")
    submit(store, anne.token, 1, POINTS)
    submit(store, eve.token, 1, {"kind": "points", "points": {"quality": 10, "price": 90}})
    revoke_participant(store, fac, eve.seq)
    with pytest.raises(InputError) as err:
        submit(store, eve.token, 1, POINTS)
    assert _rule(err) == "store.access_denied"
    with pytest.raises(InputError) as err:
        workshop_info(store, eve.token)
    assert _rule(err) == "store.access_denied"
    # Anne alone makes the group now: her points 70/30 are the group's weights.
    view = live_view(store, fac, 1)
    assert [p.seq for p in view.people] == [anne.seq] and view.submitted == 1
    assert view.weights is not None
    assert view.weights.group_weights == pytest.approx({"quality": 0.7, "price": 0.3})
    assert [p.seq for p in list_participants(store, fac)] == [1, 2]
    assert [p.revoked for p in list_participants(store, fac)] == [False, True]
    # Only the facilitator revokes, and an unknown seat is refused.
    with pytest.raises(InputError) as err:
        revoke_participant(store, anne.token, anne.seq)
    assert _rule(err) == "store.access_denied"
    with pytest.raises(InputError) as err:
        revoke_participant(store, fac, 99)
    assert _rule(err) == "room.participant_not_found"
