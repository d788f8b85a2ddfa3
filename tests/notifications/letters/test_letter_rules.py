"""Pure rules of letters: the address block in the envelope window, the lifecycle
queued -> printed -> posted (table-driven), and the fonts' coverage of names."""

from __future__ import annotations

import pytest

from common.errors import WrongState
from notifications.domain.enums import LetterStatus
from notifications.letters.render import uncovered
from notifications.letters.rules import address_block, addressee_lines, decide_letter_status
from notifications.settings import DEFAULT_LETTER_FONTS

Q, PR, PO = LetterStatus.QUEUED, LetterStatus.PRINTED, LetterStatus.POSTED


@pytest.mark.parametrize(("current", "wanted", "moves"), [
    (Q, PR, True), (PR, PO, True),  # the two steps
    (PR, PR, False), (PO, PO, False),  # marking again changes nothing
])
def test_letter_status_moves_forward_one_step(current: LetterStatus, wanted: LetterStatus,
                                              moves: bool) -> None:
    assert decide_letter_status("d-1", current, wanted) is moves


@pytest.mark.parametrize(("current", "wanted"), [(Q, PO), (PR, Q), (PO, PR), (PO, Q)])
def test_letter_status_refuses_a_skipped_step_or_a_step_back(current: LetterStatus,
                                                              wanted: LetterStatus) -> None:
    with pytest.raises(WrongState) as refused:
        decide_letter_status("d-1", current, wanted)
    assert refused.value.rule == "notifications.letter-state"
    assert refused.value.field == "body.status"


@pytest.mark.parametrize(("address", "block"), [
    ({"lines": ["1 High St", " Leeds "], "postcode": "ls1 1aa"}, "A B\n1 High St\nLeeds\nLS1 1AA"),
    ({"lines": ["Rue de la Paix 1", "Paris"]}, "A B\nRue de la Paix 1\nParis"),
    ({"lines": []}, None),
    (None, None),
])
def test_the_address_block_is_name_lines_postcode(address: dict | None, block: str | None
                                                  ) -> None:
    assert address_block("A B", address) == block
    if block:
        assert addressee_lines(block)[0] == "A B"


def test_the_letter_fonts_cover_european_names_and_report_what_they_cannot_draw() -> None:
    dejavu = [DEFAULT_LETTER_FONTS[0]]
    for name in ("Zoë Ó'Brien-Łukasiewicz", "Αλέξανδρος Παπαδόπουλος", "Олена Коваленко",
                 "Nguyễn Thị Minh Khai", "Şükrü Öztürk"):
        assert uncovered(name, dejavu) == [], name
    assert uncovered("李 明", dejavu) == ["李", "明"]
    assert uncovered("Ann", []) == ["A", "n"]
