using System.Globalization;
using System.Text;

namespace Axle.Examples.PosteriorDb;

/// <summary>The runner's results as a Markdown table: one row per posterior.</summary>
public static class ResultsTable
{
    /// <summary>
    /// Columns: posterior, how it is written, seed, pass/fail, the worst parameter's mean error in reference sds (and the worst of its mean, sd and
    /// quantile errors), the smallest bulk ESS, the largest R-hat, divergences, tree-depth hits, compile time (and the part the sampler reports for its programs), warm-up +
    /// sampling time, settings; then a line with the totals.
    /// </summary>
    public static string Markdown(IReadOnlyList<PosteriorDbResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var b = new StringBuilder();
        b.AppendLine("| posterior | form | seed | result | worst mean error (sd_ref) | worst error of mean/sd/q05/q95 (sd_ref) | min bulk ESS | max R-hat | divergences | max-depth hits | compile (s) (of it NUTS programs) | warm-up + draws (s) | settings |");
        b.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var c = r.Check;
            string worstMean = c.WorstMean is { } w ? F($"{w.MeanError:0.000} ({w.Name})") : "—";
            string worstAny = c.Parameters.Count == 0 ? "—" : F($"{c.Parameters.Max(p => p.WorstError):0.000} ({c.Parameters.MaxBy(p => p.WorstError)!.Name})");
            b.AppendLine(F($"| {r.Model.Name} | {r.Model.Form} | {r.Model.Options.Seed} | {(c.Passed ? "pass" : $"**fail** ({c.Failures.Count})")} | {worstMean} | {worstAny} | ") +
                F($"{c.MinEssBulk:0} | {c.MaxRhat:0.000} | {c.Divergences} | {r.MaxTreeDepthHits} | {r.CompileSeconds:0.0} ({r.SamplerCompileSeconds:0.0}) | {r.WarmupSeconds + r.SamplingSeconds:0.0} | {r.Model.Settings} |"));
        }
        b.AppendLine(F($"| **total** ({results.Count(r => r.Check.Passed)} of {results.Count} pass) | | | | | | | | {results.Sum(r => r.Check.Divergences)} | | ") +
            F($"{results.Sum(r => r.CompileSeconds):0.0} | {results.Sum(r => r.WarmupSeconds + r.SamplingSeconds):0.0} | all: {results.Sum(r => r.TotalSeconds):0.0} s |"));
        return b.ToString();
    }

    /// <summary>
    /// A seed sweep (several runs per posterior) in one row per posterior: runs that pass, and over the runs the worst mean
    /// error, the smallest bulk ESS, the largest R-hat, the divergences and the mean warm-up + draws time; then the totals.
    /// </summary>
    public static string SeedSweepMarkdown(IReadOnlyList<PosteriorDbResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var b = new StringBuilder();
        b.AppendLine("| posterior | seeds | pass | worst mean error (sd_ref) | min bulk ESS | max R-hat | divergences | mean warm-up + draws (s) | settings |");
        b.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var g in results.GroupBy(r => r.Model.Name))
        {
            var runs = g.ToArray();
            var seeds = runs.Select(r => r.Model.Options.Seed).ToArray();
            b.AppendLine(F($"| {g.Key} | {seeds.Min()}–{seeds.Max()} | {runs.Count(r => r.Check.Passed)} of {runs.Length} | ") +
                F($"{runs.Max(r => r.Check.WorstMean?.MeanError ?? double.NaN):0.000} | {runs.Min(r => r.Check.MinEssBulk):0} | {runs.Max(r => r.Check.MaxRhat):0.000} | ") +
                F($"{runs.Sum(r => r.Check.Divergences)} | {runs.Average(r => r.WarmupSeconds + r.SamplingSeconds):0.0} | {runs[0].Model.Settings} |"));
        }
        b.AppendLine(F($"| **total** | | {results.Count(r => r.Check.Passed)} of {results.Count} | | | | {results.Sum(r => r.Check.Divergences)} | | |"));
        return b.ToString();
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
