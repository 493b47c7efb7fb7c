#!/usr/bin/env bash
# Work after the fetch grows at most n log n: each CLI command that reads the router's catalog,
# timed on catalogs of 8,000 and 80,000 models (two providers each), and on one model with
# 8,000 and 80,000 providers (its Hub mapping as long), served from files on 127.0.0.1. Prints
# the median wall time of 3 runs and the growth from the smaller to the larger: about tenfold
# is linear; a hundredfold would be quadratic.
#
#   bash benches/catalog_scale.sh
#   CLI=path/to/hf-providers bash benches/catalog_scale.sh   # another build (an older one)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
out=$target/bench-out/catalog-scale
mkdir -p "$out"
if [[ -z ${CLI:-} ]]; then
    cargo build --quiet --release --features cli --bin hf-providers
fi
cli=${CLI:-$(cd "$target/release" && pwd)/hf-providers}

python3 - "$cli" "$out" <<'PY'
import json, os, random, statistics, subprocess, sys, threading, time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

cli, out = sys.argv[1], sys.argv[2]
rng = random.Random(7)
NAMES = ["novita", "together", "fireworks-ai", "groq", "deepinfra", "nscale", "cerebras"]

def provider(name):
    return {"provider": name, "status": "live", "context_length": rng.choice([32768, 131072]),
            "pricing": {"input": round(rng.uniform(0.05, 3), 2), "output": round(rng.uniform(0.1, 9), 2)},
            "throughput": round(rng.uniform(5, 500), 2)}

def site(name, models, providers_of_first):
    root = os.path.join(out, name)
    data = [{"id": "acme/m", "object": "model", "providers":
             [provider(f"p{i}") for i in range(providers_of_first)] or [provider(n) for n in NAMES[:2]]}]
    data += [{"id": f"org{i % 97}/model-{i}", "object": "model",
              "providers": [provider(n) for n in rng.sample(NAMES, 2)]} for i in range(models - 1)]
    os.makedirs(os.path.join(root, "v1"), exist_ok=True)
    with open(os.path.join(root, "v1", "models"), "w") as f:
        json.dump({"object": "list", "data": data}, f)
    names = [p["provider"] for p in data[0]["providers"]]
    mapping = {n: {"status": "live", "providerId": f"acme/m-{n}", "task": "conversational"} for n in names}
    os.makedirs(os.path.join(root, "api", "models", "acme"), exist_ok=True)
    with open(os.path.join(root, "api", "models", "acme", "m"), "w") as f:
        json.dump({"_id": "1", "id": "acme/m", "inferenceProviderMapping": mapping}, f)
    return root, os.path.getsize(os.path.join(root, "v1", "models"))

class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

def serve(root):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

def timed(url, args):
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "HF_HOME": "/nonexistent",
           "HF_ENDPOINT": url, "HF_ROUTER_URL": url, "NO_PROXY": "*"}
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run([cli, "--timeout", "600", *args], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
        runs.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{args}: exit {done.returncode}: {done.stderr.decode()}")
    return statistics.median(runs)

commands = [["catalog"], ["catalog", "--json"], ["catalog", "--sort", "cheapest"],
            ["catalog", "--sort", "fastest"], ["resolve", "acme/m", "--explain"],
            ["providers", "acme/m", "--details"], ["providers", "acme/m", "--details", "--json"]]
for label, small, large in [("models (2 providers each)", (8000, 0), (80000, 0)),
                            ("providers of one model", (1, 8000), (1, 80000))]:
    sites = [site(f"{label[0]}{n}", *sizes) for n, sizes in (("s", small), ("l", large))]
    servers = [serve(root) for root, _ in sites]
    urls = [f"http://127.0.0.1:{s.server_address[1]}" for s in servers]
    print(f"\n{label}: {small} -> {large}, catalog {sites[0][1]:,} -> {sites[1][1]:,} bytes")
    print(f"  {'command':42} {'small s':>9} {'large s':>9} {'growth':>7}")
    for args in commands:
        t_small, t_large = timed(urls[0], args), timed(urls[1], args)
        print(f"  {' '.join(args):42} {t_small:9.3f} {t_large:9.3f} {t_large / t_small:6.1f}x")
    for s in servers:
        s.shutdown()
PY
