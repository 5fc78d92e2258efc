#!/usr/bin/env bash
# Start-up cost: the median wall time of N runs (default 10) of `codebox run` on a hello-world
# Python and JavaScript file, next to native `python3` and `node` on the same files, measured
# in one go so that the ratios compare like with like.
#
#   bench/hello.sh [N]        (builds codebox in release mode first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
cargo build --release -j 2 -p codebox-server >&2
codebox="${CARGO_TARGET_DIR:-target}/release/codebox"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo 'print("Hello, world!")' >"$work/hello.py"
echo 'console.log("Hello, world!");' >"$work/hello.js"
# Warm-up: fetches and compiles the interpreters once, fills the page cache.
"$codebox" run "$work/hello.py" >/dev/null
"$codebox" run "$work/hello.js" >/dev/null

median_ms() {
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

py_box=$(median_ms "$codebox" run "$work/hello.py")
# The interpreter itself, not a version manager's shim in front of it.
python_bin="$(python3 -c 'import sys; print(sys.executable)')"
py_native=$(median_ms "$python_bin" "$work/hello.py")
js_box=$(median_ms "$codebox" run "$work/hello.js")
js_native=$(median_ms node "$work/hello.js")

printf '%-28s %10s %10s %8s\n' "hello world, median of $runs" "codebox" "native" "ratio"
printf '%-28s %8s ms %8s ms %7.2fx\n' "python ($(python3 -V 2>&1))" "$py_box" "$py_native" "$(echo "$py_box / $py_native" | bc -l)"
printf '%-28s %8s ms %8s ms %7.2fx\n' "javascript (node $(node -v))" "$js_box" "$js_native" "$(echo "$js_box / $js_native" | bc -l)"
