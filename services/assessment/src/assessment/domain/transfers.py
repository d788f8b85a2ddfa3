"""Transfers between phases of education and between local authorities (R3.6, R3.7, R3.9)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from assessment.domain.model import PhaseTransfer, PhaseTransferKind
from assessment.domain.reviews import last_day_of_months_beginning_with
from common import calendar

K = PhaseTransferKind
# The year group a child joins at each transfer, for the usual English school structures; an
# LA with other ages of transfer passes its own mapping.
ENTRY_YEAR_GROUP: Mapping[PhaseTransferKind, int] = {
    K.EARLY_YEARS_TO_SCHOOL: 0, K.INFANT_TO_JUNIOR: 3, K.PRIMARY_TO_MIDDLE: 5,
    K.PRIMARY_TO_SECONDARY: 7, K.MIDDLE_TO_SECONDARY: 9, K.SECONDARY_TO_POST16: 12,
}
PRIMARY_SECONDARY = (K.EARLY_YEARS_TO_SCHOOL, K.PRIMARY_TO_SECONDARY, K.SECONDARY_TO_POST16)
INFANT_JUNIOR = (K.EARLY_YEARS_TO_SCHOOL, K.INFANT_TO_JUNIOR, K.PRIMARY_TO_SECONDARY,
                 K.SECONDARY_TO_POST16)
THREE_TIER = (K.EARLY_YEARS_TO_SCHOOL, K.PRIMARY_TO_MIDDLE, K.MIDDLE_TO_SECONDARY,
              K.SECONDARY_TO_POST16)
PHASE_PATTERNS: Mapping[str, Sequence[PhaseTransferKind]] = {
    "primary_secondary": PRIMARY_SECONDARY, "infant_junior": INFANT_JUNIOR,
    "three_tier": THREE_TIER}
DEFAULT_PHASE_PATTERN = "primary_secondary"
PHASE_TRANSFER_WINDOW_MONTHS = 12  # reg 18(1): "within 12 months of a transfer"
MOVE_NOTICE_WORKING_DAYS = 15  # R3.9
MOVED_IN_DECISION_WEEKS = 6  # R3.9


def phase_transfer_named_by(kind: PhaseTransferKind, transfer_year: int) -> date:
    """R3.6: the last day to review and amend the plan to name the next institution.

    Regs reg 18(1) says "before 15 February" (31 March for secondary to post-16) of the
    calendar year of the transfer, and reg 18(3) "before 31 May 2015" for the post-16 moves of
    1 September 2015. RULES.md says "by"; the law's "before" makes the last day the day
    before, so 14 February / 30 March / 30 May 2015 are returned."""
    if kind is K.SECONDARY_TO_POST16:
        return date(2015, 5, 30) if transfer_year == 2015 else date(transfer_year, 3, 30)
    return date(transfer_year, 2, 14)


def phase_transfers(born_on: date, route: Sequence[PhaseTransferKind] = PRIMARY_SECONDARY,
                    entry_year_group: Mapping[PhaseTransferKind, int] = ENTRY_YEAR_GROUP,
                    ) -> list[PhaseTransfer]:
    """R3.6, R2.3: the transfers a child born `born_on` makes along `route`, each on 1 September
    of the school year in which they join the entry year group (e.g. year 6 → 7 in the
    September after year 6 ends, named by 14 February of that calendar year)."""
    reception = calendar.reception_school_year(born_on)
    transfers = []
    for kind in route:
        year = reception + entry_year_group[kind]
        transfers.append(PhaseTransfer(kind, date(year, 9, 1), phase_transfer_named_by(kind, year)))
    return transfers


def post16_transfer_amend_by(transfer_on: date) -> date:
    """R3.7: a move between post-16 institutions at another time: amend the plan at least
    5 months before the transfer."""
    return calendar.add_months(transfer_on, -5)


def transfer_plan_out_by(moves_on: date, learned_on: date) -> date:
    """R3.9 (Regs reg 15(2)): the old LA transfers the plan on the day of the move or, if it
    did not know at least 15 working days before, within 15 working days beginning with the day
    it learned of it (that day counts as the first when it is a working day)."""
    if learned_on <= calendar.add_working_days(moves_on, -MOVE_NOTICE_WORKING_DAYS):
        return moves_on
    return calendar.add_working_days(calendar.add_days(learned_on, -1), MOVE_NOTICE_WORKING_DAYS)


def moved_in_decision_due_on(transferred_on: date) -> date:
    """R3.9 (reg 15(4)): the new LA tells the family within 6 weeks of the transfer whether it
    will assess and when it will review."""
    return calendar.add_weeks(transferred_on, MOVED_IN_DECISION_WEEKS)


def moved_in_review_due_on(transferred_on: date, last_reviewed_on: date) -> date:
    """R3.9 (reg 15(5)): the new LA reviews before the later of the end of the 12 months
    beginning with the plan's making or last review and the 3 months beginning with the
    transfer."""
    return max(last_day_of_months_beginning_with(last_reviewed_on, 12),
               last_day_of_months_beginning_with(transferred_on, 3))


def coming_phase_transfer(born_on: date, on: date,
                          pattern: str = DEFAULT_PHASE_PATTERN) -> PhaseTransfer | None:
    """R3.6 (reg 18(1)): the phase transfer a child born `born_on` is within 12 months of on
    `on`, along the schools' phase pattern (primary then secondary unless another is
    recorded), with the day the plan must name the next institution by; None when no
    transfer is that close. The year group follows the date of birth (R2.3)."""
    for transfer in phase_transfers(born_on, PHASE_PATTERNS[pattern]):
        opens_on = calendar.add_months(transfer.transfer_on, -PHASE_TRANSFER_WINDOW_MONTHS)
        if opens_on <= on < transfer.transfer_on:
            return transfer
    return None


def coming_transfer_year(on: date) -> int:
    """The calendar year of the 1 September transfers that are within 12 months of `on`."""
    return on.year if on < date(on.year, 9, 1) else on.year + 1


def transfer_cohort_births(transfer_year: int,
                           entry_year_groups: Sequence[int]) -> list[tuple[date, date]]:
    """R2.3: the dates of birth (first, last) of the children who join each entry year group
    on 1 September `transfer_year` (reception starts the September after the 4th birthday),
    i.e. the new cohort of each transfer."""
    births = []
    for group in sorted(set(entry_year_groups)):
        reception = transfer_year - group
        births.append((date(reception - 5, 9, 1), date(reception - 4, 8, 31)))
    return births
