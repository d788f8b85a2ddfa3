"""The LA's personal budget policy, as the budgets service publishes it, shown in the
local offer (R7.4, R8.2)."""
