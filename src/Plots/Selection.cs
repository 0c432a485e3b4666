using Axle.Inference;

namespace Axle.Plots;

/// <summary>One scalar component of a posterior variable: its label (<c>theta[0]</c>, <c>beta[age]</c>) and its draws as (chain, draw).</summary>
internal sealed record Component(string Label, double[,] Draws)
{
    public int Chains => Draws.GetLength(0);

    public int DrawsPerChain => Draws.GetLength(1);

    /// <summary>The draws of one chain.</summary>
    public double[] Chain(int chain)
    {
        var x = new double[DrawsPerChain];
        for (int d = 0; d < x.Length; d++) x[d] = Draws[chain, d];
        return x;
    }

    /// <summary>Every chain's draws, one after the other.</summary>
    public double[] Pooled()
    {
        var x = new double[Chains * DrawsPerChain];
        int i = 0;
        foreach (double v in Draws) x[i++] = v;
        return x;
    }
}

/// <summary>The components a plot shows, and how many the selected variables have in all (more when the cap cut them).</summary>
internal sealed record Selection(IReadOnlyList<Component> Components, int Total)
{
    public int Chains => Components[0].Chains;

    public int Draws => Components[0].DrawsPerChain;

    /// <summary>Text for the title: empty, or "(first 8 of 12 components)" when the cap left some out.</summary>
    public string TruncationNote => Components.Count < Total ? $" (first {Components.Count} of {Total} components)" : "";

    /// <summary>
    /// The scalar components of the posterior variables named in <paramref name="variables"/> (all variables led
    /// by (chain, draw) when null), in order, at most <paramref name="max"/> of them.
    /// </summary>
    /// <exception cref="ArgumentException">No posterior; a name that is not a posterior variable; a variable without (chain, draw); nothing selected.</exception>
    public static Selection Of(InferenceData idata, IEnumerable<string>? variables, int max)
    {
        ArgumentNullException.ThrowIfNull(idata);
        var posterior = idata.Posterior
            ?? throw new ArgumentException("Axle.Plots: the InferenceData has no posterior group", nameof(idata));
        IReadOnlyList<InferenceVariable> chosen;
        if (variables is null)
            chosen = posterior.Variables.Where(IsSampled).ToArray();
        else
        {
            var names = variables.ToArray();
            foreach (string name in names)
            {
                if (!posterior.ContainsKey(name))
                    throw new ArgumentException($"Axle.Plots: '{name}' is not a posterior variable; the posterior has {string.Join(", ", posterior.Keys)}", nameof(variables));
                if (!IsSampled(posterior.Variable(name)))
                    throw new ArgumentException($"Axle.Plots: posterior variable '{name}' has dims ({string.Join(", ", posterior.Variable(name).Dims)}), not led by (chain, draw)", nameof(variables));
            }
            chosen = names.Distinct(StringComparer.Ordinal).Select(posterior.Variable).ToArray();
        }
        if (chosen.Count == 0)
            throw new ArgumentException("Axle.Plots: no posterior variable selected (none given, or none led by (chain, draw))", nameof(variables));

        var components = new List<Component>();
        int total = 0;
        foreach (var v in chosen)
        {
            int width = v.ComponentCount;
            total += width;
            if (components.Count >= max || width == 0) continue;
            int chains = v.Values.Shape[0].Value, draws = v.Values.Shape[1].Value;
            if (chains < 1 || draws < 2)
                throw new ArgumentException($"Axle.Plots: posterior variable '{v.Name}' has {chains} chains of {draws} draws; a plot needs at least one chain of two draws", nameof(idata));
            double[] all = v.ToDoubles();
            for (int i = 0; i < width && components.Count < max; i++)
            {
                var x = new double[chains, draws];
                for (int c = 0; c < chains; c++)
                    for (int d = 0; d < draws; d++) x[c, d] = all[(c * draws + d) * width + i];
                components.Add(new Component(Label(v, posterior, i), x));
            }
        }
        if (components.Count == 0)
            throw new ArgumentException($"Axle.Plots: the selected variables ({string.Join(", ", chosen.Select(v => v.Name))}) have no components (a dimension of size 0)", nameof(variables));
        var first = components[0];
        foreach (var c in components)
            if (c.Chains != first.Chains || c.DrawsPerChain != first.DrawsPerChain)
                throw new ArgumentException($"Axle.Plots: '{c.Label}' has {c.Chains}×{c.DrawsPerChain} draws but '{first.Label}' has {first.Chains}×{first.DrawsPerChain}", nameof(idata));
        return new Selection(components, total);
    }

    private static bool IsSampled(InferenceVariable v) => v.Dims.Count >= 2 && v.Dims[0] == "chain" && v.Dims[1] == "draw";

    /// <summary><c>name</c> for a scalar, else <c>name[label, …]</c> with the group's coordinate labels of the trailing dims.</summary>
    private static string Label(InferenceVariable v, InferenceGroup group, int flat)
    {
        if (v.Values.Rank == 2) return v.Name;
        var parts = new string[v.Values.Rank - 2];
        for (int axis = v.Values.Rank - 1; axis >= 2; axis--)
        {
            int size = v.Values.Shape[axis].Value, index = flat % size;
            flat /= size;
            parts[axis - 2] = group.Coords.TryGetValue(v.Dims[axis], out var labels) ? Convert.ToString(labels[index], System.Globalization.CultureInfo.InvariantCulture) ?? index.ToString()
                : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return $"{v.Name}[{string.Join(", ", parts)}]";
    }

    /// <summary>
    /// Which draws diverged, as (chain, draw), from <c>sample_stats.diverging</c>; null when the InferenceData has no such statistic.
    /// </summary>
    /// <exception cref="ArgumentException"><c>diverging</c> is not shaped (chain, draw) like the posterior.</exception>
    public bool[,]? Divergences(InferenceData idata)
    {
        if (idata.SampleStats is not { } stats || !stats.ContainsKey("diverging")) return null;
        var v = stats.Variable("diverging");
        if (v.Values.Rank != 2 || v.Values.Shape[0].Value != Chains || v.Values.Shape[1].Value != Draws)
            throw new ArgumentException($"Axle.Plots: sample_stats 'diverging' has shape {v.Values.Shape}; expected ({Chains}, {Draws}) like the posterior", nameof(idata));
        double[] flat = v.ToDoubles();
        var diverged = new bool[Chains, Draws];
        for (int c = 0; c < Chains; c++)
            for (int d = 0; d < Draws; d++) diverged[c, d] = flat[c * Draws + d] != 0;
        return diverged;
    }
}
