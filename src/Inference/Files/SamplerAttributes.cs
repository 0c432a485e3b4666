using System.Globalization;

namespace Axle;

/// <summary>
/// Names and text format of the group attributes that say how the draws were made, for samplers to set
/// (on <see cref="InferenceData.SampleStats"/>, or <see cref="InferenceData.Posterior"/>) and for writers
/// that need them (CmdStan's CSV header and adaptation block, see <c>ToStanCsv</c>). Where PyMC or
/// ArviZ already name the fact, the name is theirs.
/// </summary>
/// <remarks>
/// Attribute values are text (netCDF attributes as ArviZ writes them). Numbers are written in invariant
/// culture, round-trip precision. A per-chain value is either one number for every chain or one number
/// per chain separated by commas; <see cref="InverseMetric"/> is one list per chain, chains separated
/// by semicolons (or one list for every chain).
/// </remarks>
public static class SamplerAttributes
{
    /// <summary>Warm-up (tuning) iterations per chain; PyMC's name. Integer.</summary>
    public const string TuningSteps = "tuning_steps";

    /// <summary>The step-size adaptation's target acceptance rate (Stan's <c>adapt delta</c>); PyMC's argument name.</summary>
    public const string TargetAccept = "target_accept";

    /// <summary>The NUTS tree-depth limit (Stan's <c>max_depth</c>). Integer.</summary>
    public const string MaxTreeDepth = "max_tree_depth";

    /// <summary>The metric's kind in Stan's words: <c>diag_e</c> (default), <c>dense_e</c> or <c>unit_e</c>.</summary>
    public const string Metric = "metric";

    /// <summary>
    /// The adapted inverse metric per chain, over the unconstrained parameters: the diagonal for
    /// <c>diag_e</c>, the matrix row-major for <c>dense_e</c>. Format with <see cref="FormatInverseMetric"/>.
    /// </summary>
    public const string InverseMetric = "inverse_metric";

    /// <summary>The seed the sampler was given. Integer.</summary>
    public const string RandomSeed = "random_seed";

    /// <summary>Wall time of warm-up in seconds, per chain (or one value for all).</summary>
    public const string WarmupTime = "warmup_time";

    /// <summary>Wall time of sampling after warm-up in seconds, per chain (or one value for all); PyMC's name.</summary>
    public const string SamplingTime = "sampling_time";

    /// <summary>One value per chain as this format writes it: <c>0.93, 0.91</c>.</summary>
    public static string FormatPerChain(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(", ", values.Select(Format));
    }

    /// <summary>An inverse metric per chain from a (chains, n) array: one list per chain, chains separated by semicolons.</summary>
    public static string FormatInverseMetric(double[,] perChain)
    {
        ArgumentNullException.ThrowIfNull(perChain);
        return string.Join("; ", Enumerable.Range(0, perChain.GetLength(0))
            .Select(c => string.Join(", ", Enumerable.Range(0, perChain.GetLength(1)).Select(i => Format(perChain[c, i])))));
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The attribute from sample_stats, else posterior, else null.</summary>
    internal static string? Find(InferenceData idata, string key) =>
        idata.SampleStats?.Attributes.GetValueOrDefault(key) ?? idata.Posterior?.Attributes.GetValueOrDefault(key);

    /// <summary>A per-chain attribute as one value per chain, or null when absent.</summary>
    /// <exception cref="FormatException">Not numbers, or neither one value nor <paramref name="chains"/>.</exception>
    internal static double[]? PerChain(InferenceData idata, string key, int chains)
    {
        string? text = Find(idata, key);
        if (text is null) return null;
        double[] values = Numbers(text, key);
        if (values.Length == 1) return Enumerable.Repeat(values[0], chains).ToArray();
        if (values.Length != chains)
            throw new FormatException($"attribute '{key}' = '{text}' has {values.Length} values; expected 1 or one per chain ({chains})");
        return values;
    }

    /// <summary>The inverse metric of each chain, or null when absent.</summary>
    internal static double[][]? InverseMetricPerChain(InferenceData idata, int chains)
    {
        string? text = Find(idata, InverseMetric);
        if (text is null) return null;
        var lists = text.Split(';').Select(part => Numbers(part, InverseMetric)).ToArray();
        if (lists.Length == 1) return Enumerable.Repeat(lists[0], chains).ToArray();
        if (lists.Length != chains)
            throw new FormatException($"attribute '{InverseMetric}' has {lists.Length} lists; expected 1 or one per chain ({chains})");
        return lists;
    }

    internal static double[] Numbers(string text, string key) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d
                : throw new FormatException($"attribute '{key}': '{s}' is not a number"))
            .ToArray();
}
