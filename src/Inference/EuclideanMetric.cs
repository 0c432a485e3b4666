namespace Axle.Inference;

/// <summary>
/// The Euclidean kinetic energy K(p) = ½ pᵀ Σ p of one chain, written with Axle ops so the sampler's programs trace it.
/// Σ is the inverse metric (the posterior covariance estimate): a vector (diagonal) or a matrix (dense). Momenta are
/// drawn from N(0, Σ⁻¹): p = z / √Σ for a diagonal Σ, p = L⁻ᵀ z for a dense Σ = L Lᵀ, where the host passes
/// <c>factor</c> = L⁻ᵀ (computed once per metric update), so a draw is one matrix-vector product.
/// </summary>
internal static class EuclideanMetric
{
    /// <summary>The velocity Σ p (Stan's dtau_dp, "p sharp").</summary>
    public static Tensor Sharp(Tensor p, Tensor inverseMetric) =>
        inverseMetric.Rank == 1 ? inverseMetric * p : Ops.MatMul(inverseMetric, p);

    /// <summary>K(p) = ½ pᵀ Σ p, given the velocity <paramref name="sharp"/> = Σ p.</summary>
    public static Tensor Kinetic(Tensor p, Tensor sharp) => 0.5 * Ops.Sum(p * sharp);

    /// <summary>A momentum drawn from N(0, Σ⁻¹) with the standard normals <paramref name="z"/>.</summary>
    public static Tensor Momentum(Tensor z, Tensor inverseMetric, Tensor factor) =>
        inverseMetric.Rank == 1 ? z * Ops.Rsqrt(inverseMetric) : Ops.MatMul(factor, z);

    /// <summary>
    /// The momentum factor L⁻ᵀ of a dense inverse metric Σ = L Lᵀ (computed eagerly on the caller's device), or, for a
    /// diagonal one, an unused 1-element placeholder so every program has the same inputs.
    /// </summary>
    public static Tensor Factor(Tensor inverseMetric)
    {
        if (inverseMetric.Rank == 1) return Ops.Zeros([1], inverseMetric.DType);
        int d = inverseMetric.Shape[0].Value;
        Tensor l = Ops.Cholesky(inverseMetric);
        // L⁻¹ from L X = I, then its transpose.
        Tensor lInv = Ops.TriangularSolve(l, Ops.Eye(d, dtype: inverseMetric.DType), leftSide: true, lower: true);
        return Ops.Transpose(lInv);
    }
}
