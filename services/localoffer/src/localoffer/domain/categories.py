"""The codes of the local offer's own category scheme (seeded as taxonomy data by the
`taxonomy` feature) that Schedule 2 headings are judged by. Pure constants."""

from __future__ import annotations

EARLY_YEARS = "early-years-education"
SCHOOLS = "schools"
SPECIAL_SCHOOLS = "special-schools"
POST_16 = "post-16-education-training"
HEALTH = "health"
SOCIAL_CARE = "social-care"
SHORT_BREAKS = "short-breaks"
TRAVEL = "travel"
PFA_EMPLOYMENT = "preparing-for-adulthood-employment"
PFA_INDEPENDENT_LIVING = "preparing-for-adulthood-independent-living"
PFA_COMMUNITY = "preparing-for-adulthood-community"
TRANSITION = "transition"
CHILDCARE = "childcare"
LEISURE = "leisure"
INFORMATION_ADVICE = "information-advice-support"
SUPPORT_GROUPS = "support-groups"
EHC_ASSESSMENT = "requesting-ehc-needs-assessment"
COMPLAINTS = "complaints-disagreements-appeals"
PERSONAL_BUDGETS = "personal-budgets"
