using System.Diagnostics;
using System.Text.Json;
using Axle.IO;

namespace Axle.GpuCheck;

/// <summary>
/// Runs <see cref="Checks.All"/> on the default plugin, timing each, and writes NAME.in*.npy,
/// NAME.out.npy and results.json (plugin, platform, per-check median milliseconds) for compare_jax.py.
/// </summary>
internal static class ChecksRunner
{
    /// <summary>Returns the number of checks that failed to run.</summary>
    public static int Run(string outDir, int repeat)
    {
        Directory.CreateDirectory(outDir);
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
                    // Until the result is ready on the device, no copy back: what JAX's
                    // block_until_ready measures on the other side.
                    using Tensor again = check.Run(check.Inputs);
                    again.BlockUntilReady();
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
        return failures;
    }
}
