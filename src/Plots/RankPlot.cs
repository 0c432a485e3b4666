using ScottPlot;

namespace Axle.Plots;

/// <summary>
/// az.plot_rank: the draws of all chains are ranked together; each chain's ranks are binned into a histogram
/// drawn as one row of bars. Chains that mix well give flat rows near the dashed uniform level.
/// </summary>
internal static class RankPlot
{
    public static Figure Build(Selection selection)
    {
        int n = selection.Components.Count, columns = Math.Min(3, n), rows = (n + columns - 1) / columns;
        var figure = new Figure($"Rank plot{selection.TruncationNote}", rows, Enumerable.Repeat(1f, columns).ToArray(),
            400 * columns, 70 + 300 * rows);
        for (int c = 0; c < selection.Chains; c++) figure.Legend.Add(new LegendEntry($"chain {c}", Theme.Chain(c), Swatch.Box));
        figure.Legend.Add(new LegendEntry("uniform", Theme.Reference));
        int bins = Bins(selection.Draws);
        for (int i = 0; i < n; i++)
            Panel(figure.Panel(i / columns, i % columns), selection.Components[i], bins);
        return figure;
    }

    /// <summary>ArviZ's bin count: Sturges' formula doubled, ⌈2·log₂(draws per chain)⌉ + 1.</summary>
    public static int Bins(int drawsPerChain) => (int)Math.Ceiling(2 * Math.Log2(drawsPerChain)) + 1;

    /// <summary>
    /// Per chain, the counts of its draws' ranks (1…N among all N draws, ties averaged) in <paramref name="bins"/>
    /// equal bins over [0, N], the last bin closed (numpy's histogram).
    /// </summary>
    public static int[,] Counts(double[,] draws, int bins)
    {
        int chains = draws.GetLength(0), perChain = draws.GetLength(1), total = chains * perChain;
        double[] ranks = Ranks(draws);
        var counts = new int[chains, bins];
        for (int i = 0; i < total; i++)
        {
            // rank·bins is exact for whole and half ranks, so a rank on a bin edge lands where numpy puts it.
            int bin = (int)Math.Floor(ranks[i] * bins / total);
            counts[i / perChain, Math.Clamp(bin, 0, bins - 1)]++;
        }
        return counts;
    }

    /// <summary>Ranks 1…N of all draws in (chain, draw) order, ties given their average rank (scipy's rankdata); NaN ranks last.</summary>
    public static double[] Ranks(double[,] draws)
    {
        double[] flat = draws.Cast<double>().ToArray();
        int[] order = Enumerable.Range(0, flat.Length).ToArray();
        Array.Sort(order, (a, b) => Compare(flat[a], flat[b]));
        var ranks = new double[flat.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && Compare(flat[order[end + 1]], flat[order[start]]) == 0) end++;
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    private static int Compare(double a, double b)
    {
        bool nanA = double.IsNaN(a), nanB = double.IsNaN(b);
        return nanA || nanB ? nanA.CompareTo(nanB) : a.CompareTo(b);
    }

    private static void Panel(ScottPlot.Plot panel, Component component, int bins)
    {
        int[,] counts = Counts(component.Draws, bins);
        int chains = counts.GetLength(0), total = component.Chains * component.DrawsPerChain;
        double width = (double)total / bins, gap = counts.Cast<int>().Max() * 1.05, uniform = (double)component.DrawsPerChain / bins;
        var ticks = new List<Tick>();
        for (int c = 0; c < chains; c++)
        {
            double bottom = c * gap;
            var bars = new List<Bar>();
            for (int b = 0; b < bins; b++)
                bars.Add(new Bar
                {
                    Position = (b + 0.5) * width,
                    Value = bottom + counts[c, b],
                    ValueBase = bottom,
                    Size = width,
                    FillColor = Theme.Chain(c),
                    LineColor = Theme.Background,
                    LineWidth = 1,
                });
            panel.Add.Bars(bars);
            panel.Add.HorizontalLine(bottom + uniform, 1.2f, Theme.Reference, LinePattern.Dashed);
            ticks.Add(new Tick(bottom, c.ToString(System.Globalization.CultureInfo.InvariantCulture), true));
        }
        panel.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        panel.Axes.SetLimits(0, total, -0.02 * gap * chains, gap * chains);
        panel.Title(component.Label);
        panel.XLabel("rank (all chains)");
        panel.YLabel("chain");
    }
}
