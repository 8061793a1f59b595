#!/usr/bin/env bash
# The clean-clone check: clones this repository (its committed HEAD) into a
# temporary folder, runs the README's quick start there — `npm install`,
# `npm start` in the background until the demo answers, `npm test` — and
# cleans up. Exits non-zero when any step fails.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d -t creditkit-clean-clone.XXXXXX)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill -- "-$server_pid" 2>/dev/null || kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
say() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

say "cloning $repo into $work"
git clone --quiet "$repo" "$work/creditkit"
cd "$work/creditkit"
git log --oneline -1

say "npm install"
npm install --no-audit --no-fund

say "npm start (in the background, until the demo answers)"
set -m
npm start >"$work/start.log" 2>&1 &
server_pid=$!
set +m
url=""
for _ in $(seq 1 120); do
  url="$(grep -o 'creditkit demo: http://127\.0\.0\.1:[0-9]*/' "$work/start.log" | head -1 | sed 's/^creditkit demo: //' || true)"
  if [[ -n "$url" ]] && curl -fsS "$url" -o "$work/index.html"; then break; fi
  url=""
  sleep 1
done
if [[ -z "$url" ]]; then
  cat "$work/start.log"
  echo "clean-clone check: the demo did not answer"
  exit 1
fi
grep -o '<title>[^<]*</title>' "$work/index.html"
curl -fsS "${url}main.ts" -o /dev/null && echo "the demo answers at $url (page and its module)"
api="$(grep -o 'creditkit API: *http://127\.0\.0\.1:[0-9]*' "$work/start.log" | head -1 | sed 's/^creditkit API: *//')"
curl -fsS "$api/api/openapi.json" -o /dev/null && echo "the API answers at $api/api (its OpenAPI document)"
curl -fsS "${url}api/openapi.json" -o /dev/null && echo "and through the demo site's /api"
kill -- "-$server_pid" 2>/dev/null || true
server_pid=""

say "npm test"
npm test

say "clean-clone check passed"
