#!/usr/bin/env bash
# CPU and memory of the provider side on a large provider: the fake Hub serves a provider with
# MAPPINGS mappings (default 20,000, one public answer of a few MB), and each command runs RUNS
# times: `partner ls` (table and --json), `partner plan` against its own list (nothing to do, so
# the whole list is read, parsed, planned and compared), and curl fetching the same answer, for
# scale. Prints the median CPU (user+sys) and peak RSS of each. Run by hand, not in CI.
#
#   bash benches/partner.sh
#   RUNS=21 MAPPINGS=50000 bash benches/partner.sh
#
# Every request goes to the fake Hub on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-11}
MAPPINGS=${MAPPINGS:-20000}
source benches/fake_hub.sh
trap stop_hub EXIT
start_hub partner-hub --models 0 --big-provider "$MAPPINGS"
url=$hub_url

provider=big-provider
bytes=$(curl -s "$url/api/partners/$provider/models" | wc -c)
"$cli" partner ls "$provider" --json >"$out/partner-wanted.jsonl"
lines=$(wc -l <"$out/partner-wanted.jsonl")
[ "$lines" -eq "$MAPPINGS" ] || { echo "listed $lines mappings, not $MAPPINGS" >&2; exit 1; }
echo "== $MAPPINGS mappings of $provider in one answer of $bytes bytes; median of $RUNS runs"

run() { # LABEL CMD...
    local label=$1
    shift
    : >"$out/partner-runs.tmp"
    for _ in $(seq "$RUNS"); do
        "$out/rusage" "$@" >>"$out/partner-runs.tmp"
    done
    printf '  %-44s cpu %8ss  peak RSS %7s KiB  wall %ss\n' "$label" \
        "$(cut -d' ' -f2 "$out/partner-runs.tmp" | median)" \
        "$(cut -d' ' -f3 "$out/partner-runs.tmp" | median)" \
        "$(cut -d' ' -f1 "$out/partner-runs.tmp" | median)"
}
run "curl (the same answer, for scale)" curl -s -o /dev/null "$url/api/partners/$provider/models"
run "hf-providers partner ls" "$cli" partner ls "$provider"
run "hf-providers partner ls --json" "$cli" partner ls "$provider" --json
run "hf-providers partner plan (nothing to do)" "$cli" partner plan "$provider" \
    "$out/partner-wanted.jsonl"
echo "  (target: a $MAPPINGS-mapping list in under 0.2 s of CPU)"
