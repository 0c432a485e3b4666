using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Axle;
using Axle.GpuCheck;
using Axle.IO;

// gpu-check: runs Checks.All() on one plugin and writes NAME.in*.npy, NAME.out.npy and
// results.json (plugin, platform, per-check median milliseconds) into the output directory.
//   GpuCheck [--plugin PATH] [--out DIR] [--repeat N]
// Without --plugin: AXLE_PJRT_PLUGIN, then AXLE_PLATFORM (cpu|cuda), then the bundled CPU plugin.
string? plugin = null;
string outDir = "gpu-check-out";
int repeat = 20;
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--plugin": plugin = Value(); break;
        case "--out": outDir = Value(); break;
        case "--repeat": repeat = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: GpuCheck [--plugin PATH] [--out DIR] [--repeat N]");
            return 2;
    }
}

if (repeat < 1) { Console.Error.WriteLine($"--repeat must be at least 1; got {repeat}"); return 2; }
try
{
    if (plugin is not null) Ax.UsePlugin(plugin);
    Console.WriteLine($"plugin   {Ax.Plugin.Path}");
}
catch (Exception e) when (e is Axle.Runtime.PjrtPluginLoadException or Axle.Runtime.PjrtException or ArgumentException)
{
    Console.Error.WriteLine($"gpu-check: no plugin: {e.Message}");
    return 2;
}

Directory.CreateDirectory(outDir);
Console.WriteLine($"platform {Ax.DefaultDevice.Client.PlatformName} {Ax.DefaultDevice.Client.PlatformVersion}; devices: {string.Join(", ", Ax.Devices())}");

var results = new List<Dictionary<string, object>>();
int failures = 0;
foreach (Check check in Checks.All())
{
    try
    {
        for (int k = 0; k < check.Inputs.Length; k++) Npy.Write(Path.Combine(outDir, $"{check.Name}.in{k}.npy"), check.Inputs[k]);
        var stopwatch = Stopwatch.StartNew();
        Tensor output = check.Run(check.Inputs);
        output.ToArray<byte>(); // waits for the result
        double firstMs = stopwatch.Elapsed.TotalMilliseconds;
        var times = new double[repeat];
        for (int r = 0; r < repeat; r++)
        {
            stopwatch.Restart();
            using Tensor again = check.Run(check.Inputs);
            again.ToArray<byte>();
            times[r] = stopwatch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        Npy.Write(Path.Combine(outDir, $"{check.Name}.out.npy"), output);
        results.Add(new() { ["name"] = check.Name, ["exact"] = check.Exact, ["inputs"] = check.Inputs.Length, ["first_ms"] = firstMs, ["median_ms"] = times[repeat / 2] });
        Console.WriteLine($"ran      {check.Name,-24} first {firstMs,9:F2} ms   median {times[repeat / 2],9:F3} ms");
    }
    catch (Exception e)
    {
        failures++;
        results.Add(new() { ["name"] = check.Name, ["error"] = e.Message });
        Console.WriteLine($"FAILED   {check.Name}: {e.GetType().Name}: {e.Message}");
    }
}

// Utf8JsonWriter, not JsonSerializer: the published runner is trimmed, and reflection-based
// serialization does not survive trimming.
using (var stream = File.Create(Path.Combine(outDir, "results.json")))
using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
{
    json.WriteStartObject();
    json.WriteString("plugin", Ax.Plugin.Path);
    json.WriteString("platform", Ax.DefaultDevice.Client.PlatformName);
    json.WriteString("platform_version", Ax.DefaultDevice.Client.PlatformVersion);
    json.WriteNumber("repeat", repeat);
    json.WriteStartArray("checks");
    foreach (var result in results)
    {
        json.WriteStartObject();
        foreach (var (key, value) in result)
        {
            switch (value)
            {
                case string text: json.WriteString(key, text); break;
                case bool flag: json.WriteBoolean(key, flag); break;
                case int count: json.WriteNumber(key, count); break;
                case double ms: json.WriteNumber(key, ms); break;
            }
        }

        json.WriteEndObject();
    }

    json.WriteEndArray();
    json.WriteEndObject();
}

Console.WriteLine($"wrote    {Path.GetFullPath(Path.Combine(outDir, "results.json"))}; {results.Count - failures} ran, {failures} failed");
return failures == 0 ? 0 : 1;
