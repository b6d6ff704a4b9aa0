"""The merit score of domain.md §8: components, redistribution and tie-breakers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.discipline import DisciplineLevel, PenaltyType
from domain.promotion import (
    AppraisalFact,
    EducationFact,
    PenaltyFact,
    PositionFact,
    PromotionFacts,
    TalentFact,
    TrainingFact,
    merit_score,
    merit_sort_key,
)
from domain.values import (
    EducationLevel,
    FunctionalLevel,
    LeadershipProgram,
    PositionKind,
    PositionLevel,
    Predikat,
    Rank,
    ServantStatus,
    TrainingKind,
)

NIP = "198503152010011001"
AS_OF = date(2026, 1, 15)


def eid(version: int) -> str:
    return f"{NIP}:{version}"


def training(
    end: date, hours: int, version: int, program: LeadershipProgram | None = None
) -> TrainingFact:
    kind = TrainingKind.STRUKTURAL if program else TrainingKind.TEKNIS
    return TrainingFact(end, hours, kind, program, eid(version))


def penalty(
    level: DisciplineLevel,
    kind: PenaltyType,
    start: date,
    end: date | None,
    version: int,
    annulled_on: date | None = None,
) -> PenaltyFact:
    return PenaltyFact(
        level,
        kind,
        start,
        end,
        annulled_on,
        eid(version),
        eid(version + 1) if annulled_on else None,
    )


def pelaksana(position_tmt: date = date(2018, 1, 1)) -> PositionFact:
    return PositionFact(
        PositionLevel.PELAKSANA, PositionKind.PELAKSANA, None, position_tmt, Rank.IV_A, eid(30)
    )


def base_facts() -> PromotionFacts:
    """P 90, C 85, D 93.33, E 87.5, I 45 at AS_OF (worked out in each test below)."""
    return PromotionFacts(
        nip=NIP,
        status=ServantStatus.PNS,
        status_event_id=eid(2),
        cpns_tmt=date(2010, 1, 1),
        rank=Rank.III_A,
        rank_tmt=date(2020, 4, 1),
        rank_event_id=eid(10),
        appraisals=(
            AppraisalFact(2023, Predikat.KURANG, eid(19)),
            AppraisalFact(2024, Predikat.BAIK, eid(20)),
            AppraisalFact(2025, Predikat.SANGAT_BAIK, eid(21)),
        ),
        education=(EducationFact(EducationLevel.S1, date(2009, 6, 1), eid(1)),),
        penalties=(
            penalty(
                DisciplineLevel.RINGAN, PenaltyType.TEGURAN_TERTULIS, date(2025, 6, 1), None, 50
            ),
            penalty(
                DisciplineLevel.SEDANG,
                PenaltyType.POTONGAN_TUNJANGAN_KINERJA,
                date(2023, 6, 1),
                date(2024, 6, 1),
                52,
            ),
            penalty(
                DisciplineLevel.BERAT,
                PenaltyType.PENURUNAN_JABATAN_SETINGKAT,
                date(2021, 9, 1),
                date(2022, 9, 1),
                54,
            ),
            penalty(
                DisciplineLevel.SEDANG,
                PenaltyType.POTONGAN_TUNJANGAN_KINERJA,
                date(2025, 2, 1),
                date(2025, 8, 1),
                56,
                annulled_on=date(2025, 3, 1),
            ),
        ),
        position=pelaksana(),
        trainings=(
            training(date(2022, 12, 1), 40, 60),
            training(date(2023, 3, 1), 20, 61),
            training(date(2024, 5, 1), 10, 62),
            training(date(2025, 2, 1), 30, 63),
            training(date(2025, 9, 1), 40, 64, LeadershipProgram.PKP),
            training(date(2026, 1, 10), 40, 65),
        ),
        talent_box=TalentFact(8, date(2025, 11, 1), eid(70)),
    )


def test_performance_weights_last_year_sixty_and_the_year_before_forty() -> None:
    p = merit_score(base_facts(), AS_OF).component("P")
    # 0.6 × Sangat Baik 100 + 0.4 × Baik 75; the 2023 Kurang is outside the two years.
    assert p.score == 90.0
    assert p.weight == 40.0
    assert p.evidence == (eid(21), eid(20))
    assert p.inputs["2025"].startswith("Sangat Baik → 100 points")


def test_performance_counts_a_missing_year_as_zero_and_says_so() -> None:
    facts = replace(base_facts(), appraisals=(AppraisalFact(2025, Predikat.BAIK, eid(21)),))
    p = merit_score(facts, AS_OF).component("P")
    assert p.score == 45.0
    assert p.note == "no appraisal recorded for 2024"


def test_potential_uses_the_talent_box_table() -> None:
    c = merit_score(base_facts(), AS_OF).component("C")
    assert c.score == 85.0
    assert c.effective_weight == 20.0
    assert c.evidence == (eid(70),)


def test_development_is_the_three_year_jp_mean_plus_the_leadership_bonus() -> None:
    d = merit_score(base_facts(), AS_OF).component("D")
    # 2023: 20 JP → 100; 2024: 10 JP → 50; 2025: 70 JP capped at 100; mean 83.33; PKP +10.
    assert d.score == 93.33
    assert d.inputs["2024 JP"] == "10 → 50.00"
    assert d.inputs["target level"] == "PENGAWAS"
    assert d.inputs["positive evaluation"] == "not recorded → +0"
    assert d.evidence == (eid(61), eid(62), eid(63), eid(64))


def test_development_leadership_bonus_needs_the_target_levels_programme() -> None:
    administrator = PositionFact(
        PositionLevel.ADMINISTRATOR,
        PositionKind.STRUKTURAL,
        None,
        date(2018, 1, 1),
        Rank.IV_B,
        eid(30),
    )
    facts = replace(base_facts(), position=administrator)
    d = merit_score(facts, AS_OF).component("D")
    assert d.inputs["target level"] == "JPT_PRATAMA"
    assert d.score == 83.33


def test_development_counts_the_legacy_diklatpim_as_its_lan_successor() -> None:
    ahli_muda = PositionFact(
        PositionLevel.FUNGSIONAL,
        PositionKind.FUNGSIONAL,
        FunctionalLevel.AHLI_MUDA,
        date(2018, 1, 1),
        None,
        eid(30),
    )
    trainings = (training(date(2015, 5, 1), 100, 66, LeadershipProgram.DIKLATPIM_III),)
    facts = replace(base_facts(), position=ahli_muda, trainings=trainings)
    d = merit_score(facts, AS_OF).component("D")
    assert d.inputs["target level"] == "ADMINISTRATOR"
    assert d.score == 10.0
    assert d.evidence == (eid(66),)


def test_development_is_capped_at_one_hundred() -> None:
    trainings = (
        training(date(2023, 1, 1), 20, 61),
        training(date(2024, 1, 1), 20, 62),
        training(date(2025, 1, 1), 20, 63),
        training(date(2020, 1, 1), 30, 64, LeadershipProgram.PKP),
    )
    d = merit_score(replace(base_facts(), trainings=trainings), AS_OF).component("D")
    assert d.score == 100.0


def test_experience_scores_months_beyond_four_years_over_twenty_four() -> None:
    e = merit_score(base_facts(), AS_OF).component("E")
    # 2020-04-01 → 2026-01-15 is 69 full months: 21 beyond 48 → 87.5.
    assert e.inputs["months in rank"] == "69"
    assert e.inputs["months beyond minimum"] == "21"
    assert e.score == 87.5
    assert e.evidence == (eid(10),)


def test_experience_is_zero_below_the_minimum_and_full_after_two_more_years() -> None:
    short = replace(base_facts(), rank_tmt=date(2023, 1, 1))
    long = replace(base_facts(), rank_tmt=date(2015, 1, 1))
    assert merit_score(short, AS_OF).component("E").score == 0.0
    assert merit_score(long, AS_OF).component("E").score == 100.0


def test_integrity_deducts_recent_ringan_and_sedang_but_not_old_berat_or_annulled() -> None:
    i = merit_score(base_facts(), AS_OF).component("I")
    # Ringan 2025-06 (−15) and sedang ended 2024-06 (−40); berat ended 2022-09 is over 36
    # months ago, and the sedang annulled 2025-03-01 does not count.
    assert i.score == 45.0
    assert i.evidence == (eid(50), eid(52), eid(56), eid(57))
    assert i.inputs["POTONGAN_TUNJANGAN_KINERJA 2025-02-01"] == "annulled 2025-03-01 → excluded"


def test_integrity_counts_a_running_berat_and_floors_at_zero() -> None:
    penalties = (
        penalty(
            DisciplineLevel.BERAT,
            PenaltyType.PENURUNAN_JABATAN_SETINGKAT,
            date(2025, 6, 1),
            date(2026, 6, 1),
            50,
        ),
        penalty(
            DisciplineLevel.BERAT,
            PenaltyType.PEMBEBASAN_KE_JABATAN_PELAKSANA,
            date(2022, 6, 1),
            date(2023, 6, 1),
            52,
        ),
    )
    i = merit_score(replace(base_facts(), penalties=penalties), AS_OF).component("I")
    assert i.score == 0.0
    assert i.evidence == (eid(50), eid(52))


def test_integrity_ignores_a_ringan_older_than_twelve_months() -> None:
    penalties = (
        penalty(DisciplineLevel.RINGAN, PenaltyType.TEGURAN_LISAN, date(2025, 1, 10), None, 50),
    )
    assert (
        merit_score(replace(base_facts(), penalties=penalties), AS_OF).component("I").score == 100.0
    )


def test_total_is_the_weighted_sum_rounded_to_two_decimals() -> None:
    score = merit_score(base_facts(), AS_OF)
    # 0.4·90 + 0.2·85 + 0.2·93.33 + 0.1·87.5 + 0.1·45 = 84.916
    assert score.total == 84.92
    assert score.version == "MERIT-2026.1"
    assert [c.code for c in score.components] == ["P", "C", "D", "E", "I"]
    assert [c.effective_weight for c in score.components] == [40.0, 20.0, 20.0, 10.0, 10.0]


def test_missing_talent_box_redistributes_its_weight_proportionally() -> None:
    score = merit_score(replace(base_facts(), talent_box=None), AS_OF)
    c = score.component("C")
    assert c.score is None
    assert c.effective_weight == 0.0
    assert c.note.startswith("not assessed")
    assert [x.effective_weight for x in score.components] == [50.0, 0.0, 25.0, 12.5, 12.5]
    # 0.5·90 + 0.25·93.33 + 0.125·87.5 + 0.125·45 = 84.895 → 84.9 (half up)
    assert score.total == 84.9


def test_talent_box_assessed_after_the_as_of_date_counts_as_not_assessed() -> None:
    facts = replace(base_facts(), talent_box=TalentFact(9, date(2026, 2, 1), eid(70)))
    assert merit_score(facts, AS_OF).component("C").score is None


def test_score_is_deterministic_for_the_same_facts_and_date() -> None:
    assert merit_score(base_facts(), AS_OF) == merit_score(base_facts(), AS_OF)


def test_score_never_reads_birth_date_or_sex_in_the_nip() -> None:
    other = replace(base_facts(), nip="199912312020122999")
    mine, theirs = merit_score(base_facts(), AS_OF), merit_score(other, AS_OF)
    assert mine.total == theirs.total
    assert mine.components == theirs.components


def ranked(*facts: PromotionFacts) -> list[str]:
    return [f.nip for f in sorted(facts, key=lambda f: merit_sort_key(f, merit_score(f, AS_OF)))]


def test_higher_score_ranks_first() -> None:
    strong = base_facts()
    weak = replace(
        base_facts(), nip="197001012000011001", talent_box=TalentFact(2, date(2025, 11, 1), eid(70))
    )
    assert ranked(weak, strong) == [strong.nip, weak.nip]


def test_equal_scores_rank_the_earlier_rank_tmt_first() -> None:
    # Both are past the 24 extra months, so E is 100 for both and the totals tie.
    earlier = replace(base_facts(), nip="199001012015011001", rank_tmt=date(2015, 4, 1))
    later = replace(base_facts(), nip="198001012005011001", rank_tmt=date(2016, 4, 1))
    assert merit_score(earlier, AS_OF).total == merit_score(later, AS_OF).total
    assert ranked(later, earlier) == [earlier.nip, later.nip]


def test_equal_scores_and_rank_tmt_rank_the_earlier_position_tmt_first() -> None:
    earlier = replace(base_facts(), nip="199001012015011001", position=pelaksana(date(2015, 1, 1)))
    later = replace(base_facts(), nip="198001012005011001", position=pelaksana(date(2019, 1, 1)))
    none = replace(base_facts(), nip="197001012000011001", position=None)
    assert ranked(none, later, earlier) == [earlier.nip, later.nip, none.nip]


def test_last_tie_breaker_is_stable_but_not_the_nip_order() -> None:
    # The NIP begins with the birth date; ordering by it would rank by age.
    nips = ["196001012000011001", "197001012000011001", "198001012000011001", "199001012000011001"]
    facts = [replace(base_facts(), nip=nip) for nip in nips]
    order = ranked(*facts)
    assert order == ranked(*reversed(facts))
    assert order != nips and order != list(reversed(nips))
    assert all(
        nip not in merit_sort_key(f, merit_score(f, AS_OF))
        for f, nip in zip(facts, nips, strict=True)
    )
