using ScottPlot;

namespace Axle.Plots;

/// <summary>
/// az.plot_pair with marginals: a k×k matrix, each component's density on the diagonal and every pair of
/// components below it, all chains pooled; divergent draws on top in red, where funnels and ridges show them.
/// </summary>
internal static class PairPlot
{
    public static Figure Build(Selection selection, bool[,]? diverged)
    {
        var components = selection.Components;
        int k = components.Count;
        int side = Math.Max(540, 270 * k);
        var figure = new Figure($"Pair plot{selection.TruncationNote}", k, Enumerable.Repeat(1f, k).ToArray(), side, side + 60);
        bool[] divergent = Flatten(diverged, selection.Chains, selection.Draws);
        int count = divergent.Count(d => d);
        figure.Legend.Add(new LegendEntry("draws (all chains)", Theme.Pooled, Swatch.Dot));
        if (diverged is not null) figure.Legend.Add(new LegendEntry($"divergent ({count})", Theme.Divergent, Swatch.Dot));

        var pooled = components.Select(c => c.Pooled()).ToArray();
        var limits = pooled.Select(p => Limits.Of(p)).ToArray();
        for (int row = 0; row < k; row++)
            for (int col = 0; col <= row; col++)
            {
                var panel = figure.Panel(row, col);
                // One fixed padding for every cell, so a column's panels share their x pixels and a row's their y pixels.
                panel.Layout.Fixed(new PixelPadding(72, 12, 46, 12));
                if (row == col) Marginal(panel, pooled[col], limits[col]);
                else Scatter(panel, pooled[col], pooled[row], divergent, limits[col], limits[row]);
                // The diagonal names its component under it; the scatter panels are named by the bottom row and left column.
                if (row == k - 1 || row == col) panel.XLabel(components[col].Label);
                if (col == 0 && row > 0) panel.YLabel(components[row].Label);
            }
        return figure;
    }

    private static bool[] Flatten(bool[,]? diverged, int chains, int draws)
    {
        var flat = new bool[chains * draws];
        if (diverged is null) return flat;
        for (int c = 0; c < chains; c++)
            for (int d = 0; d < draws; d++) flat[c * draws + d] = diverged[c, d];
        return flat;
    }

    private static void Marginal(ScottPlot.Plot panel, double[] x, (double Lo, double Hi) limits)
    {
        var (xs, ys) = Kde.Curve(x);
        double top = 1;
        if (xs.Length > 0)
        {
            var line = panel.Add.ScatterLine(xs, ys, Theme.Pooled);
            line.LineWidth = 1.8f;
            top = ys.Max();
        }
        panel.Axes.SetLimits(limits.Lo, limits.Hi, 0, 1.1 * top);
        // Only the density's shape matters here (as in ArviZ); its tick labels (1.5E-05…) would only crowd the cell.
        panel.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
    }

    private static void Scatter(ScottPlot.Plot panel, double[] x, double[] y, bool[] divergent, (double Lo, double Hi) xLimits, (double Lo, double Hi) yLimits)
    {
        var (xs, ys) = Split(x, y, divergent, false);
        var draws = panel.Add.Markers(xs, ys, MarkerShape.FilledCircle, 3.5f, Theme.Pooled.WithAlpha(0.35));
        draws.MarkerLineWidth = 0;
        var (dx, dy) = Split(x, y, divergent, true);
        if (dx.Length > 0)
        {
            var marks = panel.Add.Markers(dx, dy, MarkerShape.FilledCircle, 5.5f, Theme.Divergent);
            marks.MarkerLineWidth = 0;
        }
        panel.Axes.SetLimits(xLimits.Lo, xLimits.Hi, yLimits.Lo, yLimits.Hi);
    }

    /// <summary>The finite (x, y) pairs whose divergence flag is <paramref name="wanted"/>.</summary>
    private static (double[] Xs, double[] Ys) Split(double[] x, double[] y, bool[] divergent, bool wanted)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < x.Length; i++)
            if (divergent[i] == wanted && double.IsFinite(x[i]) && double.IsFinite(y[i]))
            {
                xs.Add(x[i]);
                ys.Add(y[i]);
            }
        return (xs.ToArray(), ys.ToArray());
    }
}
