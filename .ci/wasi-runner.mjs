// Runs a wasm32-wasip1 program under Node's WASI (preview1): `node wasi-runner.mjs prog.wasm args...`.
// Cargo calls it through CARGO_TARGET_WASM32_WASIP1_RUNNER (see .ci/wasi-test).
//
// The guest sees a fresh, empty host directory as /tmp (and TMPDIR=/tmp), deleted afterwards,
// so tests that write temp files run as they do natively. WASI_DIR=guest:host preopens one more
// directory (the example's fixtures). Only RUST_* variables are passed through: the host's HOME
// or PATH mean nothing inside the sandbox.
//
// The exit code is the guest's. A panic (panic=abort on this target) traps; the trap is
// reported and the exit code is 101, like a failed native test binary.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';

const [wasmPath, ...args] = process.argv.slice(2);
if (!wasmPath) {
  console.error('usage: wasi-runner.mjs program.wasm [args...]');
  process.exit(2);
}

const hostTmp = mkdtempSync(join(tmpdir(), 'hf-providers-wasi-'));
const preopens = { '/tmp': hostTmp };
if (process.env.WASI_DIR) {
  const at = process.env.WASI_DIR.indexOf(':');
  preopens[process.env.WASI_DIR.slice(0, at)] = process.env.WASI_DIR.slice(at + 1);
}
const env = { TMPDIR: '/tmp' };
for (const [name, value] of Object.entries(process.env)) {
  if (name.startsWith('RUST_')) env[name] = value;
}

let code;
try {
  const wasi = new WASI({ version: 'preview1', args: [wasmPath, ...args], env, preopens, returnOnExit: true });
  const module = await WebAssembly.compile(readFileSync(wasmPath));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance);
} catch (e) {
  console.error(`wasi-runner: ${wasmPath} trapped: ${e}`);
  code = 101;
} finally {
  rmSync(hostTmp, { recursive: true, force: true });
}
process.exit(code);
