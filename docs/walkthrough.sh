#!/usr/bin/env bash
# The README's first walk-through, word for word (tests/docs/test_readme_walkthrough.py
# checks the two agree and runs this against `sendsys dev`). Run it from the repository
# root while `make run` is going in another terminal.
set -euo pipefail
# 0. where `make run` listens (PORT: its first port, 8001 unless BASE_PORT was given)
PORT=${PORT:-8001}
ASSESSMENT=http://localhost:$PORT NOTIFICATIONS=http://localhost:$((PORT + 4))
MEDIATION=http://localhost:$((PORT + 3)) MAIL_DIR=${MAIL_DIR:-var/mail}

# 1. a dev token for a caseworker in LA 201 who may also run the sweep (dev secret only)
TOKEN=$(make -s token LA=201 ROLES="la_caseworker platform_ops")
AUTH="Authorization: Bearer $TOKEN"

# 2. open a case
CASE=$(curl -sf -X POST $ASSESSMENT/v1/cases -H "$AUTH" -H 'content-type: application/json' \
  -d '{"given_name":"Amara","family_name":"Okafor","date_of_birth":"2019-03-14",
       "caseworker_id":"cw-17","team":"north",
       "contacts":[{"role":"parent","name":"Ngozi Okafor","email":"ngozi@example.org"}]}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "case $CASE"

# 3. record a request for an EHC needs assessment received today
REQUEST=$(curl -sf -X POST $ASSESSMENT/v1/cases/$CASE/requests -H "$AUTH" \
  -H 'content-type: application/json' \
  -d "{\"requester_type\":\"parent\",\"received_on\":\"$(date +%F)\"}")
echo "$REQUEST" | python3 -m json.tool
#    -> decision_due_on (6 weeks, R1.4) and final_plan_due_on (20 weeks, R1.14)

# 4. run the deadline sweep a week before the decision is due: inside the 10-working-day
#    warning, not yet at the 2-day one (dev and test only may sweep as of a future day)
AS_OF=$(echo "$REQUEST" | python3 -c 'import json,sys; from datetime import date, timedelta
print(date.fromisoformat(json.load(sys.stdin)["decision_due_on"]) - timedelta(days=7))')
curl -sf -X POST $ASSESSMENT/ops/deadlines/sweep -H "$AUTH" \
  -H 'content-type: application/json' -d "{\"as_of\":\"$AS_OF\"}"
echo
#    -> {"as_of": "...", "emitted": 1}

# 5. notifications delivers through the bus: the parent's acknowledgement of the request
#    (with the decision date) and the SEN team's deadline warning
sleep 3
grep -h '^Subject' "$MAIL_DIR"/*.eml
curl -sf $NOTIFICATIONS/v1/deliveries -H "$AUTH" | python3 -m json.tool

# 6. refuse the request: mediation opens a case for the appealable decision (R1.5, R6.1)
REQUEST_ID=$(echo "$REQUEST" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf -X POST $ASSESSMENT/v1/requests/$REQUEST_ID/decision -H "$AUTH" \
  -H 'content-type: application/json' \
  -d "{\"decision\":\"refuse\",\"decided_on\":\"$(date +%F)\"}" > /dev/null
sleep 3
curl -sf "$MEDIATION/v1/mediation-cases?case_id=$CASE" -H "$AUTH" | python3 -m json.tool
