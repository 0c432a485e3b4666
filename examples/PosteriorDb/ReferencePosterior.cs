using System.Text.Json;
using Axle.Inference;

namespace Axle.Examples.PosteriorDb;

/// <summary>One reference parameter's summary from posteriordb's <c>reference.json</c>.</summary>
/// <param name="Mean">Posterior mean.</param>
/// <param name="Sd">Posterior standard deviation.</param>
/// <param name="Q05">5% quantile.</param>
/// <param name="Q95">95% quantile.</param>
public readonly record struct ReferenceSummary(double Mean, double Sd, double Q05, double Q95);

/// <summary>
/// A posteriordb reference posterior (per parameter, by Stan's name <c>theta[1]</c>: mean, sd, 5% and 95% quantiles of
/// long Stan runs) and the check its README defines for "recovers the posterior": every parameter's mean within
/// max(0.1·sd_ref, 4·MCSE) of the reference mean, sd within 10% of sd_ref, the 5% and 95% quantiles within 0.2·sd_ref,
/// rank-normalized split R-hat below 1.01 and bulk ESS at least 400, and no divergent transition after warm-up.
/// </summary>
public sealed class ReferencePosterior
{
    /// <summary>The reference parameters in the file's order (Stan's order).</summary>
    public IReadOnlyList<(string Name, ReferenceSummary Summary)> Parameters { get; }

    /// <summary>Parses a <c>reference.json</c> (an object whose <c>summary</c> maps each parameter name to mean, sd, q05, q95).</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="KeyNotFoundException">The summary or a field of a parameter is missing.</exception>
    public ReferencePosterior(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var summary = JsonDocument.Parse(json).RootElement.GetProperty("summary");
        Parameters = summary.EnumerateObject().Select(p => (p.Name, new ReferenceSummary(p.Value.GetProperty("mean").GetDouble(),
            p.Value.GetProperty("sd").GetDouble(), p.Value.GetProperty("q05").GetDouble(), p.Value.GetProperty("q95").GetDouble()))).ToArray();
    }

    /// <summary>
    /// Checks draws (chain, draw) per Stan parameter name against every reference parameter (a reference parameter without
    /// draws fails; draws the reference does not list are ignored), and the post-warm-up divergence count.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="draws"/> is null.</exception>
    public ReferenceCheck Check(IReadOnlyDictionary<string, double[,]> draws, int divergences)
    {
        ArgumentNullException.ThrowIfNull(draws);
        var failures = new List<string>();
        var rows = new List<ParameterCheck>();
        foreach (var (name, r) in Parameters)
        {
            if (!draws.TryGetValue(name, out var x))
            {
                failures.Add($"{name}: no draws");
                continue;
            }
            double[] all = x.Cast<double>().ToArray();
            double mean = all.Average(), sd = Math.Sqrt(all.Select(v => (v - mean) * (v - mean)).Sum() / (all.Length - 1));
            double q05 = Diagnostics.Quantile(x, 0.05), q95 = Diagnostics.Quantile(x, 0.95);
            double mcse = Diagnostics.McseMean(x), rhat = Diagnostics.Rhat(x), ess = Diagnostics.EssBulk(x);
            double meanTolerance = Math.Max(0.1 * r.Sd, 4 * mcse);
            void Require(bool ok, string what)
            {
                if (!ok) failures.Add($"{name}: {what}");
            }
            Require(Math.Abs(mean - r.Mean) <= meanTolerance, $"mean {mean:G5} vs {r.Mean:G5} (tolerance {meanTolerance:G3})");
            Require(Math.Abs(sd - r.Sd) <= 0.1 * r.Sd, $"sd {sd:G5} vs {r.Sd:G5}");
            Require(Math.Abs(q05 - r.Q05) <= 0.2 * r.Sd && Math.Abs(q95 - r.Q95) <= 0.2 * r.Sd,
                $"quantiles {q05:G5}, {q95:G5} vs {r.Q05:G5}, {r.Q95:G5}");
            Require(rhat < 1.01, $"R-hat {rhat:F4}");
            Require(ess >= 400, $"bulk ESS {ess:F0}");
            rows.Add(new ParameterCheck(name, r, mean, sd, q05, q95, mcse, rhat, ess));
        }
        if (divergences > 0) failures.Add($"{divergences} divergent transitions after warm-up");
        return new ReferenceCheck(rows, failures, divergences);
    }
}

/// <summary>One parameter's draws against its reference summary.</summary>
/// <param name="Name">Stan's name (<c>beta[2]</c>).</param>
/// <param name="Reference">The reference summary.</param>
/// <param name="Mean">Mean of the draws.</param>
/// <param name="Sd">Standard deviation of the draws.</param>
/// <param name="Q05">5% quantile of the draws.</param>
/// <param name="Q95">95% quantile of the draws.</param>
/// <param name="McseMean">Monte Carlo standard error of the mean.</param>
/// <param name="Rhat">Rank-normalized split R-hat.</param>
/// <param name="EssBulk">Bulk effective sample size.</param>
public sealed record ParameterCheck(string Name, ReferenceSummary Reference, double Mean, double Sd, double Q05, double Q95,
    double McseMean, double Rhat, double EssBulk)
{
    /// <summary>|mean − reference mean| in reference sds.</summary>
    public double MeanError => Math.Abs(Mean - Reference.Mean) / Reference.Sd;

    /// <summary>The largest of the mean, sd and quantile errors, each in reference sds (what the criterion bounds by 0.1, 0.1, 0.2).</summary>
    public double WorstError => new[]
    {
        MeanError, Math.Abs(Sd - Reference.Sd) / Reference.Sd,
        Math.Abs(Q05 - Reference.Q05) / Reference.Sd, Math.Abs(Q95 - Reference.Q95) / Reference.Sd,
    }.Max();

    /// <summary>One report line.</summary>
    public override string ToString() =>
        $"{Name}: mean {Mean:G5} (ref {Reference.Mean:G5}), sd {Sd:G5} (ref {Reference.Sd:G5}), q05 {Q05:G5} (ref {Reference.Q05:G5}), " +
        $"q95 {Q95:G5} (ref {Reference.Q95:G5}), R-hat {Rhat:F4}, ESS {EssBulk:F0}, mean error {MeanError:F3} sd";
}

/// <summary>The outcome of <see cref="ReferencePosterior.Check"/>.</summary>
/// <param name="Parameters">Each reference parameter that had draws.</param>
/// <param name="Failures">What failed, one line each (empty when the posterior is recovered).</param>
/// <param name="Divergences">Divergent transitions after warm-up.</param>
public sealed record ReferenceCheck(IReadOnlyList<ParameterCheck> Parameters, IReadOnlyList<string> Failures, int Divergences)
{
    /// <summary>Whether every requirement holds.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>The parameter whose mean is farthest from the reference, in reference sds (null when no parameter had draws).</summary>
    public ParameterCheck? WorstMean => Parameters.MaxBy(p => p.MeanError);

    /// <summary>The smallest bulk ESS over the parameters.</summary>
    public double MinEssBulk => Parameters.Count == 0 ? double.NaN : Parameters.Min(p => p.EssBulk);

    /// <summary>The largest split R-hat over the parameters.</summary>
    public double MaxRhat => Parameters.Count == 0 ? double.NaN : Parameters.Max(p => p.Rhat);

    /// <summary>One line per parameter, then one per failure (prefixed FAIL).</summary>
    public IEnumerable<string> Lines => Parameters.Select(p => p.ToString()).Concat(Failures.Select(f => "FAIL " + f));
}
