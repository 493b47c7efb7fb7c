#!/usr/bin/env bash
# Wall time of choosing a provider against asking whether a model is warm, with a fake Hub (and
# router) that waits before every answer as a distant server would: `resolve MODEL:fastest`
# needs the Hub's mapping and the router's catalog, `status MODEL` one answer. Sent side by
# side, the two cost one round trip of waiting, not two. Run by hand, not in CI.
#
#   benches/resolve.sh
#   RUNS=21 DELAY_MS=200 MODELS=3000 benches/resolve.sh
#
# Every request goes to the fake Hub on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-11}
DELAY_MS=${DELAY_MS:-200}
MODELS=${MODELS:-3000}
source benches/fake_hub.sh
trap stop_hub EXIT
start_hub resolve-hub --models "$MODELS" --delay-ms "$DELAY_MS"
url=$hub_url

model=deepseek-ai/DeepSeek-V4-Pro
catalog_bytes=$(curl -s "$url/v1/models" | wc -c)
echo "== fake Hub on $url: $MODELS generated models, a catalog of $catalog_bytes bytes," \
    "${DELAY_MS} ms before each answer; median of $RUNS runs"
[ "$("$cli" resolve "$model:fastest" | cut -f1)" = fireworks-ai ] || {
    echo "resolve did not choose fireworks-ai" >&2
    exit 1
}

declare -A wall=()
for case in status resolve; do
    if [ $case = status ]; then args=(status "$model"); else args=(resolve "$model:fastest"); fi
    : >"$out/resolve-runs.tmp"
    for _ in $(seq "$RUNS"); do
        "$out/rusage" "$cli" "${args[@]}" | cut -d' ' -f1,2 >>"$out/resolve-runs.tmp"
    done
    wall[$case]=$(cut -d' ' -f1 "$out/resolve-runs.tmp" | median)
    printf '  %-48s wall %ss (%s)  cpu %ss\n' "hf-providers ${args[*]}" "${wall[$case]}" \
        "$(cut -d' ' -f1 "$out/resolve-runs.tmp" | minmax)" \
        "$(cut -d' ' -f2 "$out/resolve-runs.tmp" | median)"
done
awk -v r="${wall[resolve]}" -v s="${wall[status]}" \
    'BEGIN { printf "  resolve / status, wall: %.2fx (target: at most 1.3x)\n", r / s }'
