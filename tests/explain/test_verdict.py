"""Tests of the verdict's printing helpers: points with their noun, moves printed consistently."""

from __future__ import annotations

import pytest

from erp_select.explain.verdict import points_text, share_digits, weight_move


@pytest.mark.parametrize(
    ("points", "digits", "fr", "en"),
    [
        (1.6, 1, "1,6 point", "1.6 points"),
        (1.0, 0, "1 point", "1 point"),
        (2.0, 0, "2 points", "2 points"),
        (0.25, 2, "0,25 point", "0.25 points"),
        (12.5, 1, "12,5 points", "12.5 points"),
    ],
)
def test_points_take_the_plural_of_each_language(points, digits, fr, en) -> None:
    # French: singular below 2 ("1,6 point"); English: singular for exactly one.
    assert points_text(points, "fr", digits) == fr
    assert points_text(points, "en", digits) == en


def test_a_move_is_the_difference_of_the_printed_weights() -> None:
    # 10.37 % → 8.76 %: printed 10,4 % and 8,8 %, so the move reads 1,6 (not 1,61)
    move = weight_move(0.1037, 0.0876, "fr")
    assert (move.current_text, move.weight_text) == ("10,4\u00a0%", "8,8\u00a0%")
    assert move.points == pytest.approx(1.6) and move.points_text == "1,6 point"
    assert not move.up


def test_a_move_just_under_a_threshold_gets_more_decimals() -> None:
    # 30 % → 39.96 %: 9.96 points, under the 10-point threshold; at 0.1 % it would read 10,0
    move = weight_move(0.30, 0.3996, "en")
    assert move.digits == 2 and move.points_text == "9.96 points"


def test_two_equal_looking_weights_are_told_apart() -> None:
    move = weight_move(0.30, 0.30004, "en")
    assert move.current_text != move.weight_text


@pytest.mark.parametrize(
    ("first", "rival", "digits"),
    [
        (0.674, 0.298, 0),  # 67 % and 30 %: every comparison reads true in whole percents
        (0.4996, 0.10, 2),  # 50 % would read "not less than 50 %"
        (0.3803, 0.3810, 1),  # 38 % and 38 % would hide that the rival is ahead
        (0.55, 0.4504, 2),  # a lead of 9.96 points would print as 10
    ],
)
def test_shares_get_the_decimals_their_comparisons_need(first, rival, digits) -> None:
    assert share_digits(first, rival) == digits


def test_a_small_change_never_reads_zero_percent() -> None:
    from erp_select.explain.verdict import change_percent

    # 336 000 € → 335 332 €: 668 / 336 000 = 0.199 % lower, not "0 %"
    assert change_percent(668 / 336_000, "fr") == "0,2\u00a0%"
    assert change_percent(0.23, "en") == "23%"
    assert change_percent(0.00004, "en") == "0.004%"
