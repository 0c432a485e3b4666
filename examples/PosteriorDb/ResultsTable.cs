using System.Globalization;
using System.Text;

namespace Axle.Examples.PosteriorDb;

/// <summary>The runner's results as a Markdown table: one row per posterior.</summary>
public static class ResultsTable
{
    /// <summary>
    /// Columns: posterior, how it is written, seed, pass/fail, the worst parameter's mean error in reference sds (and the worst of its mean, sd and
    /// quantile errors), the smallest bulk ESS, the largest R-hat, divergences, tree-depth hits, compile time, warm-up +
    /// sampling time, settings; then a line with the totals.
    /// </summary>
    public static string Markdown(IReadOnlyList<PosteriorDbResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var b = new StringBuilder();
        b.AppendLine("| posterior | form | seed | result | worst mean error (sd_ref) | worst error of mean/sd/q05/q95 (sd_ref) | min bulk ESS | max R-hat | divergences | max-depth hits | compile (s) | warm-up + draws (s) | settings |");
        b.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var c = r.Check;
            string worstMean = c.WorstMean is { } w ? F($"{w.MeanError:0.000} ({w.Name})") : "—";
            string worstAny = c.Parameters.Count == 0 ? "—" : F($"{c.Parameters.Max(p => p.WorstError):0.000} ({c.Parameters.MaxBy(p => p.WorstError)!.Name})");
            b.AppendLine(F($"| {r.Model.Name} | {r.Model.Form} | {r.Model.Options.Seed} | {(c.Passed ? "pass" : $"**fail** ({c.Failures.Count})")} | {worstMean} | {worstAny} | ") +
                F($"{c.MinEssBulk:0} | {c.MaxRhat:0.000} | {c.Divergences} | {r.MaxTreeDepthHits} | {r.CompileSeconds:0.0} | {r.WarmupSeconds + r.SamplingSeconds:0.0} | {r.Model.Settings} |"));
        }
        b.AppendLine(F($"| **total** ({results.Count(r => r.Check.Passed)} of {results.Count} pass) | | | | | | | | {results.Sum(r => r.Check.Divergences)} | | ") +
            F($"{results.Sum(r => r.CompileSeconds):0.0} | {results.Sum(r => r.WarmupSeconds + r.SamplingSeconds):0.0} | all: {results.Sum(r => r.TotalSeconds):0.0} s |"));
        return b.ToString();
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
