using System.Globalization;

namespace Axle;

/// <summary>
/// The sampler's own warnings at a glance, from an InferenceData's <c>sample_stats</c> (ArviZ's names):
/// divergent transitions (<c>diverging</c>), draws whose trajectory hit the maximum tree depth
/// (<c>tree_depth</c>), and E-BFMI per chain (<c>energy</c>). A statistic the group does not hold is null.
/// <see cref="ToString"/> is one line to print under a summary table.
/// </summary>
/// <param name="Chains">Number of chains.</param>
/// <param name="Draws">Draws per chain.</param>
/// <param name="DivergencesPerChain">Divergent transitions per chain.</param>
/// <param name="MaxTreeDepth">The tree-depth limit the hits are counted against.</param>
/// <param name="MaxTreeDepthHitsPerChain">Draws per chain whose tree depth reached <paramref name="MaxTreeDepth"/>.</param>
/// <param name="BfmiPerChain">E-BFMI per chain (<see cref="Diagnostics.Bfmi"/>).</param>
public sealed record SamplerHealth(int Chains, int Draws, IReadOnlyList<int>? DivergencesPerChain, int MaxTreeDepth,
    IReadOnlyList<int>? MaxTreeDepthHitsPerChain, IReadOnlyList<double>? BfmiPerChain)
{
    /// <summary>E-BFMI below this suggests the sampler explores the energy distribution poorly (Betancourt 2016; ArviZ and Stan warn below it).</summary>
    public const double LowBfmi = 0.3;

    /// <summary>Divergent transitions in all chains, or null when <c>diverging</c> was not recorded.</summary>
    public int? Divergences => DivergencesPerChain?.Sum();

    /// <summary>Draws at the maximum tree depth in all chains, or null when <c>tree_depth</c> was not recorded.</summary>
    public int? MaxTreeDepthHits => MaxTreeDepthHitsPerChain?.Sum();

    /// <summary>Reads the sample statistics of <paramref name="idata"/>.</summary>
    /// <param name="idata">An InferenceData with a <c>sample_stats</c> group.</param>
    /// <param name="maxTreeDepth">The sampler's tree-depth limit (Stan's and Axle's NUTS default: 10).</param>
    /// <exception cref="ArgumentException"><paramref name="idata"/> has no <c>sample_stats</c> group.</exception>
    public static SamplerHealth From(InferenceData idata, int maxTreeDepth = 10)
    {
        ArgumentNullException.ThrowIfNull(idata);
        var stats = idata.SampleStats
            ?? throw new ArgumentException("SamplerHealth: the InferenceData has no sample_stats group", nameof(idata));
        return From(stats, maxTreeDepth);
    }

    /// <summary>Reads a <c>sample_stats</c> group: (chain, draw) variables named as ArviZ names them.</summary>
    /// <param name="sampleStats">The group.</param>
    /// <param name="maxTreeDepth">The sampler's tree-depth limit, at least 1.</param>
    /// <exception cref="ArgumentException">The group has no <c>chain</c> and <c>draw</c> dimensions.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTreeDepth"/> is below 1.</exception>
    public static SamplerHealth From(InferenceGroup sampleStats, int maxTreeDepth = 10)
    {
        ArgumentNullException.ThrowIfNull(sampleStats);
        if (maxTreeDepth < 1)
            throw new ArgumentOutOfRangeException(nameof(maxTreeDepth), $"SamplerHealth: maxTreeDepth must be at least 1; got {maxTreeDepth}");
        if (!sampleStats.DimSizes.TryGetValue("chain", out int chains) || !sampleStats.DimSizes.TryGetValue("draw", out int draws))
            throw new ArgumentException($"SamplerHealth: sample_stats needs (chain, draw) dimensions; it has {string.Join(", ", sampleStats.DimSizes.Keys)}", nameof(sampleStats));
        double[,]? Stat(string name) => sampleStats.ContainsKey(name) ? sampleStats.Variable(name).Component(0) : null;
        var diverging = Stat("diverging");
        var depth = Stat("tree_depth");
        var energy = Stat("energy");
        return new SamplerHealth(chains, draws,
            diverging is null ? null : CountPerChain(diverging, v => v != 0),
            maxTreeDepth,
            depth is null ? null : CountPerChain(depth, v => v >= maxTreeDepth),
            energy is null || draws < 2 ? null : Diagnostics.Bfmi(energy));
    }

    /// <summary>One line, e.g. <c>4 chains × 1000 draws: 2 divergences (0.05%), 0 draws at max tree depth 10, E-BFMI per chain 1.02, 0.97, 0.95, 1.10</c>.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        int total = Chains * Draws;
        parts.Add(Divergences is int d
            ? string.Format(c, "{0} divergence{1} ({2:0.##}%)", d, d == 1 ? "" : "s", total == 0 ? 0 : 100.0 * d / total)
            : "divergences not recorded");
        parts.Add(MaxTreeDepthHits is int h
            ? string.Format(c, "{0} draw{1} at max tree depth {2}", h, h == 1 ? "" : "s", MaxTreeDepth)
            : "tree depth not recorded");
        if (BfmiPerChain is { } bfmi)
        {
            string line = "E-BFMI per chain " + string.Join(", ", bfmi.Select(b => b.ToString("F2", c)));
            int[] low = Enumerable.Range(0, bfmi.Count).Where(i => bfmi[i] < LowBfmi).ToArray();
            if (low.Length > 0) line += string.Format(c, " (below {0} in chain{1} {2})", LowBfmi, low.Length == 1 ? "" : "s", string.Join(", ", low));
            parts.Add(line);
        }
        else parts.Add("energy not recorded");
        return string.Format(c, "{0} chain{1} × {2} draws: {3}", Chains, Chains == 1 ? "" : "s", Draws, string.Join(", ", parts));
    }

    private static int[] CountPerChain(double[,] x, Func<double, bool> counts)
    {
        var result = new int[x.GetLength(0)];
        for (int ch = 0; ch < x.GetLength(0); ch++)
            for (int i = 0; i < x.GetLength(1); i++)
                if (counts(x[ch, i])) result[ch]++;
        return result;
    }
}
