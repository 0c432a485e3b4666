using System.Diagnostics;
using System.Globalization;
using Axle.Inference;

namespace Axle.Bench.Ppl;

/// <summary>Axle's side of a workload: <see cref="Nuts.Sample"/> on the flat log-density, read back into a <see cref="Fit"/>.</summary>
internal static class AxleRunner
{
    /// <summary>
    /// Samples <paramref name="w"/> with Axle's NUTS: Stan's windowed adaptation with the workload's metric, or nutpie's
    /// (diagonal, with its shorter warm-up). Starting points are uniform(−2, 2) on the unconstrained space, as Stan's.
    /// </summary>
    /// <param name="chainMethod">How the chains run: <see cref="ChainMethod.Parallel"/> (the default, one program per thread) or vmapped together.</param>
    public static Fit Run(Workload w, Settings s, Adaptation adaptation, ChainMethod chainMethod = ChainMethod.Parallel)
    {
        bool nutpie = adaptation == Adaptation.Nutpie;
        var options = new NutsOptions
        {
            Warmup = nutpie ? s.NutpieWarmup : s.Warmup,
            Draws = s.Draws,
            Seed = s.Seed,
            TargetAcceptance = w.TargetAcceptance,
            Metric = nutpie ? Metric.Diagonal : w.Metric,
            Adaptation = adaptation,
            ChainMethod = chainMethod,
            KeepWarmup = true, // for the warm-up's leapfrog steps
        };
        using Tensor init = Rng.Uniform(Rng.FoldIn(Rng.Key(s.Seed), 1), [s.Chains, w.Dim], DType.F64, -2.0, 2.0);
        // The process's CPU time between the first and the last progress report (iteration 100 to the end: past
        // compilation, most of the run) gives Axle's CPU per wall second, the counterpart of Stan's CPU clocks.
        (TimeSpan Wall, TimeSpan Cpu)? first = null, last = null;
        void Progress(NutsProgress p)
        {
            var now = (p.Elapsed, Environment.CpuUsage.TotalTime);
            first ??= now;
            last = now;
        }
        var clock = Stopwatch.StartNew();
        var idata = Nuts.Sample(w.LogDensity, init, options, Progress);
        double total = clock.Elapsed.TotalSeconds;

        var posterior = idata.Posterior!;
        double Seconds(string key) => double.Parse(posterior.Attributes[key], CultureInfo.InvariantCulture);
        double compile = Seconds("compile_time"), warmup = Seconds("warmup_time"), sampling = Seconds("sampling_time");
        var theta = posterior.Variable("theta");
        var draws = w.FromAxle(theta.Component);

        var stats = idata.SampleStats!;
        long[] steps = stats["n_steps"].ToArray<long>(), depth = stats["tree_depth"].ToArray<long>();
        long warmupSteps = idata.WarmupSampleStats is { } ws ? ws["n_steps"].ToArray<long>().Sum() : 0;
        int divergences = stats["diverging"].ToArray<bool>().Count(d => d);
        int hits = stats["reached_max_treedepth"].ToArray<bool>().Count(d => d);
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        string label = (nutpie ? "Axle (nutpie adaptation" : "Axle (Stan adaptation") + (chainMethod == ChainMethod.Vectorized ? ", vectorized chains)" : ")");
        double spanWall = (last!.Value.Wall - first!.Value.Wall).TotalSeconds, spanCpu = (last.Value.Cpu - first.Value.Cpu).TotalSeconds;
        double? cpu = spanWall > 0 ? (warmup + sampling) * spanCpu / spanWall / s.Cores : null;
        string details = $"{options.ChainMethod} chains, metric {(options.Metric == Metric.Dense ? "dense_e" : "diag_e")}, warm-up {options.Warmup}; " +
            $"step sizes {StepSizes(posterior.Attributes["step_size"])}; mean tree depth {F(depth.Average())}, max {depth.Max()}, " +
            $"{hits} at the limit; Nuts.Sample total {F(total)} s (compile {F(compile)} s, start-up and read-back {F(total - compile - warmup - sampling)} s); " +
            $"process CPU {F(spanCpu)} s over {F(spanWall)} s wall from the first progress report to the last";
        return new Fit(label, draws, warmupSteps + steps.Sum(), steps.Sum(), divergences, warmup, sampling, cpu, compile, "", details);
    }

    /// <summary>The per-chain step size attribute ("0.0425166..., 0.0417...") to three significant digits.</summary>
    private static string StepSizes(string attribute) => string.Join(", ", attribute.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d.ToString("G3", CultureInfo.InvariantCulture) : v));
}
