#!/usr/bin/env bash
# Sanitizer builds of the native code (issue 10), called by build.sh:
#
#   native/fuzz/run.sh asan-test          build build-asan/ (clang-22, ASan+UBSan) and run ctest there
#   native/fuzz/run.sh fuzz [SECONDS]     build the libFuzzer target and fuzz (default 1800 s, 1 process)
#
# One build directory serves both: every native target is compiled with
# -fsanitize=address,undefined,fuzzer-no-link (coverage only; no libFuzzer main), and
# axle_pjrt_fuzz links -fsanitize=fuzzer. The JIT'd code is not instrumented.
# Environment: AXLE_JOBS (default 2), AXLE_FUZZ_EXTRA_SEEDS (folders of extra .mlir seeds,
# e.g. an AXLE_DUMP_DIR), AXLE_FUZZ_CORPUS (working corpus, default build-asan/fuzz-corpus).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/build-asan"
JOBS="${AXLE_JOBS:-2}"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

ensure_clang() {
  command -v clang++-22 >/dev/null 2>&1 &&
    [ -e /usr/lib/llvm-22/lib/clang/22/lib/linux/libclang_rt.fuzzer-x86_64.a ] && return
  say "installing clang-22 libclang-rt-22-dev"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang-22 libclang-rt-22-dev
}

configure() {
  ensure_clang
  say "native (ASan+UBSan, clang-22): configure + build in build-asan/ ($JOBS jobs)"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
    "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
    -DAXLE_SANITIZE=address,undefined,fuzzer-no-link -DAXLE_FUZZ=ON >/dev/null
}

# halt_on_error makes a UBSan report fail the test instead of scrolling by. LeakSanitizer is
# on (ASan's default): MLIR/LLVM's own singletons stay reachable and are not reported.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

case "${1:-}" in
  asan-test)
    configure
    cmake --build "$BUILD" -j "$JOBS"
    say "native tests under ASan+UBSan: ctest in build-asan/"
    ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS" ;;
  fuzz)
    seconds="${2:-1800}"
    configure
    cmake --build "$BUILD" -j "$JOBS" --target axle_pjrt_fuzz
    corpus="${AXLE_FUZZ_CORPUS:-$BUILD/fuzz-corpus}"
    seeds="$BUILD/fuzz-seeds"
    # shellcheck disable=SC2086
    python3 "$ROOT/native/fuzz/seeds.py" "$ROOT" "$seeds" "$BUILD/fuzz.dict" ${AXLE_FUZZ_EXTRA_SEEDS:-}
    mkdir -p "$corpus" "$BUILD/fuzz-artifacts"
    say "fuzz: axle_pjrt_fuzz for $seconds s (corpus $corpus, crashes in build-asan/fuzz-artifacts/)"
    # The target runs only programs whose tensors are all <= 16 MiB, so 4 GiB of RSS or one
    # malloc of 2 GiB means a bug, not a big program. One process: the machine is shared.
    set +e
    "$BUILD/native/fuzz/axle_pjrt_fuzz" "$corpus" "$seeds" \
      -dict="$BUILD/fuzz.dict" -max_total_time="$seconds" -timeout=60 \
      -rss_limit_mb=4096 -malloc_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
      -artifact_prefix="$BUILD/fuzz-artifacts/" >"$BUILD/fuzz.log" 2>&1
    rc=$?
    set -e
    grep -E '^#[0-9]+.*(INITED|DONE)|stat::|SUMMARY|ERROR' "$BUILD/fuzz.log" | tail -n 20
    echo "fuzz: libFuzzer exit $rc; corpus: $(ls "$corpus" | wc -l) files"
    ls "$BUILD/fuzz-artifacts" | grep -qE '^(crash|leak|timeout|oom)-' &&
      die "findings in build-asan/fuzz-artifacts/ (log: build-asan/fuzz.log)"
    [ "$rc" -eq 0 ] || die "libFuzzer exited with $rc (log: build-asan/fuzz.log)"
    say "fuzz: no crash" ;;
  *) die "usage: native/fuzz/run.sh asan-test | fuzz [SECONDS]" ;;
esac
