using System.Runtime.CompilerServices;
using System.Text.Json;
using Axle.Inference;

namespace Axle.Tests.Inference;

/// <summary>
/// A posteriordb posterior's data and reference summary (examples/PosteriorDb/data/NAME/), and the check its README
/// defines: every parameter's mean within max(0.1·sd_ref, 4·MCSE) of the reference mean, sd within 10%, the 5% and 95%
/// quantiles within 0.2·sd_ref, split R-hat below 1.01, bulk ESS at least 400, and no divergence after warm-up.
/// </summary>
internal sealed class PosteriorDbReference
{
    private readonly JsonElement _data;
    private readonly Dictionary<string, (double Mean, double Sd, double Q05, double Q95)> _summary = [];

    private PosteriorDbReference(string folder)
    {
        _data = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "data.json"))).RootElement;
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "reference.json"))).RootElement.GetProperty("summary");
        foreach (var p in summary.EnumerateObject())
            _summary[p.Name] = (p.Value.GetProperty("mean").GetDouble(), p.Value.GetProperty("sd").GetDouble(),
                p.Value.GetProperty("q05").GetDouble(), p.Value.GetProperty("q95").GetDouble());
    }

    public static PosteriorDbReference Load(string name, [CallerFilePath] string here = "") =>
        new(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "examples", "PosteriorDb", "data", name));

    /// <summary>A numeric data entry, flattened.</summary>
    public double[] Data(string key)
    {
        var e = _data.GetProperty(key);
        return e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(x => x.GetDouble()).ToArray() : [e.GetDouble()];
    }

    /// <summary>What failed the last <see cref="Check"/>.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Checks draws (chain, draw) per reference parameter name; returns one report line per parameter.</summary>
    public IEnumerable<string> Check(IReadOnlyDictionary<string, double[,]> draws, int divergences)
    {
        Failures.Clear();
        var lines = new List<string>();
        foreach (var (name, r) in _summary)
        {
            if (!draws.TryGetValue(name, out var x))
            {
                Failures.Add($"{name}: no draws");
                continue;
            }
            double[] all = x.Cast<double>().ToArray();
            double mean = all.Average(), sd = Math.Sqrt(all.Select(v => (v - mean) * (v - mean)).Sum() / (all.Length - 1));
            double q05 = Diagnostics.Quantile(x, 0.05), q95 = Diagnostics.Quantile(x, 0.95);
            double mcse = Diagnostics.McseMean(x), rhat = Diagnostics.Rhat(x), ess = Diagnostics.EssBulk(x);
            double meanTolerance = Math.Max(0.1 * r.Sd, 4 * mcse);
            void Require(bool ok, string what)
            {
                if (!ok) Failures.Add($"{name}: {what}");
            }
            Require(Math.Abs(mean - r.Mean) <= meanTolerance, $"mean {mean:G5} vs {r.Mean:G5} (tolerance {meanTolerance:G3})");
            Require(Math.Abs(sd - r.Sd) <= 0.1 * r.Sd, $"sd {sd:G5} vs {r.Sd:G5}");
            Require(Math.Abs(q05 - r.Q05) <= 0.2 * r.Sd && Math.Abs(q95 - r.Q95) <= 0.2 * r.Sd,
                $"quantiles {q05:G5}, {q95:G5} vs {r.Q05:G5}, {r.Q95:G5}");
            Require(rhat < 1.01, $"R-hat {rhat:F4}");
            Require(ess >= 400, $"bulk ESS {ess:F0}");
            lines.Add($"{name}: mean {mean:G5} (ref {r.Mean:G5}), sd {sd:G5} (ref {r.Sd:G5}), R-hat {rhat:F4}, ESS {ess:F0}, " +
                $"error {Math.Abs(mean - r.Mean) / r.Sd:F3} sd");
        }
        if (divergences > 0) Failures.Add($"{divergences} divergent transitions after warm-up");
        lines.AddRange(Failures.Select(f => "FAIL " + f));
        return lines;
    }
}
