using System.Globalization;

namespace Axle.Inference.Files;

/// <summary>
/// What CmdStan's CSV says about the run beyond the draws, read from the idata's
/// <see cref="SamplerAttributes"/>: warm-up length, adaptation, metric, seed, timing. Null where the idata
/// does not say.
/// </summary>
internal sealed record StanCsvRun(
    int NumWarmup, bool SaveWarmup, bool Adapted, double? Delta, int? MaxDepth, string Metric, string? Seed,
    double[][]? InverseMetric, double[]? WarmupSeconds, double[]? SamplingSeconds)
{
    private static readonly string[] Metrics = ["diag_e", "dense_e", "unit_e"];

    /// <exception cref="ArgumentException">An attribute is malformed or contradicts the draws; the message names it.</exception>
    internal static StanCsvRun Of(InferenceData idata, StanCsvTable draws, StanCsvTable? warmup)
    {
        try
        {
            return Read(idata, draws, warmup);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"InferenceData.ToStanCsv: {e.Message}", nameof(idata), e);
        }
    }

    private static StanCsvRun Read(InferenceData idata, StanCsvTable draws, StanCsvTable? warmup)
    {
        int chains = draws.Chains;
        int? tuning = Integer(idata, SamplerAttributes.TuningSteps);
        if (warmup is not null && tuning is not null && tuning != warmup.Draws)
            throw new FormatException($"attribute '{SamplerAttributes.TuningSteps}' = {tuning} but the warm-up groups hold {warmup.Draws} draws");
        int numWarmup = warmup?.Draws ?? tuning ?? 0;

        string metric = SamplerAttributes.Find(idata, SamplerAttributes.Metric) ?? "diag_e";
        if (!Metrics.Contains(metric))
            throw new FormatException($"attribute '{SamplerAttributes.Metric}' = '{metric}'; expected one of {string.Join(", ", Metrics)}");
        var inverse = SamplerAttributes.InverseMetricPerChain(idata, chains);
        if (inverse is not null)
        {
            if (metric == "unit_e")
                throw new FormatException($"attribute '{SamplerAttributes.InverseMetric}' is given but the metric is unit_e");
            foreach (double[] m in inverse)
            {
                int n = (int)Math.Round(Math.Sqrt(m.Length));
                if (metric == "dense_e" && n * n != m.Length)
                    throw new FormatException($"attribute '{SamplerAttributes.InverseMetric}' has {m.Length} values for a chain; a dense_e metric needs n² (row-major)");
            }
        }

        string? seed = SamplerAttributes.Find(idata, SamplerAttributes.RandomSeed);
        if (seed is not null && !ulong.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new FormatException($"attribute '{SamplerAttributes.RandomSeed}' = '{seed}' is not a non-negative integer");
        double? delta = SamplerAttributes.Find(idata, SamplerAttributes.TargetAccept) is string d
            ? SamplerAttributes.Numbers(d, SamplerAttributes.TargetAccept) is [double one] && one is > 0 and < 1 ? one
                : throw new FormatException($"attribute '{SamplerAttributes.TargetAccept}' = '{d}' is not one number in (0, 1)")
            : null;

        return new StanCsvRun(
            NumWarmup: numWarmup,
            SaveWarmup: warmup is not null,
            Adapted: numWarmup > 0 || inverse is not null,
            Delta: delta,
            MaxDepth: Integer(idata, SamplerAttributes.MaxTreeDepth),
            Metric: metric,
            Seed: seed,
            InverseMetric: inverse,
            WarmupSeconds: SamplerAttributes.PerChain(idata, SamplerAttributes.WarmupTime, chains),
            SamplingSeconds: SamplerAttributes.PerChain(idata, SamplerAttributes.SamplingTime, chains));
    }

    private static int? Integer(InferenceData idata, string key)
    {
        string? text = SamplerAttributes.Find(idata, key);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0 ? n
            : throw new FormatException($"attribute '{key}' = '{text}' is not a non-negative integer");
    }
}
