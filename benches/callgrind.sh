#!/usr/bin/env bash
# Instructions per parse of one 1,000-model page (and of the 300-model router catalog), per case
# of benches/parse.rs, counted by
# callgrind: unlike the timings, these do not move with the load of a shared machine.
#
#   benches/callgrind.sh            # the table
#   PROFILE=1 benches/callgrind.sh  # also where the typed parse spends them (target/bench-out/)
#
# Each case runs once and then 11 times in separate processes; the difference over 10 is the
# cost of one parse, with page generation and process start cancelled out.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
out_dir=${CARGO_TARGET_DIR:-target}/bench-out

bin=$(cargo bench --all-features --bench parse --no-run 2>&1 |
    sed -n 's/^ *Executable .*(\(.*\))$/\1/p' | tail -1)
[ -x "$bin" ] || { echo "could not build the parse bench" >&2; exit 1; }

collected() { # CASE PAGE N -> instructions of the whole process
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" --run "$1" "$2" "$3" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\)$/\1/p'
}

floor="serde_json IgnoredAny"
listing_cases=("model_list serde_json" "model_list miniserde" "model_ids serde_json" "model_ids miniserde" "serde_json Value" "$floor" "miniserde Value"
    "probe: derive, owned" "probe: derive, borrowed" "probe: derive, exact tags"
    "probe: derive, interned" "probe: id only" "probe: nesting scan")
catalog_cases=("catalog serde_json" "catalog miniserde" "serde_json Value" "$floor" "miniserde Value")
for page in default mapping catalog; do
    if [ "$page" = catalog ]; then cases=("${catalog_cases[@]}"); else cases=("${listing_cases[@]}"); fi
    bytes=$("$bin" --size "$page")
    echo "page: $page, $bytes bytes"
    printf '  %-26s %14s %12s %9s\n' case instructions "per byte" "vs floor"
    declare -A per_parse=()
    for c in "${cases[@]}"; do
        one=$(collected "$c" "$page" 1)
        eleven=$(collected "$c" "$page" 11)
        per_parse[$c]=$(((eleven - one) / 10))
    done
    for c in "${cases[@]}"; do
        n=${per_parse[$c]}
        awk -v c="$c" -v n="$n" -v b="$bytes" -v f="${per_parse[$floor]}" \
            'BEGIN { printf "  %-26s %14d %12.2f %8.0f%%\n", c, n, n / b, f / n * 100 }'
    done
    unset per_parse
done

if [ "${PROFILE:-0}" = 1 ]; then
    # Only the parses (and the drop of their result) are counted: page generation is left out.
    mkdir -p "$out_dir"
    for page in default mapping; do
        for c in "model_list serde_json" "model_list miniserde"; do
            out=$out_dir/callgrind.${c// /_}.$page
            valgrind --tool=callgrind --toggle-collect='core::ops::function::FnOnce::call_once*' \
                --callgrind-out-file="$out.out" "$bin" --run "$c" "$page" 10 >/dev/null 2>&1
            callgrind_annotate --inclusive=yes "$out.out" >"$out.inclusive.txt"
            callgrind_annotate "$out.out" >"$out.self.txt"
            echo
            echo "where $c spends its instructions, $page page (self cost; $out.*.txt):"
            sed -n '/file:function/,$p' "$out.self.txt" | awk '
                /^ *[0-9,]+ / {
                    n = $1; gsub(",", "", n)
                    f = $0
                    sub(/^ *[0-9,]+ +\([ 0-9.]+%\) +/, "", f)   # the count
                    sub(/^[^:]*:/, "", f)                        # the file
                    sub(/^(<&mut |<)/, "", f)
                    if (f ~ /_int_malloc|_int_free|_int_realloc|malloc|free|unlink_chunk|__rust_(alloc|dealloc|realloc)|__rdl_|finish_grow|grow_one|do_reserve/) k = "allocator (malloc, free, realloc, Vec growth)"
                    else if (f ~ /memmove|memcpy|memset/) k = "memcpy/memset (string copies)"
                    else if (f ~ /drop_in_place/) k = "drop glue (freeing the result is under allocator)"
                    else if (f ~ /from_utf8/) k = "UTF-8 check of the body"
                    else if (f ~ /^hf_providers::parse::miniserde_engine::model_list/) k = "hf_providers miniserde_engine::model_list itself (nesting scan, inlined)"
                    else if (f ~ /^hf_providers::/) k = "hf_providers (drafts, key match, finish)"
                    else if (f ~ /^(serde_json|miniserde|mini_internal)::/) k = "JSON engine (scan, strings, numbers, containers)"
                    else if (f ~ /^serde_core::|^alloc::vec::Vec<T,A>::push/) k = "serde glue (Option, Vec visitors)"
                    else k = "other"
                    sum[k] += n; total += n
                }
                END { for (k in sum) printf "%6.1f%%  %s\n", sum[k] / total * 100, k }' |
                sort -rn
        done
    done
fi
