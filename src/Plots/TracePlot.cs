using ScottPlot;

namespace Axle.Plots;

/// <summary>az.plot_trace: per component a row with each chain's density (left) and each chain's draws in order (right).</summary>
internal static class TracePlot
{
    public static Figure Build(Selection selection, bool[,]? diverged)
    {
        int rows = selection.Components.Count;
        int divergent = diverged is null ? 0 : diverged.Cast<bool>().Count(d => d);
        var figure = new Figure($"Trace{selection.TruncationNote}", rows, [1f, 1.6f], 1200, 70 + 210 * rows);
        for (int c = 0; c < selection.Chains; c++) figure.Legend.Add(new LegendEntry($"chain {c}", Theme.Chain(c)));
        if (divergent > 0) figure.Legend.Add(new LegendEntry($"divergent ({divergent})", Theme.Divergent, Swatch.Dot));

        for (int r = 0; r < rows; r++)
        {
            var component = selection.Components[r];
            var (lo, hi) = Limits.Of(component.Pooled());
            Density(figure.Panel(r, 0), component, diverged);
            Trace(figure.Panel(r, 1), component, diverged, lo, hi);
        }
        return figure;
    }

    private static void Density(ScottPlot.Plot panel, Component component, bool[,]? diverged)
    {
        double top = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int c = 0; c < component.Chains; c++)
        {
            var (xs, ys) = Kde.Curve(component.Chain(c));
            if (xs.Length == 0) continue;
            var line = panel.Add.ScatterLine(xs, ys, Theme.Chain(c));
            line.LineWidth = 1.6f;
            top = Math.Max(top, ys.Max());
            lo = Math.Min(lo, xs[0]);
            hi = Math.Max(hi, xs[^1]);
        }
        if (!(top > 0)) top = 1;
        // The curves run one bandwidth past the draws; the axis spans them all so that no tail is cut.
        if (!(hi > lo)) (lo, hi) = Limits.Of(component.Pooled());
        if (diverged is not null)
        {
            // A rug of the divergent draws' values along the bottom, as ArviZ marks them.
            var (xs, _) = DivergentDraws(component, diverged);
            Rug(panel, xs, -0.04 * top);
        }
        panel.Axes.SetLimits(lo, hi, -0.08 * top, 1.08 * top);
        panel.Title(component.Label);
        panel.YLabel("density");
        panel.XLabel(component.Label);
    }

    private static void Trace(ScottPlot.Plot panel, Component component, bool[,]? diverged, double lo, double hi)
    {
        int n = component.DrawsPerChain;
        var draw = new double[n];
        for (int d = 0; d < n; d++) draw[d] = d;
        for (int c = 0; c < component.Chains; c++)
        {
            var line = panel.Add.ScatterLine(draw, component.Chain(c), Theme.Chain(c).WithAlpha(0.75));
            line.LineWidth = 1f;
        }
        double span = hi - lo, bottom = lo - 0.08 * span;
        if (diverged is not null)
        {
            var (_, at) = DivergentDraws(component, diverged);
            Rug(panel, at, lo - 0.04 * span);
        }
        panel.Axes.SetLimits(-0.01 * (n - 1), (n - 1) * 1.01, bottom, hi);
        panel.Title(component.Label);
        panel.XLabel("draw");
        panel.YLabel(component.Label);
    }

    /// <summary>Short vertical ticks at <paramref name="xs"/>, on the line y = <paramref name="y"/>.</summary>
    private static void Rug(ScottPlot.Plot panel, double[] xs, double y)
    {
        if (xs.Length == 0) return;
        var ys = Enumerable.Repeat(y, xs.Length).ToArray();
        var ticks = panel.Add.Markers(xs, ys, MarkerShape.VerticalBar, 12, Theme.Divergent);
        ticks.MarkerLineWidth = 1.5f;
    }

    /// <summary>The values and draw indices of the divergent draws of every chain.</summary>
    private static (double[] Values, double[] DrawIndex) DivergentDraws(Component component, bool[,] diverged)
    {
        var values = new List<double>();
        var at = new List<double>();
        for (int c = 0; c < component.Chains; c++)
            for (int d = 0; d < component.DrawsPerChain; d++)
                if (diverged[c, d] && double.IsFinite(component.Draws[c, d]))
                {
                    values.Add(component.Draws[c, d]);
                    at.Add(d);
                }
        return (values.ToArray(), at.ToArray());
    }
}
