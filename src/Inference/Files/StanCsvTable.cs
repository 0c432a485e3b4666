using System.Text.RegularExpressions;

namespace Axle.Inference.Files;

/// <summary>
/// The columns of a CmdStan sample CSV built from a posterior and its sampler statistics: Stan's sampler
/// columns first (<c>lp__, accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__</c>,
/// those the statistics have), then every scalar of every posterior variable, named and ordered as
/// CmdStan names them (<c>theta.1</c>, and column-major for arrays: <c>Sigma.1.1, Sigma.2.1, Sigma.1.2, …</c>).
/// </summary>
internal sealed partial class StanCsvTable
{
    /// <summary>(ArviZ's sample_stats name, Stan's column), in CmdStan's column order.</summary>
    internal static readonly (string ArviZ, string Stan)[] SamplerColumns =
    [
        ("lp", "lp__"), ("acceptance_rate", "accept_stat__"), ("step_size", "stepsize__"), ("tree_depth", "treedepth__"),
        ("n_steps", "n_leapfrog__"), ("diverging", "divergent__"), ("energy", "energy__"),
    ];

    private readonly double[][] _columns;

    private readonly List<string> _names;

    private StanCsvTable(List<string> names, List<double[]> columns, int chains, int draws)
    {
        _names = names;
        _columns = [.. columns];
        Chains = chains;
        Draws = draws;
    }

    /// <summary>Column names, in order.</summary>
    internal IReadOnlyList<string> Names => _names;

    internal int Chains { get; }

    internal int Draws { get; }

    /// <summary>The value of <paramref name="column"/> at (<paramref name="chain"/>, <paramref name="draw"/>).</summary>
    internal double this[int chain, int draw, int column] => _columns[column][chain * Draws + draw];

    /// <summary>The column named <paramref name="name"/>'s values for one chain, or null when there is no such column.</summary>
    internal double[]? Column(string name, int chain)
    {
        int i = _names.IndexOf(name);
        return i < 0 ? null : _columns[i].AsSpan(chain * Draws, Draws).ToArray();
    }

    /// <summary>Lays out <paramref name="posterior"/> and <paramref name="stats"/> (ArviZ's names) as CmdStan's columns.</summary>
    /// <param name="posterior">The draws of the model's variables.</param>
    /// <param name="stats">The sampler statistics of the same draws.</param>
    /// <param name="which">For messages: "posterior" or "warmup_posterior".</param>
    /// <exception cref="ArgumentException">
    /// No <c>lp</c> statistic, a variable without leading (chain, draw), a name Stan cannot have, or
    /// chain/draw counts that differ between the groups.
    /// </exception>
    internal static StanCsvTable Of(InferenceGroup posterior, InferenceGroup? stats, string which)
    {
        string statsName = which.Replace("posterior", "sample_stats", StringComparison.Ordinal);
        if (stats is null || !stats.ContainsKey("lp"))
            throw new ArgumentException($"InferenceData.ToStanCsv: CmdStan's CSV needs lp__, from the 'lp' variable of {statsName}, which is missing", "idata");
        var (chains, draws) = ChainsAndDraws(stats.Variable("lp"), statsName);
        var names = new List<string>();
        var columns = new List<double[]>();
        foreach (var (arviz, stan) in SamplerColumns)
        {
            if (!stats.ContainsKey(arviz)) continue;
            var v = stats.Variable(arviz);
            if (v.Values.Rank != 2 || ChainsAndDraws(v, statsName) != (chains, draws))
                throw new ArgumentException($"InferenceData.ToStanCsv: {statsName} '{arviz}' has dims ({string.Join(", ", v.Dims)}) {v.Values.Shape}; expected (chain, draw) of ({chains}, {draws})", "idata");
            names.Add(stan);
            columns.Add(v.ToDoubles());
        }
        foreach (var v in posterior.Variables)
        {
            if (!StanIdentifier().IsMatch(v.Name) || v.Name.EndsWith("__", StringComparison.Ordinal))
                throw new ArgumentException($"InferenceData.ToStanCsv: '{v.Name}' is not a name Stan can have (a letter, then letters, digits or '_', not ending in '__'); rstan would misread its columns", "idata");
            if (ChainsAndDraws(v, which) != (chains, draws))
                throw new ArgumentException($"InferenceData.ToStanCsv: {which} '{v.Name}' has (chain, draw) = {ChainsAndDraws(v, which)} but {statsName} has ({chains}, {draws})", "idata");
            AddComponents(v, chains * draws, names, columns);
        }
        return new StanCsvTable(names, columns, chains, draws);
    }

    /// <summary>One column per scalar of <paramref name="v"/>, in Stan's (column-major) order.</summary>
    private static void AddComponents(InferenceVariable v, int rows, List<string> names, List<double[]> columns)
    {
        int[] shape = Enumerable.Range(2, v.Values.Rank - 2).Select(i => v.Values.Shape[i].Value).ToArray();
        int width = v.ComponentCount;
        double[] all = v.ToDoubles();
        var index = new int[shape.Length];
        for (int k = 0; k < width; k++)
        {
            // k counts in column-major order (first index fastest); the tensor is row-major.
            int rest = k, offset = 0;
            for (int a = 0; a < shape.Length; a++)
            {
                index[a] = rest % shape[a];
                rest /= shape[a];
            }
            for (int a = 0; a < shape.Length; a++) offset = offset * shape[a] + index[a];
            names.Add(shape.Length == 0 ? v.Name : $"{v.Name}.{string.Join(".", index.Select(i => i + 1))}");
            var column = new double[rows];
            for (int r = 0; r < rows; r++) column[r] = all[r * width + offset];
            columns.Add(column);
        }
    }

    private static (int Chains, int Draws) ChainsAndDraws(InferenceVariable v, string group)
    {
        if (v.Dims.Count < 2 || v.Dims[0] != "chain" || v.Dims[1] != "draw")
            throw new ArgumentException($"InferenceData.ToStanCsv: {group} '{v.Name}' has dims ({string.Join(", ", v.Dims)}); CmdStan's CSV needs every variable to lead with (chain, draw)", "idata");
        return (v.Values.Shape[0].Value, v.Values.Shape[1].Value);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex StanIdentifier();
}
