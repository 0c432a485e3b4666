#!/usr/bin/env bash
# The pack-and-install test: packs Axle and Axle.Runtime.linux-x64 into a temporary local feed,
# creates a fresh console project, adds both packages from that feed (nuget.org stays as the
# usual second source), runs a jitted function and checks its output. When the packed plugin is
# the self-contained build, also checks its NEEDED list (pack/check-needed.sh).
#
#   pack/test-pack.sh [PLUGIN]   PLUGIN defaults to build-static/native/libaxle_pjrt_cpu.so when
#                                it exists, else build/native/libaxle_pjrt_cpu.so (development build,
#                                which needs the LLVM 22 packages: the NEEDED check is skipped).
# Needs ./build.sh to have built the managed code (Configuration from AXLE_CONFIG, default Release).
# Last line: "pack test: passed" or "pack test: FAILED (...)"; exit status 0 or 1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="${AXLE_CONFIG:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

plugin="${1:-}"
if [ -z "$plugin" ]; then
  if [ -f "$ROOT/build-static/native/libaxle_pjrt_cpu.so" ]; then plugin="$ROOT/build-static/native/libaxle_pjrt_cpu.so"
  else plugin="$ROOT/build/native/libaxle_pjrt_cpu.so"; fi
fi
plugin="$(realpath "$plugin")"
fail() { echo "pack test: FAILED ($*)"; exit 1; }
[ -f "$plugin" ] || fail "no plugin at $plugin"

work="$(mktemp -d "${TMPDIR:-/tmp}/axle-pack-test.XXXXXX")"
[ -n "${AXLE_PACK_TEST_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
log="$work/log"

case "$plugin" in
  "$ROOT"/build-static/*) "$ROOT/pack/check-needed.sh" "$plugin" || fail "the packaged plugin needs non-system libraries" ;;
  *) echo "pack test: $plugin is the development build; NEEDED check skipped (it runs on build-static/)" ;;
esac

version=$(dotnet msbuild "$ROOT/pack/Axle/Axle.Package.csproj" -getProperty:Version -nologo)
echo "pack test: packing $version into $work/feed (plugin $plugin)"
dotnet pack "$ROOT/pack/Axle/Axle.Package.csproj" -c "$CONFIG" -o "$work/feed" -nologo >"$log" 2>&1 ||
  { cat "$log"; fail "dotnet pack Axle"; }
dotnet pack "$ROOT/pack/Axle.Runtime.linux-x64/Axle.Runtime.linux-x64.csproj" -c "$CONFIG" -o "$work/feed" \
  -p:AxlePluginPath="$plugin" -nologo >"$log" 2>&1 || { cat "$log"; fail "dotnet pack Axle.Runtime.linux-x64"; }

# A fresh project far from the repository (no Directory.Build.props, no central versions), with
# its own package folder so a stale cached Axle $version can never stand in for the new one.
app="$work/app"
mkdir -p "$app"
cat >"$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources>
    <clear />
    <add key="axle-local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
(
  cd "$app"
  dotnet new console --framework net10.0 --name PackTestApp --output . >"$log" 2>&1 || { cat "$log"; exit 1; }
  dotnet add package Axle --version "$version" >"$log" 2>&1 || { cat "$log"; exit 1; }
  dotnet add package Axle.Runtime.linux-x64 --version "$version" >"$log" 2>&1 || { cat "$log"; exit 1; }
) || fail "creating the console project and adding the packages"

cat >"$app/Program.cs" <<'CS'
using Axle;
using static Axle.Ops;

Func<Tensor, Tensor> f = t => Sum(Sin(t) * t);
Console.WriteLine($"sin {Ax.Jit(f)(Tensor.From(new float[] { 1, 2, 3 })).Item<float>()}");
// 64x64x64 multiply-adds: large enough that the plugin hands it to OpenBLAS.
var ones = new float[64, 64];
for (int i = 0; i < 64; i++) for (int j = 0; j < 64; j++) ones[i, j] = 1;
Func<Tensor, Tensor> g = a => Sum(MatMul(a, a));
Console.WriteLine($"matmul {Ax.Jit(g)(Tensor.From(ones)).Item<float>()}");
Console.WriteLine($"plugin {Ax.DefaultDevice.Client.Plugin.Path}");
CS

out="$work/out.txt"
( cd "$app" && env -u AXLE_PJRT_PLUGIN -u AXLE_PLATFORM dotnet run -c Release >"$out" 2>&1 ) ||
  { cat "$out"; fail "the console app did not run"; }
cat "$out"
grep -qx 'sin 3.0834255' "$out" || fail "expected 'sin 3.0834255'"
grep -qx 'matmul 262144' "$out" || fail "expected 'matmul 262144'"
grep -q "^plugin $app/bin/.*/libaxle_pjrt_cpu.so\$" "$out" || fail "the plugin was not the packaged one"
cmp -s "$plugin" "$(sed -n 's/^plugin //p' "$out")" || fail "the loaded plugin differs from $plugin"
echo "pack test: passed"
