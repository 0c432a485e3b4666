namespace Axle.Inference;

/// <summary>
/// What the sampler's programs differentiate: a log-density of a flat position and of data that each chain holds (its
/// own row, for batches of posteriors such as simulation-based calibration; an unused scalar otherwise). The programs
/// are cached per <see cref="Owner"/>, the user's delegate, so repeated runs on one model compile once.
/// </summary>
internal sealed class NutsTarget(Delegate owner, Func<Tensor, Tensor, Tensor> logDensity)
{
    public Delegate Owner { get; } = owner;

    /// <summary>The value and gradient in the position, at fixed <paramref name="data"/> (one chain's row).</summary>
    public Func<Tensor, (Tensor Value, Tensor Grad)> ValueAndGrad(Tensor data) =>
        Ax.ValueAndGrad((Func<Tensor, Tensor>)(theta => logDensity(theta, data)));

    public static NutsTarget Of(Func<Tensor, Tensor> logDensity) => new(logDensity, (theta, _) => logDensity(theta));

    public static NutsTarget Of(Func<Tensor, Tensor, Tensor> logDensity) => new(logDensity, logDensity);
}
