# Sourced by the bench scripts that run the CLI against the fake Hub (listing.sh, resolve.sh,
# partner.sh): builds both (release) and the rusage wrapper, keeps the caller's environment
# from sending a request anywhere else, and starts and stops the fake Hub on 127.0.0.1. Logs
# and results go to $out.
target=${CARGO_TARGET_DIR:-target}
out=$target/bench-out
mkdir -p "$out"
echo "== building (release)"
cargo build --release --features cli --bin hf-providers --example fake_hub 2>&1 | tail -1
cc -O2 -Wall -o "$out/rusage" benches/rusage.c
cli=$target/release/hf-providers
hub_bin=$target/release/examples/fake_hub

# No proxy and no token of the caller's: every request goes to the fake Hub, unauthenticated.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy HF_TOKEN HF_TOKEN_PATH
export NO_PROXY='*' no_proxy='*' HF_HUB_DISABLE_IMPLICIT_TOKEN=1

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
minmax() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s..%s", lo, hi }'; }

hub_pid=
stop_hub() {
    if [ -n "$hub_pid" ]; then
        kill "$hub_pid" 2>/dev/null || true
        wait "$hub_pid" 2>/dev/null || true
        hub_pid=
    fi
}

# start_hub NAME ARGS...: the fake Hub with ARGS, its log in $out/NAME.log; sets hub_pid and
# hub_url, and points HF_ENDPOINT and HF_ROUTER_URL at it. The caller's EXIT trap calls
# stop_hub.
start_hub() {
    local name=$1
    shift
    rm -f "$out/$name.url"
    "$hub_bin" --port 0 "$@" >"$out/$name.url" 2>"$out/$name.log" &
    hub_pid=$!
    for _ in $(seq 600); do
        [ -s "$out/$name.url" ] && break
        kill -0 "$hub_pid" 2>/dev/null || { cat "$out/$name.log" >&2; exit 1; }
        sleep 0.1
    done
    hub_url=$(head -1 "$out/$name.url")
    case "$hub_url" in
        http://127.0.0.1:*) ;;
        *) echo "the fake Hub is not on 127.0.0.1: $hub_url" >&2; exit 1 ;;
    esac
    export HF_ENDPOINT=$hub_url HF_ROUTER_URL=$hub_url
}
