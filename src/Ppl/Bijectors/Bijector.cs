namespace Axle;

/// <summary>
/// A map from a slice of the flat unconstrained vector onto one variable's support, with its
/// log-Jacobian (Stan's transforms, "Constraint Transforms" in the Stan reference manual). Bijectors
/// work on one unbatched value; <see cref="Posterior"/> vmaps them over draws.
/// </summary>
internal abstract class Bijector
{
    /// <summary>The support it maps onto.</summary>
    public abstract Support Support { get; }

    /// <summary>How many unconstrained values a constrained value of <paramref name="shape"/> needs.</summary>
    public virtual int FreeLength(int[] shape) => Elements(shape);

    /// <summary>Refuses shapes the support has no meaning for (a simplex needs a last axis), naming <paramref name="name"/>.</summary>
    public virtual void CheckShape(string caller, string name, int[] shape) { }

    /// <summary>The bijector in words for <see cref="PosteriorVariable.Transform"/>.</summary>
    public abstract string Describe(string[] argumentNames);

    /// <summary>
    /// x = f(u) for a flat <paramref name="u"/> of <see cref="FreeLength"/> elements, and Σ log |det ∂x/∂u|
    /// over the free coordinates (a scalar). <paramref name="args"/> are the bounds (or loc and scale),
    /// broadcasting against x.
    /// </summary>
    public abstract (Tensor X, Tensor LogJacobian) Forward(Tensor u, int[] shape, Tensor[] args);

    /// <summary>u = f⁻¹(x), flat, for a constrained <paramref name="x"/> of <paramref name="shape"/>.</summary>
    public abstract Tensor Inverse(Tensor x, int[] shape, Tensor[] args);

    /// <summary>Element count of a shape.</summary>
    protected static int Elements(int[] shape)
    {
        int n = 1;
        foreach (int d in shape) n *= d;
        return n;
    }

    /// <summary>log σ'(u) = log σ(u) + log σ(-u), finite for every finite u.</summary>
    protected static Tensor LogSigmoidSlope(Tensor u) => Ops.LogSigmoid(u) + Ops.LogSigmoid(-u);

    /// <summary>logit(p) = log p - log(1 - p).</summary>
    protected static Tensor Logit(Tensor p) => Ops.Log(p) - Ops.Log1p(-p);

    /// <summary>The exclusive running sum along the last axis: Σ_{j &lt; k} x_j.</summary>
    protected static Tensor ExclusiveCumsum(Tensor x) => Ops.Cumsum(x, -1) - x;
}

/// <summary>The identity: real values, unchanged.</summary>
internal sealed class IdentityBijector : Bijector
{
    public static readonly IdentityBijector Instance = new();

    public override Support Support => Support.Real;

    public override string Describe(string[] argumentNames) => "identity";

    public override (Tensor X, Tensor LogJacobian) Forward(Tensor u, int[] shape, Tensor[] args) =>
        (Ops.Reshape(u, shape), Ops.ZerosLike(Ops.Sum(u)));

    public override Tensor Inverse(Tensor x, int[] shape, Tensor[] args) => Ops.Reshape(x, Elements(shape));
}
