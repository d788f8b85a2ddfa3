"""Keep the LA's current personal budget policy from the budgets service's events (R7.4)."""

from __future__ import annotations

from common.db.uow import UnitOfWork
from localoffer.policy import repository, rules
from localoffer.policy.repository import PolicyRecord
from localoffer.policy.schemas import PolicyPublished

POLICY_PUBLISHED = "send.budgets.policy.published.v1"


def _version(record: PolicyRecord | PolicyPublished) -> rules.PolicyVersion:
    return rules.PolicyVersion(record.policy_id, record.version, record.published_on)


async def keep_published(uow: UnitOfWork, event_id: str, data: PolicyPublished) -> bool:
    """Show the published policy if it is newer than the one shown; True if it replaced it."""
    shown = await repository.current(uow.connection, data.la_code)
    if not rules.supersedes(_version(data), _version(shown) if shown else None):
        return False
    await repository.replace(uow.connection, PolicyRecord(
        data.la_code, data.policy_id, data.version, data.published_on, data.summary, data.url),
        event_id, uow.clock.now())
    return True


async def current(db: repository.Executor, la_code: str) -> PolicyRecord | None:
    return await repository.current(db, la_code)
