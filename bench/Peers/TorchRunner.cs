using System.Diagnostics;
using System.Text.Json;

namespace Axle.Bench.Peers;

/// <summary>One PyTorch measurement: median, repetitions, first call, and its probed output values by name.</summary>
/// <param name="Ms">The faster of the 1- and 2-thread medians.</param>
/// <param name="ByThreads">Each thread count's timing (raw numbers).</param>
internal sealed record TorchResult(double Ms, int Reps, double FirstMs, Dictionary<string, double[]> Probes, Dictionary<string, double> Stats,
    Dictionary<int, Timing> ByThreads);

/// <summary>
/// Runs bench/Peers/torch_bench.py (next to the assembly) once for the selected groups, before
/// any Axle work, so the two never compete for the cores; parses the JSON it prints.
/// </summary>
internal static class TorchRunner
{
    public const string NotInstalled = "PyTorch not installed (apt-get install python3-torch)";

    /// <summary>
    /// The results by workload key and a line naming the torch version; or null results with the
    /// reason, and <c>Failed</c> when the script itself broke (not installed is not a failure).
    /// </summary>
    public static (Dictionary<string, TorchResult>? Results, string Info, bool Failed) Run(Options o)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "torch_bench.py");
        if (!File.Exists(script)) return (null, $"PyTorch skipped: {script} not found", true);
        var psi = new ProcessStartInfo(o.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, "--only", string.Join(",", o.Only), "--budget", o.BudgetSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                                  "--min-reps", o.MinReps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-reps", o.MaxReps.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"PyTorch skipped: cannot start {o.Python} ({e.Message})", true);
        }
        using (p)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode == 3) return (null, NotInstalled, false);
            if (p.ExitCode != 0) return (null, $"PyTorch failed: torch_bench.py exited with {p.ExitCode}: {Tail(stderr.Result)}", true);
            try
            {
                var (results, info) = Parse(stdout);
                return (results, info, false);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return (null, $"PyTorch failed: cannot read torch_bench.py's output ({e.Message})", true);
            }
        }
    }

    private static string Tail(string s) => s.Length <= 2000 ? s.Trim() : "…" + s[^2000..].Trim();

    private static (Dictionary<string, TorchResult>, string) Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        var root = doc.RootElement;
        var results = new Dictionary<string, TorchResult>();
        foreach (var w in root.GetProperty("results").EnumerateObject())
        {
            var v = w.Value;
            var probes = v.TryGetProperty("probes", out var pr)
                ? pr.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.EnumerateArray().Select(Number).ToArray())
                : [];
            var stats = v.TryGetProperty("stats", out var st)
                ? st.EnumerateObject().ToDictionary(x => x.Name, x => Number(x.Value))
                : [];
            var byThreads = v.GetProperty("by_threads").EnumerateObject().ToDictionary(
                x => int.Parse(x.Name, System.Globalization.CultureInfo.InvariantCulture),
                x => new Timing(Number(x.Value.GetProperty("first_ms")), Number(x.Value.GetProperty("ms")), x.Value.GetProperty("reps").GetInt32()));
            results[w.Name] = new TorchResult(Number(v.GetProperty("ms")), v.GetProperty("reps").GetInt32(),
                Number(v.GetProperty("first_ms")), probes, stats, byThreads);
        }
        return (results, $"PyTorch {root.GetProperty("torch").GetString()} ({root.GetProperty("threads").GetString()} threads)");
    }

    // The script writes non-finite floats as strings ("nan", "inf", "-inf"): JSON has no literal for them.
    private static double Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : e.GetDouble();
}
