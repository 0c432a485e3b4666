#!/usr/bin/env bash
# ./build.sh pack: builds the self-contained plugin (build-static/: MLIR, LLVM, OpenBLAS, zlib
# and zstd linked in; AXLE_STATIC_MLIR=ON), checks its NEEDED list, and packs Axle and
# Axle.Runtime.linux-x64 into artifacts/packages/. Expects ./build.sh to have built the managed
# code (build.sh pack does). Environment: AXLE_JOBS (default 2: the static link is memory-hungry),
# AXLE_CONFIG (Release).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="${AXLE_CONFIG:-Release}"
OUT="$ROOT/artifacts/packages"

"$ROOT/pack/build-static.sh"
plugin="$ROOT/build-static/native/libaxle_pjrt_cpu.so"
"$ROOT/pack/check-needed.sh" "$plugin"

echo "==> pack: NuGet packages -> artifacts/packages/"
mkdir -p "$OUT"
dotnet pack "$ROOT/pack/Axle/Axle.Package.csproj" -c "$CONFIG" -o "$OUT" -nologo -v quiet
dotnet pack "$ROOT/pack/Axle.Runtime.linux-x64/Axle.Runtime.linux-x64.csproj" -c "$CONFIG" -o "$OUT" \
  -p:AxlePluginPath="$plugin" -nologo -v quiet
ls -l "$OUT"/*.nupkg
