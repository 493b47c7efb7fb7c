#!/usr/bin/env bash
# Static binary sizes: the CLI beside the floor it sits on (a program that only does one
# ureq + rustls GET), both built for x86_64-unknown-linux-musl with the `min-size` profile
# (opt-level "s", LTO, one codegen unit, panic=abort, stripped).
#
#   bash benches/size.sh
#
# Needs Debian's musl-tools (`apt-get install musl-tools`) for the C parts of ring.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-unknown-linux-musl
rustup target list --installed | grep -qx "$target" || rustup target add "$target"
command -v musl-gcc >/dev/null || { echo "musl-gcc missing: apt-get install musl-tools" >&2; exit 1; }

# Everything built goes under Cargo's target directory, wherever it is.
build=${CARGO_TARGET_DIR:-target}
cargo build --quiet --locked --profile min-size --features cli --target "$target"
cargo build --quiet --locked --profile min-size --target "$target" \
    --manifest-path benches/size-floor/Cargo.toml --target-dir "$build/size-floor"

cli=$build/$target/min-size/hf-providers
floor=$build/size-floor/$target/min-size/size-floor
file "$cli" | grep -q 'static' || { echo "$cli is not static" >&2; exit 1; }
cli_bytes=$(stat -c %s "$cli")
floor_bytes=$(stat -c %s "$floor")
printf '%-36s %10s bytes\n' "hf-providers (CLI, stripped)" "$cli_bytes"
printf '%-36s %10s bytes\n' "floor (bare ureq+rustls GET)" "$floor_bytes"
printf '%-36s %10s bytes (%d KiB)\n' "difference" "$((cli_bytes - floor_bytes))" \
    "$(((cli_bytes - floor_bytes) / 1024))"
