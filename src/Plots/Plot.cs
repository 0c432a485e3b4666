using Axle.Inference;

namespace Axle.Plots;

/// <summary>
/// ArviZ's diagnostic plots of an <see cref="InferenceData"/>, written to a PNG or SVG file (the extension of
/// the path picks the format; missing folders are created). Each plot shows the scalar components of the
/// chosen posterior variables (all variables led by (chain, draw) when <c>variables</c> is null), at most
/// <c>maxComponents</c> of them; the title says so when some were left out. Width and height default to a
/// size that fits the panels; give both to get an image of exactly that size.
/// </summary>
/// <example><code>
/// Plot.Trace(idata, "out/trace.png");
/// Plot.Pair(idata, "out/pair.svg", variables: ["tau", "beta"], maxComponents: 4);
/// </code></example>
public static class Plot
{
    /// <summary>
    /// Trace plot (az.plot_trace): per component a row with the density of each chain (Gaussian KDE, one line
    /// per chain) and the draws of each chain in order; divergent draws (<c>sample_stats.diverging</c>) are red
    /// ticks along the bottom of both panels.
    /// </summary>
    /// <param name="idata">Draws; needs a posterior, uses <c>sample_stats.diverging</c> when present.</param>
    /// <param name="path">Output file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="variables">Posterior variable names to show, in order; null for all.</param>
    /// <param name="maxComponents">Most scalar components (rows) to show.</param>
    /// <param name="width">Image width in pixels, in [100, 16384]; null for 1200.</param>
    /// <param name="height">Image height in pixels, in [100, 16384]; null for about 210 per row.</param>
    /// <exception cref="ArgumentException">A bad path, an unknown or unsampled variable, or no posterior.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxComponents"/> below 1, or a size out of range.</exception>
    public static void Trace(InferenceData idata, string path, IEnumerable<string>? variables = null, int maxComponents = 8,
        int? width = null, int? height = null) =>
        TraceFigure(idata, path, variables, maxComponents, width, height);

    /// <summary>Draws and saves the trace plot; returns the figure, whose panel areas tests read.</summary>
    internal static Figure TraceFigure(InferenceData idata, string path, IEnumerable<string>? variables, int maxComponents,
        int? width, int? height)
    {
        PlotFile.Check(path, maxComponents, width, height);
        var selection = Selection.Of(idata, variables, maxComponents);
        var figure = TracePlot.Build(selection, selection.Divergences(idata));
        figure.Save(path, width, height);
        return figure;
    }

    /// <summary>
    /// Rank plot (az.plot_rank): per component, histograms of the ranks of each chain's draws among all draws,
    /// one row of bars per chain, with a dashed line at the count that well-mixed chains would give in every bin.
    /// Bars far from the line in some chain show that chain sampled a different region.
    /// </summary>
    /// <param name="idata">Draws; needs a posterior.</param>
    /// <param name="path">Output file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="variables">Posterior variable names to show, in order; null for all.</param>
    /// <param name="maxComponents">Most scalar components (panels) to show.</param>
    /// <param name="width">Image width in pixels; null for 400 per column (up to 3 columns).</param>
    /// <param name="height">Image height in pixels; null for 300 per row and 70 for the header.</param>
    /// <exception cref="ArgumentException">A bad path, an unknown or unsampled variable, or no posterior.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxComponents"/> below 1, or a size out of range.</exception>
    public static void Rank(InferenceData idata, string path, IEnumerable<string>? variables = null, int maxComponents = 12,
        int? width = null, int? height = null) =>
        RankFigure(idata, path, variables, maxComponents, width, height);

    /// <summary>Draws and saves the rank plot; returns the figure, whose panel areas tests read.</summary>
    internal static Figure RankFigure(InferenceData idata, string path, IEnumerable<string>? variables, int maxComponents,
        int? width, int? height)
    {
        PlotFile.Check(path, maxComponents, width, height);
        var figure = RankPlot.Build(Selection.Of(idata, variables, maxComponents));
        figure.Save(path, width, height);
        return figure;
    }

    /// <summary>
    /// Forest plot (az.plot_forest): per component the mean (dot), the 50% HDI (thick line) and the 94% HDI
    /// (thin line), per chain or of all chains pooled, with each component's rank-normalized split R-hat
    /// (<see cref="Diagnostics.Rhat"/>) in a column on the right, red above 1.01.
    /// </summary>
    /// <param name="idata">Draws; needs a posterior.</param>
    /// <param name="path">Output file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="variables">Posterior variable names to show, in order; null for all.</param>
    /// <param name="combined">True: one interval of all chains pooled; false (ArviZ's default): one per chain.</param>
    /// <param name="maxComponents">Most scalar components (rows) to show.</param>
    /// <param name="width">Image width in pixels; null for 900.</param>
    /// <param name="height">Image height in pixels; null for enough rows to read.</param>
    /// <exception cref="ArgumentException">A bad path, an unknown or unsampled variable, or no posterior.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxComponents"/> below 1, or a size out of range.</exception>
    public static void Forest(InferenceData idata, string path, IEnumerable<string>? variables = null, bool combined = false,
        int maxComponents = 40, int? width = null, int? height = null) =>
        ForestFigure(idata, path, variables, combined, maxComponents, width, height);

    /// <summary>Draws and saves the forest plot; returns the figure, whose panel areas tests read.</summary>
    internal static Figure ForestFigure(InferenceData idata, string path, IEnumerable<string>? variables, bool combined,
        int maxComponents, int? width, int? height)
    {
        PlotFile.Check(path, maxComponents, width, height);
        var figure = ForestPlot.Build(Selection.Of(idata, variables, maxComponents), combined);
        figure.Save(path, width, height);
        return figure;
    }

    /// <summary>
    /// Energy plot (az.plot_energy): the marginal energy distribution (energy minus its mean) against the
    /// energy transition distribution (the change in energy between successive draws of a chain), with each
    /// chain's E-BFMI in the legend. A transition distribution much narrower than the marginal one (E-BFMI
    /// below 0.3) means the sampler explores the posterior's tails slowly.
    /// </summary>
    /// <param name="idata">Needs <c>sample_stats.energy</c>, (chain, draw).</param>
    /// <param name="path">Output file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="width">Image width in pixels; null for 800.</param>
    /// <param name="height">Image height in pixels; null for 560.</param>
    /// <exception cref="ArgumentException">A bad path, or no (chain, draw) <c>energy</c> in <c>sample_stats</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static void Energy(InferenceData idata, string path, int? width = null, int? height = null) =>
        EnergyFigure(idata, path, width, height);

    /// <summary>Draws and saves the energy plot; returns the figure, whose panel areas tests read.</summary>
    internal static Figure EnergyFigure(InferenceData idata, string path, int? width, int? height)
    {
        PlotFile.Check(path, 1, width, height);
        var figure = EnergyPlot.Build(EnergyPlot.EnergyOf(idata));
        figure.Save(path, width, height);
        return figure;
    }

    /// <summary>
    /// Pair plot (az.plot_pair): a scatter matrix of the chosen components, every pair below the diagonal and
    /// each component's density (all chains pooled) on it; divergent draws are drawn in red over the others.
    /// </summary>
    /// <param name="idata">Draws; needs a posterior, uses <c>sample_stats.diverging</c> when present.</param>
    /// <param name="path">Output file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="variables">Posterior variable names whose components to pair, in order; null for all.</param>
    /// <param name="maxComponents">Most components (rows and columns of the matrix) to show; at least 2.</param>
    /// <param name="width">Image width in pixels; null for 270 per component (at least 540).</param>
    /// <param name="height">Image height in pixels; null for the width plus 60 for the header.</param>
    /// <exception cref="ArgumentException">A bad path, an unknown or unsampled variable, no posterior, or fewer than two components.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxComponents"/> below 2, or a size out of range.</exception>
    public static void Pair(InferenceData idata, string path, IEnumerable<string>? variables = null, int maxComponents = 6,
        int? width = null, int? height = null) =>
        PairFigure(idata, path, variables, maxComponents, width, height);

    /// <summary>Draws and saves the pair plot; returns the figure, whose panel areas tests read.</summary>
    internal static Figure PairFigure(InferenceData idata, string path, IEnumerable<string>? variables, int maxComponents,
        int? width, int? height)
    {
        PlotFile.Check(path, maxComponents, width, height);
        if (maxComponents < 2)
            throw new ArgumentOutOfRangeException(nameof(maxComponents), maxComponents, $"Axle.Plots: a pair plot needs maxComponents of at least 2; got {maxComponents}");
        var selection = Selection.Of(idata, variables, maxComponents);
        if (selection.Components.Count < 2)
            throw new ArgumentException($"Axle.Plots: a pair plot needs at least two scalar components; the selection has one ({selection.Components[0].Label})", nameof(variables));
        var figure = PairPlot.Build(selection, selection.Divergences(idata));
        figure.Save(path, width, height);
        return figure;
    }
}
