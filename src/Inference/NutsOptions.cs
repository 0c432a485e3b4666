namespace Axle;

/// <summary>The Euclidean metric of the kinetic energy: the shape of the inverse mass matrix warm-up estimates.</summary>
public enum Metric
{
    /// <summary>A diagonal inverse mass matrix (Stan's <c>diag_e</c>, the default).</summary>
    Diagonal,

    /// <summary>A dense inverse mass matrix (Stan's <c>dense_e</c>): a regularized covariance estimate, its Cholesky factor in the kinetic energy.</summary>
    Dense,
}

/// <summary>How warm-up adapts the step size and the metric.</summary>
public enum Adaptation
{
    /// <summary>
    /// Stan's windowed adaptation: dual averaging of the step size throughout; the metric re-estimated from the draws of
    /// slow windows that double in length (75 / 25·2ᵏ / 50 by default), each end restarting the step size search.
    /// </summary>
    Stan,

    /// <summary>
    /// nutpie's adaptation (Seyboldt, Carlson &amp; Carpenter 2024): a diagonal metric that minimizes the Fisher divergence,
    /// √(Var draws / Var gradients), re-estimated after every draw from two overlapping windows (switching every 10
    /// draws early, every 80 later), dual averaging of the step size, and a final 15% of warm-up that adapts the step
    /// size only. Works well with short warm-ups (nutpie's default is 300). Diagonal metric only.
    /// </summary>
    Nutpie,
}

/// <summary>How chains share the machine.</summary>
public enum ChainMethod
{
    /// <summary>All chains advance together in one program (<c>Ax.Vmap</c> over chain states and keys).</summary>
    Vectorized,

    /// <summary>Each chain runs its own program, on its own thread (as many threads as cores, at most one per chain).</summary>
    Parallel,
}

/// <summary>Settings of <see cref="Nuts.Sample(Func{Tensor, Tensor}, Tensor, NutsOptions?, Action{NutsProgress}?, CancellationToken)"/>; the defaults are Stan's.</summary>
public sealed record NutsOptions
{
    /// <summary>Number of chains when the sampler chooses the initial points (the posterior overload); otherwise the rows of the initial positions.</summary>
    public int Chains { get; init; } = 4;

    /// <summary>Warm-up (adaptation) iterations per chain; their draws are kept only with <see cref="KeepWarmup"/>.</summary>
    public int Warmup { get; init; } = 1000;

    /// <summary>Kept draws per chain.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Seed of the chains' random keys (<c>Rng.Split(Rng.Key(Seed), chains)</c>): the same seed gives the same draws.</summary>
    public long Seed { get; init; }

    /// <summary>Maximum tree depth: a trajectory has at most 2^MaxTreeDepth leapfrog steps (Stan: 10). Iterations that hit it are counted.</summary>
    public int MaxTreeDepth { get; init; } = 10;

    /// <summary>Energy errors above this mark a transition divergent (Stan: 1000).</summary>
    public double MaxEnergyError { get; init; } = 1000;

    /// <summary>Target mean acceptance statistic δ of dual averaging (Stan's adapt_delta).</summary>
    public double TargetAcceptance { get; init; } = 0.8;

    /// <summary>Step size the first step-size search starts from (Stan: 1).</summary>
    public double InitialStepSize { get; init; } = 1;

    /// <summary>Dual averaging γ.</summary>
    public double Gamma { get; init; } = 0.05;

    /// <summary>Dual averaging t₀.</summary>
    public double T0 { get; init; } = 10;

    /// <summary>Dual averaging κ.</summary>
    public double Kappa { get; init; } = 0.75;

    /// <summary>Each iteration's step size is drawn uniformly from ε·(1 ± jitter) (Stan's stepsize_jitter); 0 disables it.</summary>
    public double StepSizeJitter { get; init; }

    /// <summary>Diagonal (default) or dense metric.</summary>
    public Metric Metric { get; init; } = Metric.Diagonal;

    /// <summary>Stan's windowed adaptation (default) or nutpie's.</summary>
    public Adaptation Adaptation { get; init; } = Adaptation.Stan;

    /// <summary>Whether warm-up adapts the metric at all (otherwise it stays the identity and only the step size adapts).</summary>
    public bool AdaptMetric { get; init; } = true;

    /// <summary>Stan's init_buffer: fast iterations before the first slow window.</summary>
    public int InitialBuffer { get; init; } = 75;

    /// <summary>Stan's window: length of the first slow window (each next one doubles).</summary>
    public int BaseWindow { get; init; } = 25;

    /// <summary>Stan's term_buffer: fast iterations after the last slow window.</summary>
    public int TerminalBuffer { get; init; } = 50;

    /// <summary>
    /// How chains share the machine. Default: one program per chain on parallel threads — on the bundled CPU plugin
    /// an unbatched chain's bookkeeping is scalar code in registers with real branches, while a vmapped one runs a
    /// loop per op over the chains and every branch for every chain (bench/RESULTS.md: NUTS chain methods).
    /// </summary>
    public ChainMethod ChainMethod { get; init; } = ChainMethod.Parallel;

    /// <summary>Whether the result keeps the warm-up iterations (groups <c>warmup_posterior</c>, <c>warmup_sample_stats</c>).</summary>
    public bool KeepWarmup { get; init; }

    /// <summary>The progress callback runs every this many iterations (and after the last); the host acts only there and at window ends.</summary>
    public int ProgressInterval { get; init; } = 100;

    internal void Validate()
    {
        static void Check(bool ok, string name, string what, object value)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, $"NutsOptions: {name} must be {what}; got {value}");
        }
        Check(Chains >= 1, nameof(Chains), "at least 1", Chains);
        Check(Warmup >= 0, nameof(Warmup), "non-negative", Warmup);
        Check(Draws >= 1, nameof(Draws), "at least 1", Draws);
        Check(MaxTreeDepth is >= 1 and <= 30, nameof(MaxTreeDepth), "in [1, 30]", MaxTreeDepth);
        Check(MaxEnergyError > 0, nameof(MaxEnergyError), "positive", MaxEnergyError);
        Check(TargetAcceptance is > 0 and < 1, nameof(TargetAcceptance), "in (0, 1)", TargetAcceptance);
        Check(InitialStepSize > 0 && double.IsFinite(InitialStepSize), nameof(InitialStepSize), "positive and finite", InitialStepSize);
        Check(StepSizeJitter is >= 0 and < 1, nameof(StepSizeJitter), "in [0, 1)", StepSizeJitter);
        Check(InitialBuffer >= 0 && BaseWindow >= 1 && TerminalBuffer >= 0, nameof(BaseWindow), "positive (and the buffers non-negative)", $"{InitialBuffer}/{BaseWindow}/{TerminalBuffer}");
        Check(ProgressInterval >= 1, nameof(ProgressInterval), "at least 1", ProgressInterval);
        if (Adaptation == Adaptation.Nutpie && Metric != Metric.Diagonal)
            throw new ArgumentException($"NutsOptions: Adaptation.Nutpie estimates a diagonal metric; got Metric.{Metric}", nameof(Metric));
    }
}

/// <summary>A progress report from <see cref="Nuts"/>.</summary>
/// <param name="Iteration">Iterations done (warm-up and sampling together).</param>
/// <param name="Total">Warm-up plus draws.</param>
/// <param name="IsWarmup">Whether the last iteration was a warm-up one.</param>
/// <param name="MeanAcceptance">Mean acceptance statistic over chains, this phase so far.</param>
/// <param name="Divergences">Divergent transitions over all chains, this phase so far.</param>
/// <param name="MeanTreeDepth">Mean tree depth over chains, this phase so far.</param>
/// <param name="Elapsed">Time since sampling started (compilation included).</param>
/// <param name="MeanStepSize">The chains' mean current step size.</param>
public readonly record struct NutsProgress(int Iteration, int Total, bool IsWarmup, double MeanAcceptance, int Divergences,
    double MeanTreeDepth, TimeSpan Elapsed, double MeanStepSize)
{
    /// <summary>Fraction done, in [0, 1].</summary>
    public double Fraction => Total == 0 ? 1 : (double)Iteration / Total;
}
