namespace Axle;

/// <summary>
/// The No-U-Turn sampler as Stan runs it — multinomial sampling of the trajectory, the generalized U-turn criterion
/// checked across subtrees, biased progressive sampling between subtrees, a maximum tree depth, divergences at an
/// energy error above 1000 — with Stan's windowed warm-up (dual averaging of the step size; a diagonal or dense metric
/// re-estimated at the end of each slow window) or nutpie's. Compiled whole: tree building is a loop inside one
/// program (<see cref="NutsKernel"/>), and stretches of iterations with their adaptation run as one program call, so the
/// host acts only at window ends and progress reports.
/// </summary>
public static partial class Nuts
{
    /// <summary>Samples from the density proportional to exp(<paramref name="logDensity"/>).</summary>
    /// <param name="logDensity">
    /// The unnormalized log-density of one flat parameter vector (dim) → scalar, traceable (Axle ops) and differentiable;
    /// -inf (or NaN) outside the support.
    /// </param>
    /// <param name="initialPositions">Starting points, (chains, dim), f32 or f64; the sampler computes in this dtype.</param>
    /// <param name="options">Settings (defaults: Stan's: 1000 warm-up iterations, 1000 draws, δ = 0.8, tree depth 10, diagonal metric).</param>
    /// <param name="progress">Called every <see cref="NutsOptions.ProgressInterval"/> iterations and at the end of each phase.</param>
    /// <param name="cancellationToken">Checked between program calls.</param>
    /// <returns>
    /// An <see cref="InferenceData"/> whose <c>posterior</c> holds the draws as <c>theta</c> (chain, draw, theta_dim_0)
    /// and whose <c>sample_stats</c> holds ArviZ's <c>lp</c>, <c>acceptance_rate</c>, <c>step_size</c>, <c>tree_depth</c>,
    /// <c>n_steps</c>, <c>diverging</c>, <c>energy</c> and <c>reached_max_treedepth</c>; both groups' attributes
    /// give the adapted step sizes and inverse metric, the warm-up and sampling times.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="initialPositions"/> is not a float matrix, or the log-density or its gradient is not finite at a starting point.</exception>
    /// <exception cref="InvalidOperationException">Warm-up failed (the step-size search diverged: an improper posterior).</exception>
    public static InferenceData Sample(Func<Tensor, Tensor> logDensity, Tensor initialPositions, NutsOptions? options = null,
        Action<NutsProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logDensity);
        ArgumentNullException.ThrowIfNull(initialPositions);
        options ??= new NutsOptions();
        options.Validate();
        if (initialPositions.Rank != 2 || !initialPositions.DType.IsFloat() || !initialPositions.Shape[0].IsKnown || !initialPositions.Shape[1].IsKnown)
            throw new ArgumentException($"Nuts.Sample: initial positions must be a float matrix (chains, dim); got {initialPositions.Aval}", nameof(initialPositions));
        int chains = initialPositions.Shape[0].Value;
        using Tensor noData = Ops.Zeros([chains], initialPositions.DType);
        return new NutsSampler(NutsTarget.Of(logDensity), options, progress, cancellationToken).Run(initialPositions, noData, "theta");
    }

    /// <summary>
    /// Samples a batch of posteriors at once: chain c targets exp(<paramref name="logDensity"/>(θ, data[c])). One compiled
    /// program serves every chain, so a simulation study or simulation-based calibration over hundreds of data sets
    /// compiles once. Diagnostics across chains (R-hat) compare different posteriors here and mean nothing.
    /// </summary>
    /// <param name="logDensity">The log-density of (flat position (dim), one chain's data) → scalar; traceable and differentiable in the position.</param>
    /// <param name="initialPositions">Starting points, (chains, dim), f32 or f64.</param>
    /// <param name="chainData">Each chain's data, leading axis the chains.</param>
    /// <param name="options">Settings, as for the single-posterior overload.</param>
    /// <param name="progress">Called every <see cref="NutsOptions.ProgressInterval"/> iterations and at the end of each phase.</param>
    /// <param name="cancellationToken">Checked between program calls.</param>
    /// <exception cref="ArgumentException">The shapes disagree on the number of chains, or a starting point is not finite.</exception>
    public static InferenceData Sample(Func<Tensor, Tensor, Tensor> logDensity, Tensor initialPositions, Tensor chainData,
        NutsOptions? options = null, Action<NutsProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logDensity);
        ArgumentNullException.ThrowIfNull(initialPositions);
        ArgumentNullException.ThrowIfNull(chainData);
        options ??= new NutsOptions();
        options.Validate();
        if (initialPositions.Rank != 2 || !initialPositions.DType.IsFloat() || !initialPositions.Shape[0].IsKnown || !initialPositions.Shape[1].IsKnown)
            throw new ArgumentException($"Nuts.Sample: initial positions must be a float matrix (chains, dim); got {initialPositions.Aval}", nameof(initialPositions));
        if (chainData.Rank < 1 || chainData.Shape[0] != initialPositions.Shape[0])
            throw new ArgumentException($"Nuts.Sample: chain data must have one row per chain ({initialPositions.Shape[0]}); got {chainData.Aval}", nameof(chainData));
        return new NutsSampler(NutsTarget.Of(logDensity), options, progress, cancellationToken).Run(initialPositions, chainData, "theta");
    }
}
