namespace Axle;

/// <summary>Settings of <see cref="Hmc.Sample"/>; the defaults are Stan's where Stan has one.</summary>
public sealed record HmcOptions
{
    /// <summary>Warm-up (adaptation) iterations per chain; their draws are discarded.</summary>
    public int Warmup { get; init; } = 1000;

    /// <summary>Kept draws per chain.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Seed of the chains' random keys (<c>Rng.Key(Seed)</c>, one split per chain).</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Leapfrog steps per iteration, or their maximum with <see cref="RandomizeSteps"/>. Static: the
    /// transition is one program (an <c>Ax.ForiLoop</c> of this many steps), compiled once per model and shape.
    /// </summary>
    public int LeapfrogSteps { get; init; } = 16;

    /// <summary>
    /// Whether each iteration draws its number of steps uniformly from 1..<see cref="LeapfrogSteps"/>
    /// (per chain). A fixed length can match a period of the dynamics and barely move; a random one
    /// cannot. The cost per iteration is still <see cref="LeapfrogSteps"/> gradient evaluations.
    /// </summary>
    public bool RandomizeSteps { get; init; } = true;

    /// <summary>
    /// Each iteration's step size is drawn uniformly from ε·(1 ± <see cref="StepSizeJitter"/>) (Stan's
    /// stepsize_jitter). 0 (the default) disables it.
    /// </summary>
    public double StepSizeJitter { get; init; }

    /// <summary>Step size the adaptation starts from (per chain).</summary>
    public double InitialStepSize { get; init; } = 0.1;

    /// <summary>Target mean acceptance probability δ of dual averaging.</summary>
    public double TargetAcceptance { get; init; } = 0.8;

    /// <summary>Dual averaging γ.</summary>
    public double Gamma { get; init; } = 0.05;

    /// <summary>Dual averaging t₀.</summary>
    public double T0 { get; init; } = 10;

    /// <summary>Dual averaging κ.</summary>
    public double Kappa { get; init; } = 0.75;

    /// <summary>Whether warm-up adapts the diagonal inverse mass matrix (otherwise it stays the identity).</summary>
    public bool AdaptMassMatrix { get; init; } = true;

    /// <summary>Stan's init_buffer: fast iterations before the first slow window.</summary>
    public int InitialBuffer { get; init; } = 75;

    /// <summary>Stan's window: length of the first slow window (each next one doubles).</summary>
    public int BaseWindow { get; init; } = 25;

    /// <summary>Stan's term_buffer: fast iterations after the last slow window.</summary>
    public int TerminalBuffer { get; init; } = 50;

    /// <summary>The progress callback runs every this many iterations (and after the last).</summary>
    public int ProgressInterval { get; init; } = 50;

    internal void Validate()
    {
        if (Warmup < 0) throw new ArgumentOutOfRangeException(nameof(Warmup), $"HmcOptions: Warmup must be non-negative; got {Warmup}");
        if (Draws < 1) throw new ArgumentOutOfRangeException(nameof(Draws), $"HmcOptions: Draws must be at least 1; got {Draws}");
        if (LeapfrogSteps < 1) throw new ArgumentOutOfRangeException(nameof(LeapfrogSteps), $"HmcOptions: LeapfrogSteps must be at least 1; got {LeapfrogSteps}");
        if (!(StepSizeJitter >= 0 && StepSizeJitter < 1)) throw new ArgumentOutOfRangeException(nameof(StepSizeJitter), $"HmcOptions: StepSizeJitter must be in [0, 1); got {StepSizeJitter}");
        if (!(TargetAcceptance > 0 && TargetAcceptance < 1)) throw new ArgumentOutOfRangeException(nameof(TargetAcceptance), $"HmcOptions: TargetAcceptance must be in (0, 1); got {TargetAcceptance}");
        if (ProgressInterval < 1) throw new ArgumentOutOfRangeException(nameof(ProgressInterval), $"HmcOptions: ProgressInterval must be at least 1; got {ProgressInterval}");
    }
}

/// <summary>A progress report from <see cref="Hmc.Sample"/>.</summary>
/// <param name="Iteration">Iterations done (warm-up and sampling together), 1-based.</param>
/// <param name="Total">Warm-up plus draws.</param>
/// <param name="IsWarmup">Whether the last iteration was a warm-up one.</param>
/// <param name="MeanAcceptance">Mean acceptance probability over chains, this phase so far.</param>
/// <param name="Divergences">Divergent transitions over all chains, this phase so far.</param>
/// <param name="Elapsed">Time since sampling started (compilation included).</param>
/// <param name="MeanStepSize">The chains' mean current step size.</param>
public readonly record struct HmcProgress(int Iteration, int Total, bool IsWarmup, double MeanAcceptance, int Divergences, TimeSpan Elapsed, double MeanStepSize)
{
    /// <summary>Fraction done, in [0, 1].</summary>
    public double Fraction => Total == 0 ? 1 : (double)Iteration / Total;
}
