using System.Globalization;
using Axle.Inference;
using ScottPlot;
using SkiaSharp;

namespace Axle.Plots;

/// <summary>
/// az.plot_forest: one row per component (first at the top) with the mean, 50% HDI and 94% HDI, per chain or
/// pooled, and an R-hat column beside it whose rows line up with the intervals.
/// </summary>
internal static class ForestPlot
{
    /// <summary>R-hat above this is shown in red (Vehtari et al. 2021 recommend 1.01).</summary>
    public const double RhatLimit = 1.01;

    private const float Top = 34, Bottom = 52, Right = 14;

    public static Figure Build(Selection selection, bool combined)
    {
        int n = selection.Components.Count, chains = selection.Chains;
        int linesPerRow = combined ? 1 : chains;
        string scope = combined ? "all chains" : "per chain";
        var figure = new Figure($"Forest plot: mean, 50% and 94% HDI, {scope}{selection.TruncationNote}", 1, [5f, 1f],
            900, (int)Math.Clamp(140 + n * Math.Max(44, 18 * linesPerRow), 300, 8000));
        if (combined) figure.Legend.Add(new LegendEntry("all chains", Theme.Pooled));
        else for (int c = 0; c < chains; c++) figure.Legend.Add(new LegendEntry($"chain {c}", Theme.Chain(c)));

        // Both panels get the same fixed top and bottom padding so that their rows line up exactly.
        float left = LabelWidth(selection.Components.Select(x => x.Label)) + 22;
        var main = figure.Panel(0, 0);
        var rhat = figure.Panel(0, 1);
        main.Layout.Fixed(new PixelPadding(left, Right, Bottom, Top));
        rhat.Layout.Fixed(new PixelPadding(8, 8, Bottom, Top));

        var xs = new List<double>();
        var ticks = new List<Tick>();
        for (int i = 0; i < n; i++)
        {
            var component = selection.Components[i];
            double y = n - 1 - i;
            ticks.Add(new Tick(y, component.Label, true));
            for (int line = 0; line < linesPerRow; line++)
            {
                double[] draws = combined ? component.Pooled() : component.Chain(line);
                // Chain 0 on top, the chains spread over the middle 60% of the row.
                double offset = linesPerRow == 1 ? 0 : 0.3 - 0.6 * line / (linesPerRow - 1);
                var color = combined ? Theme.Pooled : Theme.Chain(line);
                xs.AddRange(Interval(main, draws, y + offset, color));
            }
            RhatLabel(rhat, Diagnostics.Rhat(component.Draws), y);
        }
        main.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        var (lo, hi) = Limits.Of(xs);
        main.Axes.SetLimits(lo, hi, -0.6, n - 0.4);
        main.XLabel("value");

        rhat.Axes.SetLimits(0, 1, -0.6, n - 0.4);
        rhat.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        rhat.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks.Select(t => new Tick(t.Position, "", true))]);
        rhat.Title("R-hat");
        rhat.HideGrid();
        rhat.Axes.Frame(false);
        rhat.Axes.Left.MajorTickStyle.Length = 0;
        rhat.Axes.Left.MinimumSize = 0;
        return figure;
    }

    /// <summary>Draws one interval row at height <paramref name="y"/>; returns the x values it spans (for the axis range).</summary>
    private static double[] Interval(ScottPlot.Plot panel, double[] draws, double y, Color color)
    {
        var (lo94, hi94) = Intervals.Hdi(draws, 0.94);
        var (lo50, hi50) = Intervals.Hdi(draws, 0.50);
        double mean = draws.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        if (!double.IsFinite(mean)) return [];
        var wide = panel.Add.Line(lo94, y, hi94, y);
        wide.LineColor = color;
        wide.LineWidth = 1.6f;
        var narrow = panel.Add.Line(lo50, y, hi50, y);
        narrow.LineColor = color;
        narrow.LineWidth = 4.5f;
        var dot = panel.Add.Marker(mean, y, MarkerShape.FilledCircle, 8, color);
        dot.MarkerLineColor = Theme.Background;
        dot.MarkerLineWidth = 1;
        return [lo94, hi94];
    }

    private static void RhatLabel(ScottPlot.Plot panel, double rhat, double y)
    {
        string text = double.IsFinite(rhat) ? rhat.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
        var label = panel.Add.Text(text, 0.5, y);
        label.Alignment = Alignment.MiddleCenter;
        label.LabelFontName = Theme.FontName;
        label.LabelFontSize = 12;
        label.LabelFontColor = rhat > RhatLimit ? Theme.Divergent : Theme.Text;
        label.LabelBold = rhat > RhatLimit;
    }

    /// <summary>Width in pixels of the widest tick label, so the fixed left padding fits every component's name.</summary>
    private static float LabelWidth(IEnumerable<string> labels)
    {
        using var typeface = SKTypeface.FromFamilyName(Theme.FontName);
        using var font = new SKFont(typeface, Theme.TickFontSize);
        return labels.Max(l => font.MeasureText(l));
    }
}
