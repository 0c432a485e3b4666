using System.Diagnostics;
using System.Globalization;
using Axle.Soak;

// Usage:
//   Axle.Soak [--jit-calls N] [--eager-ops N] [--sample-every N]   the leak soak (defaults: 1,000,000 / 100,000 / 50,000)
//   Axle.Soak shutdown-check [PLUGIN_PATH]                         zero live objects after releasing everything
if (args.Length > 0 && args[0] == "shutdown-check")
{
    return ShutdownCheck.Run(args.Length > 1 ? args[1] : null, Console.Out);
}

long jitCalls = 1_000_000, eagerOps = 100_000, sampleEvery = 50_000;
for (int i = 0; i < args.Length; i++)
{
    string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value", nameof(args));
    long n = long.Parse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    switch (args[i++])
    {
        case "--jit-calls": jitCalls = n; break;
        case "--eager-ops": eagerOps = n; break;
        case "--sample-every": sampleEvery = n; break;
        default: throw new ArgumentException($"unknown option {args[i - 1]}", nameof(args));
    }
}

var clock = Stopwatch.StartNew();
var jit = SoakRun.JitCalls(jitCalls, sampleEvery, SoakBounds.Default, Console.Out);
double jitSeconds = clock.Elapsed.TotalSeconds;
clock.Restart();
var eager = SoakRun.EagerOps(eagerOps, Math.Max(2, sampleEvery / 5), SoakBounds.Default, Console.Out);
double eagerSeconds = clock.Elapsed.TotalSeconds;

Console.WriteLine();
Console.WriteLine($"jit:   {jitCalls:N0} calls in {jitSeconds:F1} s, RSS growth {jit.ResidentGrowth / 1024} KiB, heap growth {jit.HeapGrowth / 1024} KiB");
Console.WriteLine($"eager: {eagerOps:N0} ops in {eagerSeconds:F1} s, RSS growth {eager.ResidentGrowth / 1024} KiB, heap growth {eager.HeapGrowth / 1024} KiB");
Console.WriteLine($"bounds: RSS {SoakBounds.Default.MaxResidentGrowthBytes / 1024} KiB, heap {SoakBounds.Default.MaxHeapGrowthBytes / 1024} KiB; live buffers/executables/events must stay at the warm-up level");
var failures = jit.Failures.Concat(eager.Failures).ToList();
foreach (string f in failures) Console.WriteLine("FAIL " + f);
Console.WriteLine(failures.Count == 0 ? "soak: OK" : "soak: FAILED");
return failures.Count == 0 ? 0 : 1;
