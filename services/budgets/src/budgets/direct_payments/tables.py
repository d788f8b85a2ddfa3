"""Direct payments: conditions, the setting's agreement, consent, schedule, ledger, reviews
and reductions (R7.6, R7.7, R7.9)."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from budgets.db import metadata
from common.db.base import UtcDateTime

direct_payment = Table(
    "direct_payment", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("case_id", String(36), nullable=False, index=True),
    Column("budget_id", String(36), ForeignKey("personal_budget.id"), nullable=False,
           index=True),
    Column("component_id", String(36), ForeignKey("budget_component.id"), nullable=False,
           unique=True),
    Column("status", String(20), nullable=False),
    Column("annual_pence", BigInteger, nullable=False),
    # R7.6: the conditions as checked
    Column("conditions", JSON),
    Column("conditions_checked_on", Date),
    # R7.7: the setting's agreement for provision on its premises
    Column("setting_agreement", String(20), nullable=False),
    Column("setting_name", String(200)),
    Column("setting_urn", String(20)),
    Column("setting_requested_on", Date),
    Column("setting_answered_on", Date),
    Column("setting_answered_by", String(200)),
    # R7.9: consent and its withdrawal
    Column("consent_given_on", Date),
    Column("consent_withdrawn_on", Date),
    Column("recipient_name", String(200)),
    Column("activated_on", Date),
    Column("stopped_on", Date),
    Column("stop_reason", Text),
    Column("frequency", String(20)),
    Column("instalment_pence", BigInteger),
    Column("first_payment_on", Date),
    Column("balance_pence", BigInteger, nullable=False),
    Column("paid_pence", BigInteger, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

ledger_entry = Table(
    "ledger_entry", metadata,
    Column("id", String(36), primary_key=True),
    Column("direct_payment_id", String(36), ForeignKey("direct_payment.id"), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("entry_on", Date, nullable=False),
    Column("amount_pence", BigInteger, nullable=False),
    Column("balance_after_pence", BigInteger, nullable=False),
    Column("note", Text),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("direct_payment_id", "sequence"),
)

direct_payment_review = Table(
    "direct_payment_review", metadata,
    Column("id", String(36), primary_key=True),
    Column("direct_payment_id", String(36), ForeignKey("direct_payment.id"), nullable=False,
           index=True),
    Column("kind", String(20), nullable=False),
    Column("due_on", Date),
    Column("reviewed_on", Date, nullable=False),
    Column("on_time", Boolean),
    Column("summary", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

payment_reduction = Table(
    "payment_reduction", metadata,
    Column("id", String(36), primary_key=True),
    Column("direct_payment_id", String(36), ForeignKey("direct_payment.id"), nullable=False,
           index=True),
    Column("notice_given_on", Date, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("from_annual_pence", BigInteger, nullable=False),
    Column("to_annual_pence", BigInteger, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
