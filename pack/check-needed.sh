#!/usr/bin/env bash
# Checks that a shared library needs only system libraries (what every glibc Linux has), so the
# plugin in Axle.Runtime.linux-x64 loads on a machine without the LLVM/MLIR/OpenBLAS packages.
#   pack/check-needed.sh path/to/libaxle_pjrt_cpu.so    exit 0 when self-contained; lists offenders otherwise
set -euo pipefail
lib="${1:?usage: check-needed.sh LIBRARY}"
[ -f "$lib" ] || { echo "check-needed: $lib does not exist" >&2; exit 2; }
command -v readelf >/dev/null || { echo "check-needed: readelf (binutils) is not on PATH" >&2; exit 2; }
allowed='^(libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|ld-linux-x86-64\.so\.2)$'
needed=$(readelf -d "$lib" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
[ -n "$needed" ] || { echo "check-needed: $lib has no NEEDED entries (not a dynamic library?)" >&2; exit 2; }
bad=$(printf '%s\n' "$needed" | grep -Ev "$allowed" || true)
if [ -n "$bad" ]; then
  echo "check-needed: $lib needs non-system libraries:" >&2
  printf '  %s\n' $bad >&2
  exit 1
fi
echo "check-needed: $lib needs only system libraries: $(echo $needed)"
