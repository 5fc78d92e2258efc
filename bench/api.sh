#!/usr/bin/env bash
# Latency of the REST API over HTTP on the embedded store: p50 and p90 of N requests
# (default 50) each of create-file, read-file and execute (a Python hello world), measured
# with curl against a release build of `codebox serve` on loopback.
#
#   bench/api.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"
cargo build --release -j 2 -p codebox-server >&2
codebox="${CARGO_TARGET_DIR:-target}/release/codebox"

work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
"$codebox" serve --addr "127.0.0.1:$port" --data-dir "$work/data" 2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 600); do
    curl -sf "$base/readyz" >/dev/null && break
    sleep 0.1
done

json='content-type: application/json'
session=$(curl -sf -X POST "$base/api/v1/sessions" -H "$json" -d '{"templateId":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["sessionId"])')
curl -sf -X POST "$base/api/v1/sessions/$session/files" -H "$json" -d '{"filePath":"hello.py","content":"print(\"Hello, world!\")\n"}' >/dev/null
# Warm-up: the first run of each kind loads caches.
curl -sf -X POST "$base/api/v1/sessions/$session/execute" -H "$json" -d '{"fileName":"hello.py"}' >/dev/null

percentiles() {
    sort -n | awk '{ a[NR] = $1 } END { printf "p50 %7.2f ms   p90 %7.2f ms", a[int((NR + 1) / 2)] * 1000, a[int(NR * 0.9 + 0.5)] * 1000 }'
}
measure() {
    local label="$1"
    shift
    for i in $(seq "$runs"); do
        curl -s -o /dev/null -w '%{time_total}\n' "${@//@i@/$i}"
    done | percentiles
    printf '   %s\n' "$label"
}

echo "REST API on the embedded store, $runs requests each:"
measure "create file" -X POST "$base/api/v1/sessions/$session/files" -H "$json" -d '{"filePath":"f@i@.py","content":"print(1)\n"}'
measure "read file" "$base/api/v1/sessions/$session/files/hello.py"
measure "execute (Python hello world)" -X POST "$base/api/v1/sessions/$session/execute" -H "$json" -d '{"fileName":"hello.py"}'
