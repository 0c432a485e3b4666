#!/usr/bin/env bash
# Axle's single entry point. Idempotent: installs what is missing, builds what is stale.
#
#   ./build.sh            build everything (native plugin + .NET solution)
#   ./build.sh test       build, then run every test suite (ctest + dotnet test); last line "N passed, N failed"
#   ./build.sh run        build, then run the main example on the bundled CPU plugin
#   ./build.sh bench      build, then run the benchmarks (plugin kernels, dispatch, peers, NUTS vs Stan) and append to bench/RESULTS.md
#   ./build.sh axle ARGS  build, then run the axle tool (src/Cli): list, show, stats, diff, run, compile
#   ./build.sh pack       NuGet packages (self-contained plugin built in build-static/) into artifacts/packages
#   ./build.sh gpu-check [CPU_PLUGIN]  a self-contained runner in artifacts/gpu-check(.tar.gz); on a GPU machine run ./run.sh there
#   ./build.sh test-native-asan   the native tests under ASan+UBSan (clang-22, in build-asan/)
#   ./build.sh fuzz [SECONDS]     libFuzzer over the plugin's compile + execute (default 1800 s; native/fuzz/README.md)
#   ./build.sh sbc [N]    simulation-based calibration of NUTS (N replications, default 1000), appended to bench/RESULTS.md
#   ./build.sh soak       build, then the leak soak (bench/Soak): 1,000,000 jitted calls + 100,000 eager ops, and the zero-live-objects check
#   ./build.sh bindings   regenerate bindings/Axle.Bindings/Pjrt.g.cs from native/include/pjrt_c_api.h
#   ./build.sh clean      remove build outputs (build*/, artifacts/, out/, bin/, obj/)
#
# Environment: AXLE_JOBS (parallel native jobs, default: nproc), AXLE_CONFIG (Release|Debug, default Release).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$ROOT/build"
CONFIG="${AXLE_CONFIG:-Release}"
JOBS="${AXLE_JOBS:-$(nproc 2>/dev/null || echo 2)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

APT_PACKAGES=(llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools libclang-common-22-dev libopenblas-dev
              libgtest-dev cmake ninja-build g++ pkg-config libzstd-dev
              libnetcdf19 fonts-dejavu-core)
# What the tests read Axle's files back with (InferenceData as ArviZ opens it; CmdStan CSV as rstan reads it).
TEST_PACKAGES=(python3-xarray python3-netcdf4 python3-h5netcdf r-cran-rstan r-cran-jsonlite)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

# ensure_packages [--no-recommends] [EXTRA...]: the build's packages, plus EXTRA.
ensure_packages() {
  local missing=() recommends=()
  if [ "${1:-}" = --no-recommends ]; then recommends=(--no-install-recommends); shift; fi
  for p in "${APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 ||
      die "missing packages (${missing[*]}) and no apt-get; install MLIR/LLVM 22, OpenBLAS, GoogleTest, CMake and Ninja, then set MLIR_DIR"
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${recommends[@]}" "${missing[@]}"
  fi
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is not on PATH"
}

build_native() {
  say "native: configure + build ($CONFIG, $JOBS jobs) in build/"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="$CONFIG" >/dev/null
  cmake --build "$BUILD" -j "$JOBS"
}

build_managed() {
  say "managed: dotnet build Axle.slnx ($CONFIG)"
  dotnet build "$ROOT/Axle.slnx" -c "$CONFIG" -nologo -v quiet -clp:NoSummary
}

build_all() {
  ensure_packages
  build_native
  build_managed
}

# Runs ctest and dotnet test, prints both runners' own summaries and then the total.
run_tests() {
  local log_native="$BUILD/ctest.log" log_managed="$BUILD/dotnet-test.log" log_pack="$BUILD/pack-test.log"
  local rc_native=0 rc_managed=0 rc_pack=0
  say "native tests: ctest"
  set +e
  ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS" 2>&1 | tee "$log_native"
  rc_native=${PIPESTATUS[0]}
  set -e
  say "managed tests: dotnet test"
  set +e
  dotnet test "$ROOT/Axle.slnx" -c "$CONFIG" --no-build -nologo 2>&1 | tee "$log_managed"
  rc_managed=${PIPESTATUS[0]}
  # The same end-to-end suite on every other backend found here (JAX's CUDA plugin on a GPU
  # machine); tests about the bundled plugin itself skip in those passes (tests/Axle.Tests/Backends).
  local platform rc_platform
  for platform in $(dotnet "$ROOT/src/Cli/bin/$CONFIG/net10.0/Axle.Cli.dll" plugins --platforms | grep -vx cpu); do
    say "managed tests again on $platform: AXLE_PLATFORM=$platform dotnet test tests/Axle.Tests"
    AXLE_PLATFORM="$platform" dotnet test "$ROOT/tests/Axle.Tests" -c "$CONFIG" --no-build -nologo 2>&1 | tee -a "$log_managed"
    rc_platform=${PIPESTATUS[0]}
    [ "$rc_platform" -eq 0 ] || rc_managed=$rc_platform
  done
  # The package test installs the self-contained plugin the package ships (and checks its NEEDED
  # list): build it first, in build-static/ (several minutes from scratch, seconds when current).
  say "package test: self-contained plugin (pack/build-static.sh), pack, install into a fresh console project, run (pack/test-pack.sh)"
  { "$ROOT/pack/build-static.sh" && "$ROOT/pack/test-pack.sh" "$ROOT/build-static/native/libaxle_pjrt_cpu.so"; } 2>&1 | tee "$log_pack"
  rc_pack=${PIPESTATUS[0]}
  set -e

  local n_total n_failed d_passed d_failed
  n_total=$(sed -nE 's/.*tests failed out of ([0-9]+).*/\1/p' "$log_native" | tail -n1)
  n_failed=$(sed -nE 's/.* ([0-9]+) tests failed out of.*/\1/p' "$log_native" | tail -n1)
  n_total=${n_total:-0}; n_failed=${n_failed:-0}
  d_passed=$(grep -oE 'Passed: +[0-9]+' "$log_managed" | awk '{s+=$2} END {print s+0}')
  d_failed=$(grep -oE 'Failed: +[0-9]+' "$log_managed" | awk '{s+=$2} END {print s+0}')
  local p_passed=$((rc_pack == 0 ? 1 : 0)) p_failed=$((rc_pack == 0 ? 0 : 1))
  local passed=$((n_total - n_failed + d_passed + p_passed)) failed=$((n_failed + d_failed + p_failed))
  # A runner that failed without reporting a failed test (crash, build error) still fails the run.
  if [ "$rc_native" -ne 0 ] && [ "$n_failed" -eq 0 ]; then failed=$((failed + 1)); fi
  if [ "$rc_managed" -ne 0 ] && [ "$d_failed" -eq 0 ]; then failed=$((failed + 1)); fi
  say "native: $((n_total - n_failed)) passed, $n_failed failed; managed: $d_passed passed, $d_failed failed; package: $p_passed passed, $p_failed failed"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

cmd="${1:-build}"
case "$cmd" in
  build|"") build_all ;;
  test) ensure_packages; ensure_packages --no-recommends "${TEST_PACKAGES[@]}"; build_all; run_tests ;;
  run)
    build_all
    say "run: examples/HorseshoeLogistic (StableHLO of its programs goes to out/)"
    dotnet run --project "$ROOT/examples/HorseshoeLogistic" -c "$CONFIG" --no-build ;;
  bench)
    build_all
    say "bench: bench/Plugin (the plugin's kernels next to memcpy and OpenBLAS, issue 8)"
    dotnet run --project "$ROOT/bench/Plugin" -c "$CONFIG" --no-build
    say "bench: bench/Dispatch (managed dispatch cost)"
    dotnet run --project "$ROOT/bench/Dispatch" -c "$CONFIG" --no-build
    if ! /usr/bin/python3 -c 'import torch' >/dev/null 2>&1; then
      say "installing python3-torch (PyTorch peer of bench/Peers)"
      { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch; } ||
        say "python3-torch not installed: the PyTorch column will be empty"
    fi
    say "bench: bench/Peers (Axle vs PyTorch, ONNX Runtime, TensorPrimitives, OpenBLAS, memcpy) -> bench/RESULTS.md"
    dotnet run --project "$ROOT/bench/Peers" -c "$CONFIG" --no-build -- --results "$ROOT/bench/RESULTS.md"
    # It installs rstan itself when missing (bench/Ppl/README.md).
    say "bench: bench/Ppl (Axle's NUTS vs Stan's; the seed gradient vs C#) -> bench/RESULTS.md"
    dotnet run --project "$ROOT/bench/Ppl" -c "$CONFIG" --no-build -- --results "$ROOT/bench/RESULTS.md" ;;
  sbc)
    shift
    build_all
    say "sbc: simulation-based calibration of NUTS (tools/Sbc) -> bench/RESULTS.md"
    dotnet "$ROOT/tools/Sbc/bin/$CONFIG/net10.0/Sbc.dll" "${1:-1000}" --results "$ROOT/bench/RESULTS.md" ;;
  pack)
    build_all
    say "pack: self-contained plugin (build-static/) + NuGet packages -> artifacts/packages/"
    "$ROOT/pack/pack.sh" ;;
  gpu-check)
    build_all
    say "gpu-check: self-contained runner -> artifacts/gpu-check/"
    "$ROOT/tools/GpuCheck/gpu-check.sh" "${2:-}" ;;
  test-native-asan) "$ROOT/native/fuzz/run.sh" asan-test ;;
  fuzz) shift; "$ROOT/native/fuzz/run.sh" fuzz "$@" ;;
  soak)
    shift
    build_all
    say "soak: bench/Soak (1,000,000 jitted calls, 100,000 eager ops; RSS and live counts sampled)"
    dotnet "$ROOT/bench/Soak/bin/$CONFIG/net10.0/Axle.Soak.dll" "$@"
    dotnet "$ROOT/bench/Soak/bin/$CONFIG/net10.0/Axle.Soak.dll" shutdown-check ;;
  axle)
    shift
    build_all >&2 # keeps build output off stdout (axle stats --json | jq)
    dotnet "$ROOT/src/Cli/bin/$CONFIG/net10.0/Axle.Cli.dll" "$@" ;;
  bindings)
    ensure_packages
    say "bindings: regenerating bindings/Axle.Bindings/Pjrt.g.cs"
    dotnet run --project "$ROOT/bindings/Generator" -c "$CONFIG" -- \
      "$ROOT/native/include/pjrt_c_api.h" "$ROOT/bindings/Axle.Bindings/Pjrt.g.cs" ;;
  clean)
    say "clean: build/, build-static/, build-asan/, artifacts/, out/ and every bin/ obj/"
    rm -rf "$BUILD" "$ROOT/build-static" "$ROOT/build-asan" "$ROOT/artifacts" "$ROOT/out"
    find "$ROOT" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + ;;
  # The header comment, up to the first line that is not a comment.
  -h|--help|help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" ;;
  *) die "unknown command '$cmd' (try ./build.sh help)" ;;
esac
