"""Every table of the budgets service, for migrations (the features own their tables)."""

from budgets.budgets import tables as budget_tables
from budgets.db import metadata, platform
from budgets.direct_payments import tables as direct_payment_tables
from budgets.eligibility import tables as eligibility_tables
from budgets.policy import tables as policy_tables
from budgets.section_j import tables as section_j_tables

__all__ = ["budget_tables", "direct_payment_tables", "eligibility_tables", "metadata",
           "platform", "policy_tables", "section_j_tables"]
