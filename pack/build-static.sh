#!/usr/bin/env bash
# Builds the self-contained plugin, build-static/native/libaxle_pjrt_cpu.so (AXLE_STATIC_MLIR=ON:
# MLIR, LLVM, OpenBLAS, zlib and zstd linked in). Used by ./build.sh pack and by ./build.sh
# test; both then check its NEEDED list (pack.sh, test-pack.sh).
# Environment: AXLE_JOBS (default 2: the static link is memory-hungry).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${AXLE_JOBS:-2}"
STATIC="$ROOT/build-static"

echo "==> self-contained plugin in build-static/ ($JOBS jobs)"
cmake -S "$ROOT" -B "$STATIC" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAXLE_STATIC_MLIR=ON -DAXLE_BUILD_TESTS=OFF >/dev/null
cmake --build "$STATIC" -j "$JOBS" --target axle_pjrt_cpu
