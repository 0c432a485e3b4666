using System.Globalization;
using System.Reflection;
using Axle;
using Axle.GpuCheck;

// gpu-check: on one PJRT plugin, runs
//   suite     the managed test suite (Axle.Tests; tests about the bundled CPU plugin skip elsewhere)
//   workflow  the seed Bayesian workflow (examples/HorseshoeLogistic, its own pass/fail checks)
//   checks    end-to-end programs timed, written as .npy + results.json for compare_jax.py
//   all       the three, in that order (the default)
// GpuCheck [all|suite|workflow|checks] [--plugin PATH] [--out DIR] [--repeat N] [--filter TEXT]
// Without --plugin: AXLE_PJRT_PLUGIN, then AXLE_PLATFORM (cpu|cuda), then the bundled CPU plugin.
const string Usage = "usage: GpuCheck [all|suite|workflow|checks] [--plugin PATH] [--out DIR] [--repeat N] [--filter TEXT]";
string mode = "all";
string? plugin = null, filter = null;
string outDir = "gpu-check-out";
int repeat = 20;
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "all" or "suite" or "workflow" or "checks" when i == 0: mode = args[i]; break;
        case "--plugin": plugin = Value(); break;
        case "--out": outDir = Value(); break;
        case "--repeat": repeat = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--filter": filter = Value(); break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; {Usage}");
            return 2;
    }
}

if (repeat < 1) { Console.Error.WriteLine($"--repeat must be at least 1; got {repeat}"); return 2; }
// Through the environment, not Ax.UsePlugin: the suite's backend check reads it too.
if (plugin is not null) Environment.SetEnvironmentVariable("AXLE_PJRT_PLUGIN", Path.GetFullPath(plugin));
try
{
    Console.WriteLine($"plugin   {Ax.Plugin.Path}");
    Console.WriteLine($"platform {Ax.DefaultDevice.Client.PlatformName} {Ax.DefaultDevice.Client.PlatformVersion}; devices: {string.Join(", ", Ax.Devices())}");
}
catch (Exception e) when (e is Axle.Runtime.PjrtPluginLoadException or Axle.Runtime.PjrtException or ArgumentException)
{
    Console.Error.WriteLine($"gpu-check: no plugin: {e.Message}");
    return 2;
}

int failures = 0;
if (mode is "all" or "suite")
{
    Console.WriteLine("== suite: Axle.Tests");
    failures += SuiteRunner.Run(Assembly.Load("Axle.Tests"), filter, Console.Out);
}

if (mode is "all" or "workflow")
{
    Console.WriteLine("== workflow: examples/HorseshoeLogistic");
    MethodInfo main = Assembly.Load("HorseshoeLogistic").EntryPoint!;
    object? code = main.Invoke(null, [Array.Empty<string>()]);
    if (code is not 0)
    {
        Console.WriteLine($"FAILED   workflow: exit code {code}");
        failures++;
    }
}

if (mode is "all" or "checks")
{
    Console.WriteLine("== checks: programs for compare_jax.py");
    failures += ChecksRunner.Run(outDir, repeat);
}

Console.WriteLine(failures == 0 ? "gpu-check: passed" : $"gpu-check: {failures} failed");
return failures == 0 ? 0 : 1;
