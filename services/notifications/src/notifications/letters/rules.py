"""Pure rules of letters: the postal address block a letter is sent to, and a letter's
lifecycle (LetterStatus: queued -> printed -> posted)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from common.errors import WrongState
from notifications.domain.enums import LetterStatus
from notifications.domain.errors import LETTER_STATE

NEXT: dict[LetterStatus, frozenset[LetterStatus]] = {
    LetterStatus.QUEUED: frozenset({LetterStatus.PRINTED}),
    LetterStatus.PRINTED: frozenset({LetterStatus.POSTED}),
    LetterStatus.POSTED: frozenset(),
}


def address_block(name: str, postal_address: Mapping[str, Any] | None) -> str | None:
    """The addressee as printed in the envelope window: the name, the address lines, the
    postcode, one a line; None without an address."""
    if not postal_address or not postal_address.get("lines"):
        return None
    lines = [name, *(str(line).strip() for line in postal_address["lines"])]
    if postal_address.get("postcode"):
        lines.append(str(postal_address["postcode"]).strip().upper())
    return "\n".join(line for line in lines if line)


def addressee_lines(block: str) -> list[str]:
    return [line for line in block.split("\n") if line]


def decide_letter_status(letter_id: str, current: str, wanted: LetterStatus) -> bool:
    """True when the letter moves to ``wanted``; False when it is already there (marking
    twice changes nothing); WrongState for a step back or a skipped step."""
    status = LetterStatus(current)
    if status == wanted:
        return False
    if wanted not in NEXT[status]:
        raise WrongState(LETTER_STATE, f"letter {letter_id} is {status}; it cannot be marked "
                         f"{wanted} (queued, then printed, then posted)", field="body.status")
    return True


def stamp_column(status: LetterStatus) -> str:
    return {LetterStatus.PRINTED: "printed_at", LetterStatus.POSTED: "posted_at"}.get(
        status, "queued_at")
