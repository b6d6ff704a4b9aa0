"""The nine-box talent grid (domain.md §3.8, §6.3) and its consistency check."""

from __future__ import annotations

from datetime import date

import pytest

from domain.competence import errors
from domain.competence.errors import CompetenceError
from domain.competence.talent import (
    NINE_BOX,
    NINE_BOX_VERIFY,
    PERFORMANCE_AXIS_VERIFY,
    PerformanceAxis,
    PotentialAxis,
    axes_of,
    box_for,
    check_claimed_box,
    in_talent_pool,
    map_talent,
    performance_axis_for,
)
from domain.values import Predikat

A, M, B = PerformanceAxis.ABOVE, PerformanceAxis.MEETS, PerformanceAxis.BELOW
H, MD, L = PotentialAxis.HIGH, PotentialAxis.MEDIUM, PotentialAxis.LOW

# domain.md §3.8, box by box.
EXPECTED = {
    9: (A, H), 8: (M, H), 7: (A, MD), 6: (B, H), 5: (M, MD),
    4: (A, L), 3: (B, MD), 2: (M, L), 1: (B, L),
}  # fmt: skip


@pytest.mark.parametrize("box", sorted(EXPECTED))
def test_each_box_is_numbered_from_its_two_axes_as_in_domain_md(box: int) -> None:
    performance, potential = EXPECTED[box]
    assert box_for(performance, potential) == box
    assert axes_of(box) == (performance, potential)
    assert check_claimed_box(box, performance, potential) == box


def test_the_grid_has_nine_distinct_boxes_and_its_numbering_is_marked_verify() -> None:
    assert sorted(NINE_BOX.values()) == list(range(1, 10))
    assert NINE_BOX_VERIFY is True


def test_claimed_box_contradicting_its_axes_is_rejected_with_both_readings() -> None:
    with pytest.raises(CompetenceError) as caught:
        check_claimed_box(9, M, H)
    assert caught.value.code == errors.TALENT_BOX_CONTRADICTS_AXES == "TALENT_BOX_CONTRADICTS_AXES"
    assert "box 8" in caught.value.message and "Box 9" in caught.value.message


@pytest.mark.parametrize("box", [0, 10, -1, True])
def test_box_outside_one_to_nine_is_rejected(box: int) -> None:
    with pytest.raises(CompetenceError) as caught:
        axes_of(box)
    assert caught.value.code == errors.INVALID_TALENT_BOX


def test_mapping_records_box_axes_inputs_and_period() -> None:
    mapping = map_talent(A, MD, date(2024, 1, 1), date(2024, 12, 31), ("skp-2024", "as-1"), 7)
    assert (mapping.box, mapping.performance, mapping.potential) == (7, A, MD)
    assert mapping.inputs == ("skp-2024", "as-1")
    with pytest.raises(CompetenceError) as contradicting:
        map_talent(A, MD, date(2024, 1, 1), date(2024, 12, 31), (), claimed_box=5)
    assert contradicting.value.code == errors.TALENT_BOX_CONTRADICTS_AXES
    with pytest.raises(CompetenceError) as backwards:
        map_talent(A, MD, date(2024, 12, 31), date(2024, 1, 1), ())
    assert backwards.value.code == errors.INVALID_VALIDITY


def test_talent_pool_is_boxes_seven_to_nine_or_eight_to_nine_by_strict_policy() -> None:
    assert [box for box in range(1, 10) if in_talent_pool(box)] == [7, 8, 9]
    assert [box for box in range(1, 10) if in_talent_pool(box, "STRICT")] == [8, 9]


def test_performance_axis_from_the_predikat_is_marked_verify() -> None:
    assert PERFORMANCE_AXIS_VERIFY is True
    assert performance_axis_for(Predikat.SANGAT_BAIK) is A
    assert performance_axis_for(Predikat.BAIK) is M
    assert {performance_axis_for(p) for p in (Predikat.BUTUH_PERBAIKAN, Predikat.KURANG,
                                              Predikat.SANGAT_KURANG)} == {B}  # fmt: skip
