#!/usr/bin/env bash
# Listing end to end against the fake Hub (run by hand, not in CI): CPU seconds (user+sys), wall
# seconds and peak RSS of
#   - hf-providers models --provider all, and hf-providers models (a plain listing), each
#     printing ids and then with --json;
#   - curl fetching the same pages in one process: the transfer-only floor;
#   - the official Python client, huggingface_hub's HfApi().list_models(), in target/bench-venv;
# median of $RUNS runs each, with 20,000 models and then 100,000 (to show that memory stays
# flat: one page is held at a time).
#
#   benches/listing.sh
#   RUNS=9 MODELS="20000 100000" SKIP_PYTHON=1 benches/listing.sh
#   CALLGRIND=1 benches/listing.sh   # also user-space instructions of the CLI and curl (valgrind)
#
# Every request goes to the fake Hub on 127.0.0.1; nothing else is contacted (the Python client
# is installed from PyPI once, into target/bench-venv).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
MODELS=${MODELS:-"20000 100000"}
SKIP_PYTHON=${SKIP_PYTHON:-0}
CALLGRIND=${CALLGRIND:-0}

command -v curl >/dev/null || { echo "needs curl" >&2; exit 1; }

source benches/fake_hub.sh

venv=$target/bench-venv
python=$venv/bin/python
if [ "$SKIP_PYTHON" != 1 ] && [ ! -x "$python" ]; then
    echo "== installing huggingface_hub into $venv"
    python3 -m venv "$venv"
    "$python" -m pip install --quiet --disable-pip-version-check huggingface_hub
fi
if [ "$SKIP_PYTHON" != 1 ]; then
    py_version=$("$python" -c 'import huggingface_hub; print(huggingface_hub.__version__)')
fi

# Nothing from the caller's environment may change what is sent (fake_hub.sh has taken out the
# proxies and the token): no telemetry, no cache or config of the caller's.
HF_HOME=$(mktemp -d)
export HF_HOME HF_HUB_DISABLE_TELEMETRY=1 HF_HUB_DISABLE_IMPLICIT_TOKEN=1
export HF_HUB_DISABLE_PROGRESS_BARS=1 HF_HUB_ETAG_TIMEOUT=1

trap 'stop_hub; rm -rf "$HF_HOME"' EXIT

hub_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$hub_pid/stat"; }
tick=$(getconf CLK_TCK)

# The page URLs of a listing, found by following the Link headers (not timed).
page_urls() { # FIRST_URL
    local url=$1
    while [ -n "$url" ]; do
        echo "$url"
        url=$(curl -sg --fail -D - -o /dev/null "$url" |
            sed -n 's/^[Ll]ink: *<\([^>]*\)>; *rel="next".*/\1/p' | tr -d '\r')
    done
}

# One run of CMD with stdout to /dev/null: "wall_s cpu_s rss_mib" (see benches/rusage.c for
# why not /usr/bin/time).
run_once() {
    "$out/rusage" "$@" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 / 1024 }'
    [ "${PIPESTATUS[0]}" = 0 ]
}

# measure GROUP LABEL MODELS PAGES CMD...: RUNS runs; appends one row to $out/rows.tsv.
measure() {
    local group=$1 label=$2 models=$3 pages=$4
    shift 4
    local runs_file=$out/runs.tmp
    : >"$runs_file"
    for _ in $(seq "$RUNS"); do
        local before after figures
        before=$(hub_cpu_ticks)
        figures=$(run_once "$@")
        after=$(hub_cpu_ticks)
        echo "$figures $(awk -v h=$((after - before)) -v t="$tick" 'BEGIN { printf "%.2f", h / t }')" \
            >>"$runs_file"
    done
    local wall cpu rss hub wall_range cpu_range
    wall=$(cut -d' ' -f1 "$runs_file" | median)
    cpu=$(cut -d' ' -f2 "$runs_file" | median)
    rss=$(cut -d' ' -f3 "$runs_file" | median)
    hub=$(cut -d' ' -f4 "$runs_file" | median)
    wall_range=$(cut -d' ' -f1 "$runs_file" | minmax)
    cpu_range=$(cut -d' ' -f2 "$runs_file" | minmax)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$group" "$label" "$models" "$pages" \
        "$cpu" "$cpu_range" "$wall" "$wall_range" "$rss" "$hub" >>"$out/rows.tsv"
    printf '  %-44s cpu %6ss (%s)  wall %6ss (%s)  rss %6s MiB  hub cpu %ss\n' \
        "$label" "$cpu" "$cpu_range" "$wall" "$wall_range" "$rss" "$hub"
}

# Lists every model with huggingface_hub, printing the ids as the CLI does.
py_code() { # KWARGS
    printf '%s\n' 'import sys' 'from huggingface_hub import HfApi' \
        "for m in HfApi(endpoint=sys.argv[1]).list_models($1):" '    print(m.id)'
}

: >"$out/rows.tsv"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(curl --version | head -1 | cut -d' ' -f1-2)${py_version:+, huggingface_hub $py_version}; median of $RUNS runs"

for n in $MODELS; do
    start_hub hub --models "$n"
    echo "== fake Hub with $n generated models on $HF_ENDPOINT"
    if [ "$SKIP_PYTHON" != 1 ] && [ "$n" = "${MODELS%% *}" ]; then
        # What every Python listing pays before its first request.
        measure "startup" "python: import huggingface_hub, no request" 0 0 \
            "$python" -c 'from huggingface_hub import HfApi'
    fi
    listings=(all plain all-json plain-json)
    declare -A counted=()
    for listing in "${listings[@]}"; do
        # `first` must be the CLI's own first request, so that curl fetches the same pages.
        # Printing ids, the CLI asks for `expand[]=private` (the Hub then sends `_id`, `id`
        # and that one field); with --json it asks for the default fields.
        python_too=0
        case $listing in
            all)
                first="$HF_ENDPOINT/api/models?inference_provider=all&expand[]=private"
                cli_args=(models --provider all)
                python_too=1 py_kwargs='inference_provider="all"' ;;
            plain)
                first="$HF_ENDPOINT/api/models?expand[]=private"
                cli_args=(models)
                python_too=1 py_kwargs='' ;;
            all-json)
                first="$HF_ENDPOINT/api/models?inference_provider=all"
                cli_args=(models --provider all --json) ;;
            plain-json)
                first="$HF_ENDPOINT/api/models"
                cli_args=(models --json) ;;
        esac
        mapfile -t urls < <(page_urls "$first")
        curl_args=()
        for u in "${urls[@]}"; do curl_args+=(-o /dev/null "$u"); done
        # Every tool must list the same models, or the figures compare different work.
        listed=$("$cli" "${cli_args[@]}" | wc -l)
        base=${listing%-json}
        if [ -n "${counted[$base]:-}" ] && [ "${counted[$base]}" != "$listed" ]; then
            echo "$listing listed $listed models, $base ${counted[$base]}" >&2
            exit 1
        fi
        counted[$base]=$listed
        if [ "$SKIP_PYTHON" = 1 ]; then python_too=0; fi
        if [ "$python_too" = 1 ]; then
            py_listed=$("$python" -c "$(py_code "$py_kwargs")" "$HF_ENDPOINT" | wc -l)
            [ "$py_listed" = "$listed" ] || {
                echo "huggingface_hub listed $py_listed models, hf-providers $listed" >&2
                exit 1
            }
        fi
        echo "  $listing: $listed models in ${#urls[@]} pages"
        group="$n $listing"
        measure "$group" "hf-providers ${cli_args[*]}" "$listed" "${#urls[@]}" \
            "$cli" "${cli_args[@]}"
        measure "$group" "curl, the same ${#urls[@]} pages" "$listed" "${#urls[@]}" \
            curl -sg --fail "${curl_args[@]}"
        if [ "$CALLGRIND" = 1 ]; then
            # Instructions do not move with the machine's load, so they show small changes.
            for tool in cli curl; do
                if [ $tool = cli ]; then cmd=("$cli" "${cli_args[@]}"); else cmd=(curl -sg --fail "${curl_args[@]}"); fi
                ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "${cmd[@]}" 2>&1 >/dev/null |
                    sed -n 's/.*Collected : \([0-9]*\)$/\1/p')
                awk -v t="$tool" -v ir="$ir" -v p="${#urls[@]}" -v m="$listed" 'BEGIN {
                    printf "  %-44s %d instructions (user space), %.2f M a page, %.0f a model\n",
                        t " (callgrind)", ir, ir / p / 1e6, ir / m }'
            done
        fi
        if [ "$python_too" = 1 ]; then
            measure "$group" "huggingface_hub list_models($py_kwargs)" "$listed" "${#urls[@]}" \
                "$python" -c "$(py_code "$py_kwargs")" "$HF_ENDPOINT"
        fi
    done
    stop_hub
done

# The table (Markdown), each tool beside curl's floor for the same pages.
echo
echo "| models in catalog | listing | tool | models listed | pages | CPU s (user+sys) | CPU vs curl | wall s | wall vs curl | peak RSS MiB |"
echo "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"
awk -F'\t' '
    { row[NR] = $0; if ($2 ~ /^curl/) { ccpu[$1] = $5; cwall[$1] = $7 } }
    END {
        for (i = 1; i <= NR; i++) {
            split(row[i], f, "\t")
            split(f[1], g, " ")
            rc = (f[1] in ccpu && ccpu[f[1]] > 0) ? sprintf("%.1fx", f[5] / ccpu[f[1]]) : "-"
            rw = (f[1] in cwall && cwall[f[1]] > 0) ? sprintf("%.2fx", f[7] / cwall[f[1]]) : "-"
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                g[1] == "startup" ? "-" : g[1], g[1] == "startup" ? "-" : g[2], f[2],
                f[3], f[4], f[5], rc, f[7], rw, f[9]
        }
    }' "$out/rows.tsv"
