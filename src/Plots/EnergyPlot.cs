using System.Globalization;
using Axle.Inference;
using ScottPlot;

namespace Axle.Plots;

/// <summary>
/// az.plot_energy: the density of the Hamiltonian energy (centred) against the density of its change between
/// successive draws. When the transitions are as wide as the marginal, each trajectory can reach any energy
/// level; E-BFMI (their variance ratio) below 0.3 flags a sampler that cannot.
/// </summary>
internal static class EnergyPlot
{
    /// <summary>E-BFMI below this is flagged (Betancourt 2016; ArviZ and Stan warn below 0.3).</summary>
    public const double BfmiLimit = 0.3;

    /// <summary><c>sample_stats.energy</c> as (chain, draw).</summary>
    /// <exception cref="ArgumentException">No sample_stats, no energy, or energy not (chain, draw) with two draws per chain.</exception>
    public static double[,] EnergyOf(InferenceData idata)
    {
        ArgumentNullException.ThrowIfNull(idata);
        if (idata.SampleStats is not { } stats || !stats.ContainsKey("energy"))
            throw new ArgumentException("Axle.Plots: an energy plot needs sample_stats 'energy'; "
                + (idata.SampleStats is { } s ? $"sample_stats has {string.Join(", ", s.Keys)}" : "the InferenceData has no sample_stats"), nameof(idata));
        var v = stats.Variable("energy");
        if (v.Dims.Count != 2 || v.Dims[0] != "chain" || v.Dims[1] != "draw" || v.Values.Shape[1].Value < 2)
            throw new ArgumentException($"Axle.Plots: sample_stats 'energy' must be (chain, draw) with at least two draws; it is ({string.Join(", ", v.Dims)}) of shape {v.Values.Shape}", nameof(idata));
        return v.Component(0);
    }

    /// <summary>E-BFMI of each chain: the mean squared change in energy between draws over the energy's variance (ddof 0), as ArviZ's <c>bfmi</c>.</summary>
    public static double[] Bfmi(double[,] energy)
    {
        int chains = energy.GetLength(0), draws = energy.GetLength(1);
        var bfmi = new double[chains];
        for (int c = 0; c < chains; c++)
        {
            double mean = 0, squaredSteps = 0, variance = 0;
            for (int d = 0; d < draws; d++) mean += energy[c, d] / draws;
            for (int d = 0; d < draws; d++)
            {
                variance += (energy[c, d] - mean) * (energy[c, d] - mean) / draws;
                if (d > 0) squaredSteps += (energy[c, d] - energy[c, d - 1]) * (energy[c, d] - energy[c, d - 1]) / (draws - 1);
            }
            bfmi[c] = squaredSteps / variance;
        }
        return bfmi;
    }

    public static Figure Build(double[,] energy)
    {
        int chains = energy.GetLength(0), draws = energy.GetLength(1);
        var marginal = new double[chains * draws];
        var transition = new double[chains * (draws - 1)];
        double mean = energy.Cast<double>().Average();
        for (int c = 0; c < chains; c++)
            for (int d = 0; d < draws; d++)
            {
                marginal[c * draws + d] = energy[c, d] - mean;
                if (d > 0) transition[c * (draws - 1) + d - 1] = energy[c, d] - energy[c, d - 1];
            }

        var figure = new Figure("Energy", 1, [1f], 800, 560);
        var panel = figure.Panel(0, 0);
        Fill(panel, marginal, Theme.Chain(0), "marginal energy");
        Fill(panel, transition, Theme.Chain(1), "energy transition");
        double[] bfmi = Bfmi(energy);
        for (int c = 0; c < chains; c++)
        {
            bool low = bfmi[c] < BfmiLimit;
            var item = new LegendItem
            {
                LabelText = $"chain {c}: E-BFMI = {bfmi[c].ToString("0.00", CultureInfo.InvariantCulture)}{(low ? " (low)" : "")}",
                LineWidth = 0,
                MarkerShape = MarkerShape.None,
            };
            if (low) item.LabelStyle.ForeColor = Theme.Divergent;
            panel.Legend.ManualItems.Add(item);
        }
        panel.ShowLegend(Alignment.UpperRight);
        panel.Axes.Margins(0.02, 0.02, 0, 0.25);
        panel.XLabel("energy − mean energy, and energy change between draws");
        panel.YLabel("density");
        panel.Axes.Title.Label.Text = "";
        return figure;
    }

    private static void Fill(ScottPlot.Plot panel, double[] values, Color color, string label)
    {
        var (xs, ys) = Kde.Curve(values, 300);
        var fill = panel.Add.FillY(xs, ys, new double[xs.Length]);
        fill.FillColor = color.WithAlpha(0.45);
        fill.LineColor = color;
        fill.LineWidth = 1.5f;
        fill.LegendText = label;
    }
}
