using System.Globalization;
using System.Text.Json;

namespace Axle.Bench.Ppl.Stan;

/// <summary>What run.R reports about its run besides the draws (timing.json).</summary>
/// <param name="CompileSeconds">The C++ build of the model (from an earlier run when <paramref name="CompileCached"/>).</param>
/// <param name="CompileCached">Whether the compiled model came from run.R's cache.</param>
/// <param name="FirstCallSeconds">An untimed 2-iteration sampling() before the timed chains (loads the model's library, warms R).</param>
/// <param name="WallSeconds">Wall clock around all chains: the forks, the chains, passing their fits back, joining them.</param>
/// <param name="ChainWall">Each chain process's wall clock around its sampling() call.</param>
/// <param name="ChainCpu">Each chain process's CPU time (user + system) around its sampling() call.</param>
/// <param name="WarmupSeconds">get_elapsed_time's warm-up time per chain (Stan 2.21 measures it with clock(): CPU time).</param>
/// <param name="SamplingSeconds">get_elapsed_time's sampling time per chain.</param>
/// <param name="Versions">"rstan 2.21.7, Stan 2.21.0".</param>
/// <param name="Metric">The metric Stan adapted (diag_e, dense_e), as its adaptation report shows it.</param>
/// <param name="Cores">The cores argument of sampling().</param>
internal sealed record StanTiming(double CompileSeconds, bool CompileCached, double FirstCallSeconds, double WallSeconds,
    double[] ChainWall, double[] ChainCpu, double[] WarmupSeconds, double[] SamplingSeconds, string Versions, string Metric, int Cores)
{
    /// <summary>
    /// How much other processes slowed chain <paramref name="chain"/> down: its process's wall ÷ CPU time (at least 1;
    /// 1 when the CPU time is too short to measure).
    /// </summary>
    public double Slowdown(int chain) => ChainCpu[chain] > 0 ? Math.Max(1, ChainWall[chain] / ChainCpu[chain]) : 1;

    public static StanTiming Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        double[] Array(string name) => r.GetProperty(name).ValueKind == JsonValueKind.Array
            ? r.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray()
            : [r.GetProperty(name).GetDouble()]; // jsonlite's auto_unbox writes a one-chain vector as a number
        return new StanTiming(r.GetProperty("compile_s").GetDouble(), r.GetProperty("compile_cached").GetBoolean(),
            r.GetProperty("first_call_s").GetDouble(), r.GetProperty("wall_s").GetDouble(), Array("chain_wall_s"), Array("chain_cpu_s"),
            Array("warmup_s"), Array("sampling_s"),
            $"rstan {r.GetProperty("rstan").GetString()}, Stan {r.GetProperty("stan").GetString()}",
            r.GetProperty("metric").GetString() ?? "", r.GetProperty("cores").GetInt32());
    }
}

/// <summary>Reads run.R's output folder (draws.csv, sampler.csv, timing.json) into a <see cref="Fit"/>.</summary>
internal static class StanOutput
{
    /// <exception cref="InvalidOperationException">Stan adapted another metric than <paramref name="metric"/>.</exception>
    public static Fit Read(string folder, string label, string metric)
    {
        var timing = StanTiming.Parse(File.ReadAllText(Path.Combine(folder, "timing.json")));
        if (timing.Metric != metric)
            throw new InvalidOperationException($"Stan was asked for metric {metric} but its adaptation report shows {timing.Metric}");
        return FromTables(StanCsv.Read(Path.Combine(folder, "draws.csv")), StanCsv.Read(Path.Combine(folder, "sampler.csv")), timing, label);
    }

    /// <exception cref="FormatException">The tables disagree with each other or miss a column run.R writes.</exception>
    public static Fit FromTables(StanCsv draws, StanCsv sampler, StanTiming timing, string label)
    {
        double[] chainOf = draws["chain"];
        int chains = (int)chainOf.Max();
        if (chains < 1 || chainOf.Any(c => c < 1 || c != Math.Floor(c)))
            throw new FormatException($"draws.csv: chain numbers must be 1, 2, ...; got {string.Join(",", chainOf.Distinct().Take(8))}");
        int perChain = draws.Rows / chains;
        for (int c = 1; c <= chains; c++)
        {
            int n = chainOf.Count(x => x == c);
            if (n != perChain || n * chains != draws.Rows)
                throw new FormatException($"draws.csv: every chain must have the same number of draws; chain {c} has {n} of {draws.Rows} rows over {chains} chains");
        }
        if (new[] { timing.WarmupSeconds, timing.SamplingSeconds, timing.ChainWall, timing.ChainCpu }.Any(a => a.Length != chains))
            throw new FormatException($"timing.json: expected {chains} values of each chain time; got {timing.WarmupSeconds.Length} warm-up, " +
                                      $"{timing.SamplingSeconds.Length} sampling, {timing.ChainWall.Length} wall, {timing.ChainCpu.Length} CPU");

        var named = new Dictionary<string, double[,]>();
        foreach (string name in draws.Names.Where(n => n != "chain"))
        {
            var x = new double[chains, perChain];
            int[] seen = new int[chains];
            double[] column = draws[name];
            for (int row = 0; row < draws.Rows; row++)
            {
                int c = (int)chainOf[row] - 1;
                x[c, seen[c]++] = column[row];
            }
            named[name] = x;
        }

        double[] warm = sampler["warmup"], leapfrog = sampler["n_leapfrog__"], divergent = sampler["divergent__"],
            depth = sampler["treedepth__"], step = sampler["stepsize__"], chainS = sampler["chain"];
        int after = warm.Count(w => w == 0);
        if (after != draws.Rows)
            throw new FormatException($"sampler.csv has {after} post-warm-up rows, draws.csv {draws.Rows}");
        long total = 0, sampling = 0;
        int divergences = 0;
        double depthSum = 0, maxDepth = 0;
        var stepByChain = new double[chains];
        for (int i = 0; i < sampler.Rows; i++)
        {
            total += (long)leapfrog[i];
            if (warm[i] != 0) continue;
            sampling += (long)leapfrog[i];
            if (divergent[i] != 0) divergences++;
            depthSum += depth[i];
            maxDepth = Math.Max(maxDepth, depth[i]);
            stepByChain[(int)chainS[i] - 1] = step[i];
        }
        int cores = Math.Max(1, Math.Min(timing.Cores, chains));
        double warmup = Enumerable.Range(0, chains).Sum(c => timing.WarmupSeconds[c] * timing.Slowdown(c)) / cores;
        double samplingTime = Enumerable.Range(0, chains).Sum(c => timing.SamplingSeconds[c] * timing.Slowdown(c)) / cores;
        double cpu = (timing.WarmupSeconds.Sum() + timing.SamplingSeconds.Sum()) / cores;
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        string details = $"{timing.Versions}, metric {timing.Metric}, cores {timing.Cores}; per chain: warm-up/sampling s (Stan's clock) " +
            string.Join(", ", timing.WarmupSeconds.Zip(timing.SamplingSeconds, (w, s) => $"{F(w)}/{F(s)}")) +
            "; its process's sampling() call wall/CPU s " + string.Join(", ", timing.ChainWall.Zip(timing.ChainCpu, (w, c) => $"{F(w)}/{F(c)}")) +
            $"; all chains with forks and joining {F(timing.WallSeconds)} s wall; untimed first sampling() call {F(timing.FirstCallSeconds)} s; " +
            $"step sizes {string.Join(", ", stepByChain.Select(F))}; mean tree depth {F(depthSum / after)}, max {maxDepth:0}";
        return new Fit(label, named, total, sampling, divergences, warmup, samplingTime, cpu,
            timing.CompileSeconds, timing.CompileCached ? "compiled in an earlier run (cached)" : "", details);
    }
}
