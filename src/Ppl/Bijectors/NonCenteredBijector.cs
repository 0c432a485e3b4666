namespace Axle;

/// <summary>
/// The non-centered parametrization of a location–scale variable (NumPyro's <c>LocScaleReparam</c>
/// with centeredness 0): the sampler moves z and the variable is x = loc + scale · z, or
/// x = mean + chol(cov) · z for a multivariate normal. Its "log-Jacobian" is the whole of the
/// variable's own term in z: log p(x | loc, scale) + log |∂x/∂z| = log p₀(z), the standard density,
/// so <see cref="Posterior"/> leaves the variable's own term out of the joint and takes this instead
/// (computing it from z directly, not from x, keeps it exact when the scale is tiny).
/// </summary>
internal sealed class NonCenteredBijector : Bijector
{
    private readonly Func<Tensor, Tensor> _standardLogDensity;
    private readonly bool _multivariate;

    /// <param name="standardLogDensity">Elementwise log p₀(z) of the family with loc 0, scale 1.</param>
    /// <param name="multivariate">args are (mean, cov) over the last axis, not (loc, scale).</param>
    public NonCenteredBijector(Func<Tensor, Tensor> standardLogDensity, bool multivariate)
    {
        _standardLogDensity = standardLogDensity;
        _multivariate = multivariate;
    }

    public override Support Support => Support.Real;

    public override string Describe(string[] a) =>
        _multivariate ? $"non-centered: {a[0]} + cholesky({a[1]}) · z" : $"non-centered: {a[0]} + {a[1]} · z";

    public override (Tensor X, Tensor LogJacobian) Forward(Tensor u, int[] shape, Tensor[] args)
    {
        Tensor z = Ops.Reshape(u, shape);
        Tensor x = _multivariate
            ? args[0] + Ops.Squeeze(Ops.MatMul(Ops.Cholesky(args[1]), Ops.ExpandDims(z, -1)), shape.Length)
            : args[0] + args[1] * z;
        return (x, Ops.Sum(_standardLogDensity(z)));
    }

    public override Tensor Inverse(Tensor x, int[] shape, Tensor[] args)
    {
        Tensor z = _multivariate
            ? Ops.Squeeze(Ops.TriangularSolve(Ops.Cholesky(args[1]), Ops.ExpandDims(x - args[0], -1), leftSide: true, lower: true), shape.Length)
            : (x - args[0]) / args[1];
        return Ops.Reshape(Ops.BroadcastTo(z, shape), Elements(shape));
    }
}
