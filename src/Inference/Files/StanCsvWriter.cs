using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Axle.Inference.Files;

/// <summary>
/// Writes an <see cref="InferenceData"/> as CmdStan's <c>sample</c> output: one CSV per chain,
/// <c>&lt;model&gt;_&lt;chain&gt;.csv</c> (chains from 1; CmdStan's <c>output_1.csv</c> naming, whose <c>_N</c>
/// rstan strips to get the model's name), laid out as CmdStan 2.3x writes it so that
/// <c>rstan::read_stan_csv</c>, cmdstanpy and ArviZ's <c>from_cmdstan</c> read it.
/// </summary>
/// <remarks>
/// Per file: the configuration as CmdStan's indented comment tree (model, <c>method = sample</c>,
/// num_samples, num_warmup, save_warmup, thin, adapt engaged/delta, algorithm hmc, engine nuts (static
/// without a tree-depth statistic), max_depth, metric, id, seed, output file); the column header (see
/// <see cref="StanCsvTable"/>); the warm-up draws when the idata keeps them (<c>save_warmup = 1</c>);
/// when adaptation ran, <c># Adaptation terminated</c>, the step size (the chain's first
/// <c>step_size</c> after warm-up) and the inverse metric; the draws; the elapsed-time block. Facts come
/// from the group attributes named in <see cref="SamplerAttributes"/>; a line whose fact the idata does
/// not carry is left out rather than guessed (delta, max_depth, seed, timing). Values are written at
/// round-trip precision (CmdStan's default is 6 significant digits), non-finite values as <c>nan</c>,
/// <c>inf</c>, <c>-inf</c> as CmdStan writes them.
/// </remarks>
internal static partial class StanCsvWriter
{
    internal static IReadOnlyList<string> Write(InferenceData idata, string directory, string modelName)
    {
        ArgumentNullException.ThrowIfNull(idata);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!ModelName().IsMatch(modelName ?? ""))
            throw new ArgumentException($"InferenceData.ToStanCsv: model name '{modelName}' must be letters, digits, '_', '.' or '-' (it names the files and rstan reads it back)", nameof(modelName));
        var posterior = idata.Posterior
            ?? throw new ArgumentException("InferenceData.ToStanCsv: the idata has no posterior group", nameof(idata));
        var table = StanCsvTable.Of(posterior, idata.SampleStats, "posterior");
        StanCsvTable? warmup = null;
        if (idata.WarmupPosterior is not null || idata.WarmupSampleStats is not null)
        {
            if (idata.WarmupPosterior is null || idata.WarmupSampleStats is null)
                throw new ArgumentException("InferenceData.ToStanCsv: warm-up draws need both warmup_posterior and warmup_sample_stats", nameof(idata));
            warmup = StanCsvTable.Of(idata.WarmupPosterior, idata.WarmupSampleStats, "warmup_posterior");
            if (!warmup.Names.SequenceEqual(table.Names) || warmup.Chains != table.Chains)
                throw new ArgumentException("InferenceData.ToStanCsv: the warm-up groups have other columns or chains than posterior and sample_stats", nameof(idata));
        }
        var run = StanCsvRun.Of(idata, table, warmup);

        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        for (int chain = 0; chain < table.Chains; chain++)
        {
            string path = Path.Combine(directory, $"{modelName}_{chain + 1}.csv");
            using (var csv = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16) { NewLine = "\n" })
            {
                Header(csv, modelName!, Path.GetFileName(path), chain, table, run);
                csv.WriteLine(string.Join(",", table.Names));
                if (warmup is not null) Rows(csv, warmup, chain);
                if (run.Adapted) Adaptation(csv, table, run, chain);
                Rows(csv, table, chain);
                if (run.WarmupSeconds is not null && run.SamplingSeconds is not null)
                    Timing(csv, run.WarmupSeconds[chain], run.SamplingSeconds[chain]);
            }
            paths.Add(path);
        }
        return paths;
    }

    private static void Header(TextWriter csv, string model, string file, int chain, StanCsvTable table, StanCsvRun run)
    {
        var lines = new List<string>
        {
            $"model = {model}",
            "method = sample (Default)",
            "  sample",
            $"    num_samples = {table.Draws}",
            $"    num_warmup = {run.NumWarmup}",
            $"    save_warmup = {(run.SaveWarmup ? 1 : 0)}",
            "    thin = 1 (Default)",
            "    adapt",
            $"      engaged = {(run.Adapted ? 1 : 0)}",
        };
        if (run.Delta is double delta) lines.Add($"      delta = {Number(delta)}");
        lines.Add("    algorithm = hmc (Default)");
        lines.Add("      hmc");
        bool nuts = table.Names.Contains("treedepth__");
        lines.Add($"        engine = {(nuts ? "nuts" : "static")}");
        if (nuts && run.MaxDepth is int depth)
        {
            lines.Add("          nuts");
            lines.Add($"            max_depth = {depth}");
        }
        lines.Add($"        metric = {run.Metric}");
        lines.Add("    num_chains = 1 (Default)");
        lines.Add($"id = {chain + 1}");
        if (run.Seed is not null)
        {
            lines.Add("random");
            lines.Add($"  seed = {run.Seed}");
        }
        lines.Add("output");
        lines.Add($"  file = {file}");
        foreach (string line in lines) csv.WriteLine("# " + line);
    }

    private static void Adaptation(TextWriter csv, StanCsvTable table, StanCsvRun run, int chain)
    {
        csv.WriteLine("# Adaptation terminated");
        if (table.Column("stepsize__", chain) is { Length: > 0 } steps) csv.WriteLine($"# Step size = {Number(steps[0])}");
        if (run.InverseMetric is null) return;
        double[] m = run.InverseMetric[chain];
        if (run.Metric == "dense_e")
        {
            int n = (int)Math.Round(Math.Sqrt(m.Length));
            csv.WriteLine("# Elements of inverse mass matrix:");
            for (int i = 0; i < n; i++) csv.WriteLine("# " + string.Join(", ", m.Skip(i * n).Take(n).Select(Number)));
        }
        else
        {
            csv.WriteLine("# Diagonal elements of inverse mass matrix:");
            csv.WriteLine("# " + string.Join(", ", m.Select(Number)));
        }
    }

    private static void Rows(TextWriter csv, StanCsvTable table, int chain)
    {
        Span<char> buffer = stackalloc char[32];
        for (int draw = 0; draw < table.Draws; draw++)
        {
            for (int col = 0; col < table.Names.Count; col++)
            {
                if (col > 0) csv.Write(',');
                double value = table[chain, draw, col];
                if (double.IsFinite(value) && value.TryFormat(buffer, out int length, "R", CultureInfo.InvariantCulture))
                    csv.Write(buffer[..length]);
                else csv.Write(Number(value));
            }
            csv.WriteLine();
        }
    }

    private static void Timing(TextWriter csv, double warmup, double sampling)
    {
        static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);
        csv.WriteLine("# ");
        csv.WriteLine($"#  Elapsed Time: {Seconds(warmup)} seconds (Warm-up)");
        csv.WriteLine($"#                {Seconds(sampling)} seconds (Sampling)");
        csv.WriteLine($"#                {Seconds(warmup + sampling)} seconds (Total)");
        csv.WriteLine("# ");
    }

    /// <summary>A value as CmdStan spells it: round-trip digits, <c>nan</c>, <c>inf</c>, <c>-inf</c>.</summary>
    internal static string Number(double value) =>
        double.IsNaN(value) ? "nan"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex ModelName();
}
