namespace Axle.Bench.Ppl;

/// <summary>
/// One sampler's run on one workload, in the form both samplers share so that one piece of code (Axle's
/// Diagnostics) measures both: every quantity's post-warm-up draws as (chain, draw) under Stan's names, on Stan's
/// (constrained) scale, plus the sampler's counts and times.
/// </summary>
/// <param name="Sampler">The row's label ("Axle (Stan adaptation)", "Stan", ...).</param>
/// <param name="Draws">Draws by Stan's name ("tau", "beta[3]"): parameters and the transformed parameters the workload reports.</param>
/// <param name="GradientEvaluations">Leapfrog steps (one gradient each) over warm-up and sampling, all chains.</param>
/// <param name="SamplingGradientEvaluations">Leapfrog steps after warm-up, all chains.</param>
/// <param name="Divergences">Divergent transitions after warm-up, all chains.</param>
/// <param name="WarmupSeconds">
/// Warm-up wall time, all chains on the cores they share: Axle's wall clock. Stan's chains' own times
/// (get_elapsed_time, a CPU clock in Stan 2.21), each scaled by its process's wall ÷ CPU over its sampling() call
/// (how much other processes slowed it down: Axle's wall clock counts that too), summed and divided by the cores —
/// the chains' wall time without rstan's own R work around them.
/// </param>
/// <param name="SamplingSeconds">Sampling wall time, measured as <paramref name="WarmupSeconds"/> is.</param>
/// <param name="CpuSeconds">
/// CPU time per core of warm-up and sampling: Stan's chains' own times unscaled, summed and divided by the cores; Axle's
/// process CPU time per wall second (from its first progress report to its last) times its warm-up + sampling, divided
/// by the cores. Null when not measured.
/// </param>
/// <param name="CompileSeconds">Compilation, apart: Axle's tracing and plugin compilation; Stan's C++ build (possibly from an earlier run, see <paramref name="CompileNote"/>).</param>
/// <param name="CompileNote">"" or how the compile time was obtained ("compiled in an earlier run (cached)").</param>
/// <param name="Details">A line of sampler specifics for the details section (step sizes, tree depths, per-chain times).</param>
internal sealed record Fit(
    string Sampler,
    IReadOnlyDictionary<string, double[,]> Draws,
    long GradientEvaluations,
    long SamplingGradientEvaluations,
    int Divergences,
    double WarmupSeconds,
    double SamplingSeconds,
    double? CpuSeconds,
    double CompileSeconds,
    string CompileNote,
    string Details)
{
    /// <summary>Warm-up + sampling, wall clock.</summary>
    public double WallSeconds => WarmupSeconds + SamplingSeconds;

    /// <summary>The (chain, draw) draws of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The fit has no quantity of that name.</exception>
    public double[,] Of(string name) => Draws.TryGetValue(name, out var d) ? d
        : throw new KeyNotFoundException($"{Sampler}: no draws named '{name}'; have {string.Join(", ", Draws.Keys.Take(12))}{(Draws.Count > 12 ? ", ..." : "")}");
}
