using static Axle.Ops;

namespace Axle.Examples.HorseshoeLogistic;

/// <summary>The seed's horseshoe logistic regression as symbolic graphs.</summary>
internal static class Models
{
    /// <summary>The seed's model (API.md section 2), with f64 random variables.</summary>
    public sealed record Centered(Tensor X, Tensor Tau, Tensor Lambda, Tensor Beta, Tensor Y);

    public static Centered BuildCentered()
    {
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream(DType.F64);
        var tau = srng.HalfCauchy(0, 1);
        var lambda = srng.HalfCauchy(0, 1, size: X.Shape[^1]);
        var beta = srng.Normal(0, tau * lambda, size: X.Shape[^1]);
        var eta = MatMul(X, beta);
        var p = Sigmoid(-eta);
        var Y = srng.Bernoulli(p);
        return new Centered(X, tau, lambda, beta, Y);
    }

    /// <summary>
    /// The same joint distribution, non-centered: z ~ Normal(0, 1) and beta = tau · lambda · z
    /// (deterministic). The centered posterior is a funnel (beta's scale is tau · lambda), on which
    /// HMC's single step size fails near tau → 0; here the posterior geometry is far milder.
    /// The log-density is on (log tau, log lambda, z, y): <c>transform: true</c> adds the
    /// log-Jacobians of the log transforms.
    /// </summary>
    public static (TensorFunction LogDensity, Tensor X) BuildNonCenteredLogDensity()
    {
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream(DType.F64);
        var tau = srng.HalfCauchy(0, 1);
        var lambda = srng.HalfCauchy(0, 1, size: X.Shape[^1]);
        var z = srng.Normal(0, 1, size: X.Shape[^1]);
        var beta = tau * lambda * z;
        var Y = srng.Bernoulli(Sigmoid(-MatMul(X, beta)));
        var (logprob, vvs) = Ppl.JointLogprob([tau, lambda, z, Y], transform: true);
        return (Ax.Function([X, .. vvs], logprob), X);
    }
}
