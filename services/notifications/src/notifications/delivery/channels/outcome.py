"""The result every channel returns: what happened to one attempt at one delivery."""

from __future__ import annotations

from dataclasses import dataclass

from notifications.domain.enums import OutcomeStatus


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """One attempt's outcome.

    - ``sent``: the provider accepted the message (``provider_ref`` may identify it there);
    - ``retry``: a transient failure; try again later (no sooner than ``retry_after_s`` if set);
    - ``failed``: a permanent failure; retrying the same message will not help;
    - ``disabled``: the webhook endpoint answered 410 Gone; stop sending to it.

    ``detail`` is for the delivery log and carries no message content or personal data.
    """

    status: OutcomeStatus
    detail: str
    retry_after_s: float | None = None
    provider_ref: str | None = None
    #: what the channel made and the worker keeps: a letter's PDF for the print run
    document: bytes | None = None

    @classmethod
    def sent(cls, detail: str = "sent", provider_ref: str | None = None,
             document: bytes | None = None) -> DeliveryOutcome:
        return cls(OutcomeStatus.SENT, detail, None, provider_ref, document)

    @classmethod
    def retry(cls, detail: str, retry_after_s: float | None = None) -> DeliveryOutcome:
        return cls(OutcomeStatus.RETRY, detail, retry_after_s, None)

    @classmethod
    def failed(cls, detail: str) -> DeliveryOutcome:
        return cls(OutcomeStatus.FAILED, detail, None, None)

    @classmethod
    def disabled(cls, detail: str) -> DeliveryOutcome:
        return cls(OutcomeStatus.DISABLED, detail, None, None)

    @property
    def is_final(self) -> bool:
        """True when no further attempt should be made for this delivery."""
        return self.status != OutcomeStatus.RETRY
