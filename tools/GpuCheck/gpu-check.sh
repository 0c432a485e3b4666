#!/usr/bin/env bash
# Builds the gpu-check bundle: a self-contained, trimmed GpuCheck runner (no .NET install
# needed on the GPU machine) holding the managed test suite, the seed workflow and the timed
# checks, plus compare_jax.py and a run script, in artifacts/gpu-check/ (and
# artifacts/gpu-check.tar.gz to carry over). On the GPU machine:
#   tar xzf gpu-check.tar.gz && cd gpu-check && ./run.sh            # AXLE_PLATFORM=cuda: JAX's plugin, found in PATH's Python
#   ./run.sh --plugin /path/to/xla_cuda_plugin.so                   # or name it
# Usage: tools/GpuCheck/gpu-check.sh [CPU_PLUGIN]
#   CPU_PLUGIN: also bundle this CPU plugin (e.g. build-static/native/libaxle_pjrt_cpu.so, 200 MB)
#   so `AXLE_PLATFORM=cpu ./run.sh` works there too; left out by default to keep the bundle small.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONFIG="${AXLE_CONFIG:-Release}"
OUT="$ROOT/artifacts/gpu-check"
plugin="${1:-}"
[ -z "$plugin" ] || [ -f "$plugin" ] || { echo "gpu-check: no CPU plugin at $plugin" >&2; exit 1; }

rm -rf "$OUT"
# Self-contained and trimmed: see AxleBundle in GpuCheck.csproj.
dotnet publish "$ROOT/tools/GpuCheck/GpuCheck.csproj" -c "$CONFIG" -p:AxleBundle=true -o "$OUT" -nologo -v quiet
# The publish copies Axle's development plugin along (it needs LLVM 22 installed): replace or drop it.
rm -f "$OUT/libaxle_pjrt_cpu.so"
[ -z "$plugin" ] || cp "$plugin" "$OUT/libaxle_pjrt_cpu.so"
cp "$ROOT/tools/GpuCheck/compare_jax.py" "$OUT/"
cat >"$OUT/run.sh" <<'RUN'
#!/usr/bin/env bash
# On the GPU (JAX's CUDA plugin, unless --plugin or AXLE_PLATFORM say otherwise): the managed test
# suite, the seed workflow and the timed checks (GpuCheck all), then the comparison with JAX itself
# when python3 can import jax. Results land in ./gpu-check-out/. One part: ./run.sh suite|workflow|checks.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export AXLE_PLATFORM="${AXLE_PLATFORM:-cuda}"
"$here/GpuCheck" "$@" --out gpu-check-out; rc=$?
if [ ! -f gpu-check-out/results.json ]; then
  echo "run.sh: no checks ran: comparison skipped"
elif python3 -c 'import jax' 2>/dev/null; then
  python3 "$here/compare_jax.py" gpu-check-out || rc=1
else
  echo "run.sh: python3 cannot import jax: comparison skipped"
fi
exit $rc
RUN
chmod +x "$OUT/run.sh"
tar -C "$ROOT/artifacts" -czf "$ROOT/artifacts/gpu-check.tar.gz" gpu-check
echo "gpu-check: $OUT ($(du -sh "$OUT" | cut -f1); $(du -h "$ROOT/artifacts/gpu-check.tar.gz" | cut -f1) packed)"
