#!/usr/bin/env bash
# Load on `pledge serve` over loopback with wrk (Debian's `wrk` package): the items list
# with a facet filter and the JSON item detail, 64 connections for 30 seconds each, on a
# fresh register holding the bundled fact sheets. Prints wrk's report: requests per
# second, latency percentiles, and any errors or non-2xx answers.
#
#     bash Benchmarks/web-load.sh            # CONNECTIONS=64 DURATION=30s THREADS=2
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
THREADS=${THREADS:-2}

swift build -c release --product pledge > /dev/null
folder=$(mktemp -d)
.build/release/pledge serve --database "$folder/register.sqlite" --port 0 > "$folder/serve.log" 2>&1 &
server=$!
trap 'kill $server 2> /dev/null; wait $server 2> /dev/null; rm -rf "$folder"' EXIT
for _ in $(seq 600); do
    base=$(grep -o 'http://127.0.0.1:[0-9]*' "$folder/serve.log" || true)
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { echo "pledge serve did not start:"; cat "$folder/serve.log"; exit 1; }

for path in "/items?modality=commit" "/api/v1/items/2024-04-10-japan-us%2324"; do
    # One request first, so the answer is checked before it is timed.
    status=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
    [ "$status" = 200 ] || { echo "$path answered $status"; exit 1; }
    echo "== $path: $CONNECTIONS connections, $DURATION"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base$path"
done
echo "== server resident memory: $(grep VmRSS /proc/$server/status | awk '{print $2/1024 " MB"}')"
