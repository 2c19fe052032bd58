"""Workshops: joining, rounds, submissions and the security rules, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading

import pytest
from sqlalchemy import inspect, select, text

from erp_select.errors import InputError
from erp_select.store import (
    Store,
    close_workshop,
    create_project,
    failed_joins,
    join_workshop,
    lock_round,
    open_workshop,
    renew_join_code,
    reopen_round,
    workshop_info,
)
from erp_select.store.joining import (
    BACKOFF_BASE_SECONDS,
    WORKSHOP_LIMIT_FACTOR,
    join_wait_seconds,
)
from erp_select.store.orm import JoinFailureRow
from erp_select.store.security import CODE_ALPHABET, normalise_code
from erp_select.workshop.live import live_view
from erp_select.workshop.rounds import open_round
from erp_select.workshop.submissions import (
    facilitator_inputs,
    my_submission,
    submission_history,
    submit,
)
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
    assert len(keys) >= limit + 1
    assert all("attacker" not in k and len(k) == 64 for k in keys)


def _age_failures(store: Store, seconds: int) -> None:
    """Move every recorded failure ``seconds`` into the past (time passing, without waiting)."""
    with store.write() as session:
        for row in session.scalars(select(JoinFailureRow)):
            row.at = row.at - dt.timedelta(seconds=seconds)


def _mistyped(clean: str, i: int) -> str:
    """The right code with its last letters replaced: a mistyped code of the same room."""
    tail = CODE_ALPHABET[i % len(CODE_ALPHABET)] + CODE_ALPHABET[(i // len(CODE_ALPHABET)) % 25]
    guess = clean[:8] + tail
    return guess if guess != clean else clean[:8] + ("33" if clean[8:] != "33" else "44")


def test_a_whole_room_mistyping_never_locks_out_the_right_code(store: Store) -> None:
    _, code, fac = _workshop(store)
    clean = normalise_code(code)
    # 60 people (each from their own address) mistype the end of the code: far more than
    # the per-workshop budget of 5 × 10 failures.
    for i in range(60):
        with pytest.raises(InputError) as err:
            join_workshop(store, _mistyped(clean, i), "x", client_key=f"10.0.0.{i}")
        assert _rule(err) == "store.bad_code"
    # Someone who types it right still joins, and the facilitator sees the failures.
    assert join_workshop(store, code, "Anne", client_key="10.0.1.1").seq == 1
    assert failed_joins(store, fac) == 60
    # Wrong codes that do not start like this workshop's code are not counted against it.
    other = next(c for c in CODE_ALPHABET if c != clean[0]) + clean[1:]
    with pytest.raises(InputError):
        join_workshop(store, other, "x", client_key="10.0.2.1")
    assert failed_joins(store, fac) == 60


def test_a_client_backs_off_longer_after_each_failure(store: Store) -> None:
    _, code, _ = _workshop(store)
    clean = normalise_code(code)
    limit = store.settings.join_max_failures
    for i in range(limit):
        with pytest.raises(InputError):
            join_workshop(store, _mistyped(clean, i), "x", client_key="192.0.2.7")
    # Out of free failures: even the right code waits (it is not checked meanwhile).
    with pytest.raises(InputError) as err:
        join_workshop(store, code, "x", client_key="192.0.2.7")
    assert _rule(err) == "store.too_many_attempts"
    # 15 s later the client may try again; a new failure doubles the wait to 30 s.
    _age_failures(store, BACKOFF_BASE_SECONDS + 1)
    with pytest.raises(InputError) as err:
        join_workshop(store, _mistyped(clean, 99), "x", client_key="192.0.2.7")
    assert _rule(err) == "store.bad_code"
    _age_failures(store, BACKOFF_BASE_SECONDS + 1)
    with pytest.raises(InputError) as err:
        join_workshop(store, code, "x", client_key="192.0.2.7")
    assert _rule(err) == "store.too_many_attempts"
    _age_failures(store, BACKOFF_BASE_SECONDS)
    assert join_workshop(store, code, "Late", client_key="192.0.2.7").seq == 1


def test_backoff_doubles_up_to_the_window() -> None:
    # Hand-worked: 10 free failures, then 15, 30, 60, 120 s …, never more than the window.
    assert join_wait_seconds(9, 10, 900) == 0
    assert [join_wait_seconds(n, 10, 900) for n in (10, 11, 12, 13)] == [15, 30, 60, 120]
    assert join_wait_seconds(40, 10, 900) == 900


def test_a_workshop_under_attack_tightens_every_clients_allowance(store: Store) -> None:
    _, code, _ = _workshop(store)
    clean = normalise_code(code)
    budget = store.settings.join_max_failures * WORKSHOP_LIMIT_FACTOR
    for i in range(budget):
        with pytest.raises(InputError):
            join_workshop(store, _mistyped(clean, i), "x", client_key=f"198.51.100.{i}")
    # A new address guessing now gets 2 free failures, not 10 …
    allowed = store.settings.join_max_failures // WORKSHOP_LIMIT_FACTOR
    for i in range(allowed):
        with pytest.raises(InputError) as err:
            join_workshop(store, _mistyped(clean, 200 + i), "x", client_key="203.0.113.9")
        assert _rule(err) == "store.bad_code"
    with pytest.raises(InputError) as err:
        join_workshop(store, _mistyped(clean, 300), "x", client_key="203.0.113.9")
    assert _rule(err) == "store.too_many_attempts"
    # … while a participant with the right code is never refused.
    assert join_workshop(store, code, "Bob", client_key="203.0.113.10").seq == 1


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


@pytest.mark.parametrize(
    "name", ["", "   ", "x" * 201, "a\x00b", "\u200b\u200d", "Ann\x1b[31m", "two\nlines"]
)
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


# --------------------------------------------------------------------------- recovery (issue 15)


def test_a_new_join_code_replaces_the_old_and_keeps_seats(store: Store) -> None:
    _, code, token = _workshop(store)
    alice = join_workshop(store, code, "Alice", client_key="a")
    new = renew_join_code(store, token)
    assert normalise_code(new) != normalise_code(code)
    with pytest.raises(InputError) as err:
        join_workshop(store, code, "Bob", client_key="b")
    assert _rule(err) == "store.bad_code"
    bob = join_workshop(store, new, "Bob", client_key="b")
    assert bob.seq == 2
    assert workshop_info(store, alice.token).participant_seq == 1  # Alice keeps her seat
    with pytest.raises(InputError) as err:
        renew_join_code(store, alice.token)  # only the facilitator may
    assert _rule(err) == "store.access_denied"


@pytest.mark.parametrize("twin", ["elodie martin", "ÉLODIE  MARTIN", " Elodie-Martin "])
def test_one_person_under_two_spellings_gets_one_seat(store: Store, twin: str) -> None:
    _, code, _ = _workshop(store)
    first = join_workshop(store, code, "Élodie Martin", client_key="a")
    with pytest.raises(InputError) as err:
        join_workshop(store, code, twin, client_key="b")
    assert _rule(err) == "recover.name_taken"
    assert "déjà rejoint" in err.value.lines("fr")[0]
    # another person with a close but different name is welcome
    other = join_workshop(store, code, "Élodie M.", client_key="c")
    assert other.seq == 2
    assert workshop_info(store, first.token).participant_count == 2


def test_a_participant_reads_back_their_own_name(store: Store) -> None:
    _, code, token = _workshop(store, hide_names=True)
    seat = join_workshop(store, code, "Alice", client_key="a")
    mine = workshop_info(store, seat.token)
    assert (mine.participant_seq, mine.participant_name) == (1, "Alice")
    assert workshop_info(store, token).participant_name is None


def test_refused_joins_are_logged_without_the_code(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.INFO, logger="erp_select.store.workshops"),
        pytest.raises(InputError),
    ):
        join_workshop(store, "AAAAA-AAAAA", "Eve", client_key="eve")
    (record,) = [r for r in caplog.records if "join refused" in r.getMessage()]
    assert "store.bad_code" in record.getMessage()
    assert "AAAAA" not in record.getMessage() and "eve" not in record.getMessage()


def test_near_identical_names_joining_at_once_get_one_seat(store: Store) -> None:
    _, code, token = _workshop(store)
    spellings = ["Élodie Martin", "elodie martin", "ELODIE MARTIN", "Elodie  Martin"] * 2
    barrier = threading.Barrier(len(spellings))
    outcomes: list[str] = []

    def join(i: int, name: str) -> None:
        barrier.wait()
        try:
            join_workshop(store, code, name, client_key=f"k{i}")
            outcomes.append("seat")
        except InputError as exc:
            outcomes.append(exc.problems[0].rule)

    threads = [threading.Thread(target=join, args=(i, n)) for i, n in enumerate(spellings)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(outcomes) == ["recover.name_taken"] * 7 + ["seat"]
    assert workshop_info(store, token).participant_count == 1


# ------------------------------------------------------------- absurd submissions


@pytest.mark.parametrize(
    "points",
    [
        {"quality": 1e308, "price": 1e308},  # each finite, their sum overflows to infinity
        {"quality": 1e308, "price": 1},  # the other weight underflows to zero
        {"quality": float("nan"), "price": 1},
        {"quality": float("inf"), "price": 1},
        {"quality": "1e400", "price": 1},
        {"quality": 10**400, "price": 1},
        {"quality": -5, "price": 10},
        {"quality": "x" * 100_000, "price": 1},
    ],
    ids=[
        "sum-overflows",
        "1e308",
        "nan",
        "inf",
        "text-1e400",
        "int-10e400",
        "negative",
        "huge-string",
    ],
)
def test_absurd_points_are_refused_at_submit_naming_the_participant(
    store: Store, points: dict[str, object]
) -> None:
    _, code, fac = _workshop(store)
    anne = join_workshop(store, code, "Anne Absurde", client_key="k1")
    bob = join_workshop(store, code, "Bob", client_key="k2")
    open_round(store, fac, "points")
    submit(store, bob.token, 1, POINTS)
    with pytest.raises(InputError) as err:
        submit(store, anne.token, 1, {"kind": "points", "points": points})
    for lang in ("fr", "en"):
        text = err.value.render(lang)
        assert "Anne Absurde" in text and "Traceback" not in text
        assert len(text) < 2000  # a huge value is shortened, never echoed whole
    assert my_submission(store, anne.token, 1) is None
    # The round goes on for the others: the group weights come from Bob's valid answer.
    view = live_view(store, fac, 1, rankings=False)
    assert view.submitted == 1 and view.weights is not None
    weights = view.weights.group_weights
    assert weights["quality"] == pytest.approx(0.7) and weights["price"] == pytest.approx(0.3)


@pytest.mark.parametrize(
    "score",
    [6, 0, -1, 1e308, float("nan"), "5", 4.5],
)
def test_absurd_demo_scores_are_refused_naming_the_participant(store: Store, score: object) -> None:
    _, code, fac = _workshop(store)
    anne = join_workshop(store, code, "Anne Absurde", client_key="k1")
    open_round(store, fac, "demo", criteria=["quality"])
    answer = {
        "kind": "demo",
        "scores": [{"vendor": "alpha", "criterion": "quality", "score": score}],
    }
    with pytest.raises(InputError) as err:
        submit(store, anne.token, 1, answer)
    assert "Anne Absurde" in err.value.render("fr")


def test_a_huge_demo_comment_is_refused_not_stored(store: Store) -> None:
    _, code, fac = _workshop(store)
    anne = join_workshop(store, code, "Anne", client_key="k1")
    open_round(store, fac, "demo", criteria=["quality"])
    score = {"vendor": "alpha", "criterion": "quality", "score": 3, "comment": "x" * 10**6}
    with pytest.raises(InputError) as err:
        submit(store, anne.token, 1, {"kind": "demo", "scores": [score]})
    text = err.value.render("en")
    assert "Anne" in text and len(text) < 2000
    ok = {"vendor": "alpha", "criterion": "quality", "score": 3, "comment": "ok\x00"}
    with pytest.raises(InputError):
        submit(store, anne.token, 1, {"kind": "demo", "scores": [ok]})


def test_a_stored_answer_that_no_longer_validates_never_breaks_the_round(store: Store) -> None:
    """An answer stored before today's bounds (1e308 points) is set aside: the group weights
    come from the valid answers, and the facilitator still sees who answered."""
    _, code, fac = _workshop(store)
    anne = join_workshop(store, code, "Anne", client_key="k1")
    bob = join_workshop(store, code, "Bob", client_key="k2")
    open_round(store, fac, "points")
    submit(store, anne.token, 1, {"kind": "points", "points": {"quality": 1, "price": 1}})
    submit(store, bob.token, 1, POINTS)
    with store.write() as session:  # as an older version would have stored it
        session.execute(
            text("UPDATE submissions SET payload = :p WHERE participant_id = :i"),
            {"p": '{"kind":"points","points":{"price":1e308,"quality":1e308}}', "i": anne.seq},
        )
    view = live_view(store, fac, 1, rankings=True)
    assert view.weights is not None
    weights = view.weights.group_weights
    assert weights["quality"] == pytest.approx(0.7) and weights["price"] == pytest.approx(0.3)
    # Anne's answer counts as not submitted (she can answer again); Bob's counts.
    assert [p.submitted for p in view.people] == [False, True] and view.submitted == 1
    inputs = facilitator_inputs(store, fac, 1)
    assert [(i.name, i.submission is not None) for i in inputs] == [("Anne", False), ("Bob", True)]
    assert submit(store, anne.token, 1, {"kind": "points", "points": {"quality": 7, "price": 3}})
