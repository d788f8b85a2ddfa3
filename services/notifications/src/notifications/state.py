"""The service's typed state on a runtime: its own settings, the delivery worker, the
latest delivery snapshot (for /metrics). One per runtime, created on first use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from common.runtime import ServiceRuntime
from notifications.settings import NotificationsSettings

if TYPE_CHECKING:  # the worker module imports this one
    from notifications.delivery.worker import DeliveryWorker
    from notifications.log.reports import DeliverySnapshot


@dataclass
class NotificationsState:
    settings: NotificationsSettings
    worker: DeliveryWorker | None = None
    snapshot: DeliverySnapshot | None = None
    #: deliveries sent again after a claim's lease ran out (a worker died mid-send)
    resends: int = 0


_STATES: WeakKeyDictionary[ServiceRuntime, NotificationsState] = WeakKeyDictionary()


def state_of(runtime: ServiceRuntime) -> NotificationsState:
    state = _STATES.get(runtime)
    if state is None:
        state = configure(runtime, NotificationsSettings())
    return state


def configure(runtime: ServiceRuntime, own: NotificationsSettings) -> NotificationsState:
    """Give the runtime the service's own settings (tests pass theirs); keeps the worker."""
    previous = _STATES.get(runtime)
    state = NotificationsState(own)
    if previous is not None:
        state.snapshot, state.resends = previous.snapshot, previous.resends
    _STATES[runtime] = state
    return state
