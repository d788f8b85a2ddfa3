#!/usr/bin/env bash
# The README's walk-through from request to final plan on a set day, word for word
# (tests/docs/test_readme_walkthrough_final_plan.py checks the two agree and runs this
# against `sendsys dev --today 2027-05-17`). Run it from the repository root while
# `make run TODAY=2027-05-17` is going in another terminal.
set -euo pipefail
# 0. where `make run` listens; every service takes Monday 17 May 2027 as today
PORT=${PORT:-8001}
ASSESSMENT=http://localhost:$PORT NOTIFICATIONS=http://localhost:$((PORT + 4))
MAIL_DIR=${MAIL_DIR:-var/mail} JSON='content-type: application/json'
AUTH="Authorization: Bearer $(make -s token LA=201 ROLES="la_caseworker platform_ops")"
post() { curl -sf -X POST "$ASSESSMENT$1" -H "$AUTH" -H "$JSON" -d "$2"; }
id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

# 1. a case, and the request that came in on 4 January, entered only now: recorded late
CASE=$(post /v1/cases '{"given_name":"Idris","family_name":"Bello","date_of_birth":"2018-05-02",
  "caseworker_id":"cw-17","team":"north","setting_name":"Oak Primary","setting_urn":"100001",
  "contacts":[{"role":"parent","name":"Funmi Bello","email":"funmi@example.org"}]}' | id)
RID=$(post /v1/cases/$CASE/requests '{"requester_type":"parent","received_on":"2027-01-04"}' | id)

# 2. the steps that already happened: the decision to assess (8 February), the school's
#    advice, the draft plan served on 12 April (each more than 5 working days ago)
post /v1/requests/$RID/decision '{"decision":"assess","decided_on":"2027-02-08"}' > /dev/null
ADVICE=$(post /v1/requests/$RID/advice-requests \
  '{"advice_type":"education","requested_on":"2027-02-09"}' | id)
post /v1/advice-requests/$ADVICE/advice \
  '{"received_on":"2027-03-15","author":"Oak Primary SENCo","summary":"Speech needs"}' > /dev/null
SECTIONS='{"A":"Idris loves trains.","B":"Speech, language and communication needs.",
  "C":"None.","D":"None.","E":"By July 2028 Idris will use short sentences.",
  "F":"Weekly speech and language therapy.","G":"None.","H1":"None.","H2":"None.",
  "K":"Education advice, March 2027."}'
PLAN=$(post /v1/requests/$RID/plans \
  "{\"sent_on\":\"2027-04-12\",\"advice_listed\":[\"education\"],\"sections\":$SECTIONS}" | id)

# 3. today's sweep: the final plan is due on 24 May (20 weeks, R1.14), inside the
#    10-working-day warning
post /ops/deadlines/sweep '{}'
echo

# 4. the final plan, issued today: a step on its own day, so the family is told
post /v1/plans/$PLAN/final "{\"issued_on\":\"2027-05-17\",\"advice_listed\":[\"education\"],
  \"sections\":$SECTIONS,\"section_i\":{\"setting_name\":\"Oak Primary\",
  \"setting_type\":\"mainstream_school\"}}" \
  | python3 -c 'import json,sys; p=json.load(sys.stdin); print(p["status"], p["first_issued_on"])'

# 5. what was sent: the team is asked to send the three late notices by hand, the
#    caseworker is warned of the deadline, the family gets the final plan; the family's
#    late notices stay in the log, suppressed
sleep 3
grep -l -e "$CASE" -e funmi@example.org "$MAIL_DIR"/*.eml | xargs grep -h "^Subject" | sort
curl -sf "$NOTIFICATIONS/v1/deliveries?case_id=$CASE&limit=100" -H "$AUTH" \
  | python3 -c 'import json,sys
for d in json.load(sys.stdin)["items"]:
    print(d["status"], d["audience"], d["channel"], d["event_type"])' | sort
