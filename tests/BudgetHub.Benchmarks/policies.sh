#!/usr/bin/env bash
# Creates 20 active usage policies (the "20 policies" benchmark case) through the API. Each one is
# evaluated on every event it applies to; their limits (cost in USD, like every API amount) are far
# above what the benchmark sends, so none of them alerts or blocks: capped.sh adds one that does.
set -euo pipefail
base=$1; key=$2
post() { curl -sf -o /dev/null "$base/api/v1/policies" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$1"; }
for unit in hour day week month; do
  post "{\"name\":\"Account $unit tokens\",\"scope\":{\"type\":\"account\"},\"metric\":\"tokens\",\"limit\":900000000000,\"window\":{\"type\":\"fixed\",\"unit\":\"$unit\"},\"thresholds\":[50,75,90],\"action\":\"warn\"}"
  post "{\"name\":\"Account $unit cost\",\"scope\":{\"type\":\"account\"},\"metric\":\"cost\",\"limit\":90000000,\"window\":{\"type\":\"fixed\",\"unit\":\"$unit\"},\"thresholds\":[80],\"action\":\"block\"}"
  post "{\"name\":\"Team $unit calls\",\"scope\":{\"type\":\"team\",\"id\":\"bench\"},\"metric\":\"calls\",\"limit\":900000000000,\"window\":{\"type\":\"fixed\",\"unit\":\"$unit\"},\"action\":\"warn\"}"
done
for i in 0 1 2 3; do
  post "{\"name\":\"Bot $i daily tokens\",\"scope\":{\"type\":\"bot\",\"id\":\"bench-bot-$i\"},\"metric\":\"tokens\",\"limit\":900000000000,\"window\":{\"type\":\"fixed\",\"unit\":\"day\"},\"action\":\"block\"}"
done
post '{"name":"Pro tier daily cost","scope":{"type":"tier","id":"pro"},"metric":"cost","limit":90000000,"window":{"type":"fixed","unit":"day"},"action":"warn"}'
post '{"name":"Bench bot rolling hour","scope":{"type":"bot","id":"bench-bot"},"metric":"tokens","limit":900000000000,"window":{"type":"rolling","duration":"PT1H"},"action":"block"}'
post '{"name":"Bench model filter","scope":{"type":"account"},"metric":"cost","limit":90000000,"window":{"type":"fixed","unit":"month"},"filter":{"model":"gpt-4o-mini"},"action":"warn"}'
post '{"name":"User override","scope":{"type":"user","id":"u7"},"metric":"cost","limit":90000000,"window":{"type":"fixed","unit":"month"},"action":"block"}'
