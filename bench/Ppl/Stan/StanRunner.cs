using System.Globalization;

namespace Axle.Bench.Ppl.Stan;

/// <summary>Stan's side of a workload: writes the data, runs stan/run.R under Rscript, reads its output.</summary>
/// <param name="Rscript">The Rscript to run.</param>
/// <param name="ScriptFolder">Where run.R and the .stan files are (copied next to the assembly).</param>
/// <param name="CacheFolder">run.R's cache of compiled models (kept between runs).</param>
/// <param name="RunFolder">This run's data and output files.</param>
internal sealed record StanRunner(string Rscript, string ScriptFolder, string CacheFolder, string RunFolder)
{
    /// <summary>Samples <paramref name="w"/> with rstan: the same chains, warm-up, draws, seed, adapt_delta and metric as Axle.</summary>
    /// <exception cref="InvalidOperationException">run.R failed; the message carries the end of its error output.</exception>
    public Fit Run(Workload w, Settings s)
    {
        string model = Path.Combine(ScriptFolder, w.StanFile);
        if (!File.Exists(model)) throw new FileNotFoundException($"Stan model for {w.Name} not found", model);
        string data = Path.Combine(RunFolder, w.Name + ".data.json");
        w.StanData.Write(data);
        string output = Path.Combine(RunFolder, w.Name + ".stan");
        string metric = w.Metric == Axle.Metric.Dense ? "dense_e" : "diag_e";
        string I(double v) => v.ToString(CultureInfo.InvariantCulture);
        var r = Proc.Run(Rscript,
        [
            Path.Combine(ScriptFolder, "run.R"), model, data, output, CacheFolder,
            I(s.Warmup), I(s.Draws), I(s.Seed), I(w.TargetAcceptance), metric, I(s.Chains), I(s.Cores),
        ]);
        if (r.ExitCode != 0)
        {
            string err = r.Stderr.Trim();
            throw new InvalidOperationException($"Stan ({w.Name}): run.R failed with exit {r.ExitCode}: {(err.Length > 3000 ? "..." + err[^3000..] : err)}");
        }
        return StanOutput.Read(output, "Stan", metric);
    }
}
