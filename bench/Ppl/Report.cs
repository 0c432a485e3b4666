using System.Globalization;
using System.Text;

namespace Axle.Bench.Ppl;

/// <summary>One workload's fits, measured: Axle's rows and Stan's (any of them may be missing after a failure).</summary>
internal sealed record WorkloadResult(Workload Workload, Settings Settings, IReadOnlyList<Measures> Axle, Measures? Stan);

/// <summary>The markdown tables: figures per fit, Axle ÷ Stan with the targets, posterior means side by side, details.</summary>
internal static class Report
{
    public static string Figures(IReadOnlyList<WorkloadResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| workload | sampler | warm-up | warm-up s | sampling s | wall s | compile s | gradients | leapfrog/s | bulk ESS min (param) / median | tail ESS min / median | **min bulk ESS/s** | div | max R-hat (param) |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|--:|--:|---|");
        foreach (var r in results)
            foreach (var m in r.Axle.Concat(r.Stan is null ? [] : [r.Stan]))
            {
                var f = m.Fit;
                int warmup = f.Sampler.Contains("nutpie", StringComparison.Ordinal) ? r.Settings.NutpieWarmup : r.Settings.Warmup;
                // Rates on wall time, then on CPU time per core.
                string Rate(double cpu, double wall, string fmt) => double.IsNaN(cpu) ? N(wall, fmt) : $"{N(wall, fmt)} ({N(cpu, fmt)} CPU)";
                sb.AppendLine(string.Join(" | ",
                    "| " + r.Workload.Name, f.Sampler, N(warmup, "0"), Seconds(f.WarmupSeconds), Seconds(f.SamplingSeconds), Seconds(f.WallSeconds), N(f.CompileSeconds, "0.0") + (f.CompileNote.Length > 0 ? "†" : ""),
                    N(f.GradientEvaluations, "#,0"), Rate(m.LeapfrogPerCpuSecond, m.LeapfrogPerWallSecond, "#,0"),
                    $"{N(m.MinBulk, "0")} ({m.MinBulkName}) / {N(m.MedianBulk, "0")}", $"{N(m.MinTail, "0")} / {N(m.MedianTail, "0")}",
                    "**" + Rate(m.BulkPerCpuSecond, m.BulkPerWallSecond, "0.0") + "**", N(f.Divergences, "0"),
                    $"{N(m.MaxRhat, "0.000")} ({m.MaxRhatName}) |"));
            }
        return sb.ToString();
    }

    public static string Ratios(IReadOnlyList<WorkloadResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| workload | Axle row | min bulk ESS/s, Axle ÷ Stan | leapfrog/s, Axle ÷ Stan | gradients, Axle ÷ Stan | target | result |");
        sb.AppendLine("|---|---|--:|--:|--:|---|---|");
        var misses = new List<string>();
        int judged = 0;
        foreach (var r in results.Where(r => r.Stan is not null))
            foreach (var a in r.Axle)
            {
                var s = r.Stan!;
                string result = "—";
                if (r.Workload.Target is { } t)
                {
                    string? miss = t.Miss(a, s);
                    judged++;
                    result = miss is null ? "PASS" : "MISS";
                    if (miss is not null) misses.Add($"- {r.Workload.Name}, {a.Fit.Sampler}: {miss}");
                }
                sb.AppendLine(string.Join(" | ",
                    "| " + r.Workload.Name, a.Fit.Sampler,
                    $"{N(a.BulkPerWallSecond / s.BulkPerWallSecond, "0.00")}× ({N(a.BulkPerCpuSecond / s.BulkPerCpuSecond, "0.00")}× CPU)",
                    $"{N(a.LeapfrogPerWallSecond / s.LeapfrogPerWallSecond, "0.00")}× ({N(a.LeapfrogPerCpuSecond / s.LeapfrogPerCpuSecond, "0.00")}× CPU)",
                    N((double)a.Fit.GradientEvaluations / s.Fit.GradientEvaluations, "0.00") + "×",
                    r.Workload.Target?.Text ?? "—", result + " |"));
            }
        sb.AppendLine();
        sb.AppendLine(judged == 0 ? "No target applies to these rows." : misses.Count == 0 ? "Every target met." : "Missed targets:\n\n" + string.Join("\n", misses));
        return sb.ToString();
    }

    public static string Means(IReadOnlyList<WorkloadResult> results)
    {
        var sb = new StringBuilder();
        var fitted = results.Where(r => r.Axle.Count > 0 || r.Stan is not null).ToArray();
        sb.AppendLine("| workload | quantity | reference | " + string.Join(" | ", Columns(fitted)) + " |");
        sb.AppendLine("|---|---|--:|" + string.Concat(Columns(fitted).Select(_ => "--:|")));
        foreach (var r in fitted)
        {
            var fits = Columns(fitted).Select(c => r.Axle.Concat(r.Stan is null ? [] : [r.Stan]).FirstOrDefault(m => m.Fit.Sampler == c)).ToArray();
            foreach (string q in r.Workload.Means)
            {
                string reference = r.Workload.Reference.TryGetValue(q, out var rf) ? $"{N(rf.Mean, "0.000")} ± {N(rf.Sd, "0.000")}" : "—";
                sb.AppendLine($"| {r.Workload.Name} | {q} mean | {reference} | " +
                              string.Join(" | ", fits.Select(m => m is null ? "—" : N(m.Mean(q), "0.000"))) + " |");
            }
            if (r.Workload.Means.Count == 0 && r.Workload.Reference.Count > 0)
            {
                // Many coordinates with exact moments: the largest deviations say more than a column of numbers.
                string Worst(Func<string, double> error) => N(r.Workload.Reference.Keys.Max(error), "0.000");
                sb.AppendLine($"| {r.Workload.Name} | max over coordinates of abs(mean − exact) / sd | {r.Workload.ReferenceSource} | " +
                              string.Join(" | ", fits.Select(m => m is null ? "—" : Worst(q => Math.Abs(m.Mean(q) - r.Workload.Reference[q].Mean) / r.Workload.Reference[q].Sd))) + " |");
                sb.AppendLine($"| {r.Workload.Name} | max over coordinates of abs(sd / exact sd − 1) | {r.Workload.ReferenceSource} | " +
                              string.Join(" | ", fits.Select(m => m is null ? "—" : Worst(q => Math.Abs(m.Sd(q) / r.Workload.Reference[q].Sd - 1)))) + " |");
            }
        }
        return sb.ToString();
    }

    public static string Details(IReadOnlyList<WorkloadResult> results) =>
        string.Join("\n", results.SelectMany(r => r.Axle.Concat(r.Stan is null ? [] : [r.Stan])
            .Select(m => $"- {r.Workload.Name}, {m.Fit.Sampler}: {m.Fit.Details}" + (m.Fit.CompileNote.Length > 0 ? $"; † compile time {m.Fit.CompileNote}" : "")))) + "\n";

    /// <summary>See <see cref="HostInfo.Machine"/>.</summary>
    public static string Machine() => HostInfo.Machine();

    /// <summary>See <see cref="HostInfo.LoadAverage"/>.</summary>
    public static string LoadAverage() => HostInfo.LoadAverage();

    /// <summary>Appends a dated section to <paramref name="path"/> (created with a title if missing).</summary>
    public static void Append(string path, Options o, string header, string body)
    {
        var sb = new StringBuilder();
        if (!File.Exists(path)) sb.AppendLine("# Measured results");
        sb.AppendLine();
        sb.AppendLine($"## Axle NUTS vs Stan (bench/Ppl), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(o.Quick ? " — quick smoke run, not a measurement" : "")}");
        sb.AppendLine();
        sb.AppendLine($"- machine: {Machine()}");
        sb.AppendLine($"- command: `{o.CommandLine}`");
        sb.AppendLine(header);
        sb.AppendLine();
        sb.Append(body);
        File.AppendAllText(path, sb.ToString());
    }

    private static IEnumerable<string> Columns(IEnumerable<WorkloadResult> results) =>
        results.SelectMany(r => r.Axle.Select(m => m.Fit.Sampler).Concat(r.Stan is null ? [] : [r.Stan.Fit.Sampler])).Distinct();

    /// <summary>Seconds to about three significant digits, down to milliseconds (the small models sample in a few).</summary>
    private static string Seconds(double s) => N(s, s switch { >= 100 => "0", >= 10 => "0.0", >= 1 => "0.00", >= 0.01 => "0.000", _ => "0.0000" });

    private static string N(double v, string format) =>
        double.IsNaN(v) ? "NaN" : v.ToString(format, CultureInfo.InvariantCulture);
}
