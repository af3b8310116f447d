#!/usr/bin/env bash
# Adds an account cost cap of $1 a month, which the events already sent have crossed: from then on
# every event and every check of the account is blocked (and logged), the enforcement path at its busiest.
set -euo pipefail
base=$1; key=$2
curl -sf -o /dev/null "$base/api/v1/policies" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"name":"Account monthly cost cap","scope":{"type":"account"},"metric":"cost","limit":1,"window":{"type":"fixed","unit":"month"},"action":"block"}'
# One more event makes the block: blocking is decided when usage is recorded.
curl -sf -o /dev/null "$base/api/v1/usage/events" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"id":"capped-'"$RANDOM$RANDOM"'","botId":"bench-bot","model":"gpt-4o","inputTokens":1000,"outputTokens":500}'
