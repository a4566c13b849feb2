#!/usr/bin/env bash
# The web app on a large register: the first answer of every page, their sizes, the steady
# p99 of the items list under 64 connections, and the server's memory.
#
# Builds (or reuses) the register of `pledge-register-benchmark` (10,000 documents, about
# 970,000 items) in FOLDER, starts `pledge serve` on it afresh, asks each page once, then
# loads `/items?modality=commit` with wrk (Debian's `wrk` package).
#
#     bash Benchmarks/web-scale.sh                      # DOCUMENTS=10000 FOLDER=/tmp/pledge-scale-10000
#     DATABASE=postgres://pledge@127.0.0.1:54329/scale bash Benchmarks/web-scale.sh
#
# With DATABASE set to an empty PostgreSQL database, the SQLite register is first copied
# into it (`pledge migrate`, once: a database that holds documents is used as it is).
# SKIP_BUILD=1 uses the release binaries already built; PLEDGE=PATH another `pledge`.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCUMENTS=${DOCUMENTS:-10000}
FOLDER=${FOLDER:-/tmp/pledge-scale-$DOCUMENTS}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-20s}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release --product pledge-register-benchmark > /dev/null
    swift build -c release --product pledge > /dev/null
fi
pledge=${PLEDGE:-.build/release/pledge}
mkdir -p "$FOLDER"
if [ ! -s "$FOLDER/register.sqlite" ]; then
    echo "== building the register of $DOCUMENTS documents in $FOLDER"
    RELATE=0 .build/release/pledge-register-benchmark "$DOCUMENTS" "$FOLDER" | grep -E "^(wrote|ingested|register)"
fi
database=${DATABASE:-$FOLDER/register.sqlite}
if [ -n "${DATABASE:-}" ]; then
    # Opening an empty database with any other command would load the bundled documents into it.
    echo "== copying the register into $DATABASE"
    if ! copied=$( { /usr/bin/time -f "   %e s, %M KB at most" $pledge migrate --from "sqlite:$FOLDER/register.sqlite" --to "$DATABASE"; } 2>&1 ); then
        grep -q "not empty" <<< "$copied" || { echo "$copied"; exit 1; }
        echo "   it already holds a register, used as it is"
    else
        echo "$copied"
        # A copy leaves the links between documents to be made on the next opening; made here,
        # not while the server starts.
        echo "== linking the copied documents"
        /usr/bin/time -f "   %e s" $pledge list --database "$DATABASE" --limit 1 > /dev/null
    fi
fi

log=$(mktemp)
$pledge serve --database "$database" --port 0 > "$log" 2>&1 &
server=$!
trap 'kill $server 2> /dev/null; wait $server 2> /dev/null; rm -f "$log"' EXIT
for _ in $(seq 1200); do
    base=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" || true)
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { echo "pledge serve did not start:"; cat "$log"; exit 1; }
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"; }
peak() { awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"; }
echo "== $database: server resident memory at start $(rss)"

# An item and a document of the register, found the way a client would.
# (from the middle of the register: about 97 items a document)
item=$(curl -s "$base/api/v1/items?limit=1&offset=$((DOCUMENTS * 48))" | grep -o '"id":"[^"]*"' | sed -n 1p | cut -d'"' -f4 || true)
document=$(curl -s "$base/api/v1/documents?limit=1&offset=$((DOCUMENTS / 2))" | grep -o '"key":"[^"]*"' | sed -n 1p | cut -d'"' -f4 || true)
item_path=${item//#/%23}

printf '| page | first answer | size | status |\n|---|---|---|---|\n'
for path in "/" "/items" "/items?modality=commit" "/items?q=%E9%87%8F%E5%AD%90" "/items?party=US&status=not_yet_rated" \
    "/items?due=overdue" "/items?q=%E9%87%8F%E5%AD%90&page=30" "/items?page=19000" "/items?modality=commit&page=5000" "/items/$item_path" "/documents" "/documents?page=150" \
    "/documents/$document" "/glossary" "/api/v1/items?limit=50" "/api/v1/items?modality=commit&limit=50" "/api/v1/documents" \
    "/api/v1/glossary" "/api/v1/summary" "/api/v1/due" "/api/v1/items/$item_path"; do
    read -r seconds bytes status < <(curl -s -o /dev/null -w '%{time_total} %{size_download} %{http_code}\n' "$base$path")
    printf '| `%s` | %.0f ms | %.0f KB | %s |\n' "$path" "$(echo "$seconds * 1000" | bc -l)" "$(echo "$bytes / 1024" | bc -l)" "$status"
done
echo
echo "== server resident memory after one request of each page: $(rss) (peak $(peak))"

echo "== /items?modality=commit: $CONNECTIONS connections, $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$base/items?modality=commit" | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
echo "== server resident memory at the end: $(rss) (peak $(peak))"
