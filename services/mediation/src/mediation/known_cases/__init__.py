"""The cases mediation knows, from assessment's events, to belong to an LA: a write that
names a case id is accepted only for a case known in the caller's LA (issue 11 item 7)."""
