"""The events the localoffer service publishes (EVENTS.md)."""

from common.deadlines import DeadlineApproachingV1, DeadlineMissedV1, approaching_type, missed_type
from common.messaging.registry import EventRegistry

SERVICE = "localoffer"
registry = EventRegistry(SERVICE)
registry.register(approaching_type(SERVICE), DeadlineApproachingV1)
registry.register(missed_type(SERVICE), DeadlineMissedV1)
