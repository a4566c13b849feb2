#!/usr/bin/env bash
# Load on `pledge serve` over loopback with wrk (Debian's `wrk` package), on a fresh register
# holding the bundled fact sheets:
#
# 1. the items list with a facet filter and the JSON item detail, 64 connections for 30
#    seconds each, while another process records an event every 2 seconds (so every cached
#    page is made again every 2 seconds, as on a team's server);
# 2. 2,000 requests for the JSON export with a different junk parameter each, which must
#    neither bypass the response cache nor grow the server's memory;
# 3. the items list again while an editor uploads a 19.5 MB PDF over and over through the
#    API (`?dry_run=1`: read and previewed, not stored), which must not slow the pages
#    (needs pdftotext and Python's reportlab, which typesets the PDF: Benchmarks/large-pdf.py).
#
# Prints wrk's reports (requests per second, latency percentiles, errors or non-2xx
# answers), the writes made, and the server's resident memory before and after.
#
#     bash Benchmarks/web-load.sh            # CONNECTIONS=64 DURATION=30s THREADS=2 WRITE_EVERY=2
#     WRITE_EVERY=0 bash Benchmarks/web-load.sh   # without the writer
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
THREADS=${THREADS:-2}
WRITE_EVERY=${WRITE_EVERY:-2}

swift build -c release --product pledge > /dev/null
pledge=.build/release/pledge
folder=$(mktemp -d)
$pledge serve --database "$folder/register.sqlite" --port 0 > "$folder/serve.log" 2>&1 &
server=$!
writer=""
uploader=""
trap 'kill $server $writer $uploader 2> /dev/null; wait $server 2> /dev/null; rm -rf "$folder"' EXIT
for _ in $(seq 600); do
    base=$(grep -o 'http://127.0.0.1:[0-9]*' "$folder/serve.log" || true)
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { echo "pledge serve did not start:"; cat "$folder/serve.log"; exit 1; }
rss() { grep VmRSS "/proc/$server/status" | awk '{print $2/1024 " MB"}'; }

# A colleague recording progress from another process: each event moves the register's
# generation, so the server must make its pages again.
if [ "$WRITE_EVERY" != 0 ]; then
    (
        n=0
        while true; do
            n=$((n + 1))
            item="2024-04-10-japan-us#$(( (n % 90) + 1 ))"
            $pledge track "$item" --status in_the_works --note "load test $n" --database "$folder/register.sqlite" > /dev/null 2>&1 \
                && echo "$n" > "$folder/writes"
            sleep "$WRITE_EVERY"
        done
    ) &
    writer=$!
fi

echo "== server resident memory at start: $(rss)"
for path in "/items?modality=commit" "/api/v1/items/2024-04-10-japan-us%2324"; do
    # One request first, so the answer is checked before it is timed.
    status=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
    [ "$status" = 200 ] || { echo "$path answered $status"; exit 1; }
    echo "== $path: $CONNECTIONS connections, $DURATION, a write every ${WRITE_EVERY}s"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base$path"
done
[ -n "$writer" ] && { kill "$writer"; wait "$writer" 2> /dev/null || true; writer=""; }
echo "== events recorded during the load: $(cat "$folder/writes" 2> /dev/null || echo 0)"

echo "== 2,000 exports with junk parameters"
before=$(rss)
start=$(date +%s.%N)
for n in $(seq 2000); do printf 'url = "%s"\noutput = "/dev/null"\n' "$base/export.json?x=$n"; done > "$folder/urls"
curl -s --no-progress-meter -o /dev/null --parallel --parallel-max 8 --config "$folder/urls"
end=$(date +%s.%N)
echo "   $(echo "2000 / ($end - $start)" | bc -l | xargs printf '%.0f') requests per second; resident memory $before before, $(rss) after"
echo "== the items list while a 19.5 MB PDF is uploaded again and again"
if command -v pdftotext > /dev/null && python3 -c "import reportlab" 2> /dev/null; then
    python3 Benchmarks/large-pdf.py "$folder/large.pdf" > /dev/null
    token=$($pledge user add loader --role editor --database "$folder/register.sqlite" 2> /dev/null)
    echo "   first alone, for comparison:"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base/items?modality=commit" | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
    echo "   then while uploads are read:"
    (
        while true; do
            curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST --data-binary @"$folder/large.pdf" \
                -H 'Content-Type: application/pdf' -H "Authorization: Bearer $token" "$base/api/v1/documents?dry_run=1" >> "$folder/uploads"
        done
    ) &
    uploader=$!
    sleep 3
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base/items?modality=commit"
    kill "$uploader"; wait "$uploader" 2> /dev/null || true; uploader=""
    awk '{ n++; if ($1 == 200) ok++; total += $2 }
         END { if (n) printf "   %d uploads read meanwhile (%d answered 200), %.1f s each\n", n, ok, total / n; else print "   no upload finished meanwhile" }' \
        "$folder/uploads" 2> /dev/null || echo "   no upload finished meanwhile"
else
    echo "   skipped: needs pdftotext and Python's reportlab"
fi
echo "== server resident memory at the end: $(rss)"
