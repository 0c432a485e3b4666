using System.Globalization;

namespace Axle;

public static partial class Diagnostics
{
    /// <summary>
    /// ArviZ's <c>az.summary(idata, var_names=..., hdi_prob=...)</c>: mean, sd, HDI, MCSE of the mean and
    /// sd, bulk and tail ESS and R-hat of every scalar component of the group's variables.
    /// </summary>
    /// <param name="idata">The results; the group summarized is <paramref name="group"/>, else <c>posterior</c>, else <c>prior</c> (as ArviZ picks).</param>
    /// <param name="varNames">
    /// Variables to include, in this order (default: all, in the group's order). As in ArviZ, names
    /// starting with <c>~</c> exclude instead: then every other variable is included.
    /// </param>
    /// <param name="hdiProb">The HDIs' probability mass in (0, 1]; ArviZ's default 0.94 gives columns hdi_3% and hdi_97%.</param>
    /// <param name="group">An ArviZ group name to summarize instead of the default.</param>
    /// <returns>The table; <see cref="SummaryTable.ToString"/> prints it as ArviZ does.</returns>
    /// <exception cref="ArgumentException">
    /// The group is absent, a named variable is not in it, a variable does not lead with (chain, draw),
    /// or nothing is left to summarize.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hdiProb"/> is outside (0, 1].</exception>
    public static SummaryTable Summary(InferenceData idata, IEnumerable<string>? varNames = null, double hdiProb = 0.94, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(idata);
        if (!(hdiProb > 0 && hdiProb <= 1))
            throw new ArgumentOutOfRangeException(nameof(hdiProb), $"Diagnostics.Summary: hdiProb must be in (0, 1]; got {hdiProb}");
        InferenceGroup data = group is not null
            ? idata[group] ?? throw new ArgumentException($"Diagnostics.Summary: the InferenceData has no '{group}' group; it has {GroupList(idata)}", nameof(group))
            : idata.Posterior ?? idata.Prior
                ?? throw new ArgumentException($"Diagnostics.Summary: the InferenceData has neither a posterior nor a prior group; it has {GroupList(idata)}", nameof(idata));
        var rows = new List<SummaryRow>();
        foreach (var variable in Select(data, varNames))
            rows.AddRange(SummarizeVariable(data, variable, hdiProb));
        if (rows.Count == 0)
            throw new ArgumentException("Diagnostics.Summary: the selected variables have no scalar components to summarize", nameof(varNames));
        return new SummaryTable(rows, hdiProb);
    }

    private static IEnumerable<SummaryRow> SummarizeVariable(InferenceGroup data, InferenceVariable variable, double hdiProb)
    {
        if (variable.Dims.Count < 2 || variable.Dims[0] != "chain" || variable.Dims[1] != "draw")
            throw new ArgumentException($"Diagnostics.Summary: variable '{variable.Name}' has dims ({string.Join(", ", variable.Dims)}); expected (chain, draw, ...)", nameof(data));
        int chains = variable.Values.Shape[0].Value, draws = variable.Values.Shape[1].Value, width = variable.ComponentCount;
        // One copy of the values for all components (InferenceVariable.Component copies them each time).
        double[] all = variable.ToDoubles();
        int[] sizes = Enumerable.Range(2, variable.Dims.Count - 2).Select(d => variable.Values.Shape[d].Value).ToArray();
        for (int component = 0; component < width; component++)
        {
            var x = new double[chains, draws];
            for (int c = 0; c < chains; c++)
                for (int d = 0; d < draws; d++) x[c, d] = all[(c * draws + d) * width + component];
            object[] coords = Coordinates(data, variable, sizes, component);
            string label = coords.Length == 0 ? variable.Name
                : $"{variable.Name}[{string.Join(", ", coords.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))}]";
            var (lower, upper) = Hdi(x, hdiProb);
            yield return new SummaryRow(label, variable.Name, coords, ChainStatistics.Mean(x), ChainStatistics.Sd(x), lower, upper,
                McseMean(x), McseSd(x), EssBulk(x), EssTail(x), Rhat(x));
        }
    }

    /// <summary>The coordinate labels of a row-major <paramref name="component"/> index into the dims after (chain, draw).</summary>
    private static object[] Coordinates(InferenceGroup data, InferenceVariable variable, int[] sizes, int component)
    {
        var coords = new object[sizes.Length];
        for (int d = sizes.Length - 1; d >= 0; d--)
        {
            coords[d] = data.Coords[variable.Dims[d + 2]][component % sizes[d]];
            component /= sizes[d];
        }
        return coords;
    }

    /// <summary>ArviZ's <c>_var_names</c> without filters: the names in order, or all but the <c>~</c>-excluded ones.</summary>
    private static IEnumerable<InferenceVariable> Select(InferenceGroup data, IEnumerable<string>? varNames)
    {
        if (varNames is null) return data.Variables;
        string[] names = varNames.ToArray();
        string[] excluded = names.Where(n => n.StartsWith('~') && !data.ContainsKey(n)).Select(n => n[1..]).ToArray();
        if (excluded.Length > 0) return data.Variables.Where(v => !excluded.Contains(v.Name));
        string[] missing = names.Where(n => !data.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"Diagnostics.Summary: no variable {string.Join(", ", missing.Select(m => $"'{m}'"))}; the group has {string.Join(", ", data.Keys)}", nameof(varNames));
        return names.Select(data.Variable);
    }

    private static string GroupList(InferenceData idata)
    {
        var names = idata.Groups.Select(g => g.Name).ToArray();
        return names.Length == 0 ? "no groups" : string.Join(", ", names);
    }
}
