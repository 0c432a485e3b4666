using static Axle.Ops;

namespace Axle.Bench.Peers.Workloads;

/// <summary>
/// The seed's horseshoe logistic regression, written as the example and the tests write it
/// (examples/HorseshoeLogistic/Models.cs), in either float dtype.
/// </summary>
internal static class SeedModel
{
    public const int N = 10_000, D = 100;

    /// <summary>The centered model: tau, lambda, beta and Y as random variables over X.</summary>
    public sealed record Centered(Tensor X, Tensor Tau, Tensor Lambda, Tensor Beta, Tensor Y);

    public static Centered BuildCentered(DType dtype)
    {
        var X = Sym.Matrix("X", dtype);
        var srng = new RandomStream(dtype);
        var tau = srng.HalfCauchy(0, 1);
        var lambda = srng.HalfCauchy(0, 1, size: X.Shape[^1]);
        var beta = srng.Normal(0, tau * lambda, size: X.Shape[^1]);
        var Y = srng.Bernoulli(Sigmoid(-MatMul(X, beta)));
        return new Centered(X, tau, lambda, beta, Y);
    }

    /// <summary>
    /// The non-centered log-density HMC samples (beta = tau · lambda · z), on (log tau, log lambda,
    /// z) given X and y: <c>logdensity(X, logTau, logLambda, z, y)</c>.
    /// </summary>
    public static TensorFunction NonCenteredLogDensity(DType dtype)
    {
        var X = Sym.Matrix("X", dtype);
        var srng = new RandomStream(dtype);
        var tau = srng.HalfCauchy(0, 1);
        var lambda = srng.HalfCauchy(0, 1, size: X.Shape[^1]);
        var z = srng.Normal(0, 1, size: X.Shape[^1]);
        var beta = tau * lambda * z;
        var Y = srng.Bernoulli(Sigmoid(-MatMul(X, beta)));
        var (logprob, vvs) = Ppl.JointLogprob([tau, lambda, z, Y], transform: true);
        return Ax.Function([X, .. vvs], logprob);
    }

    /// <summary>The data every seed workload uses: X (N×D) in [-1, 1), y in {0, 1}, and a parameter vector theta (1 + 2D).</summary>
    public static (double[] X, double[] Y, double[] Theta) Inputs() =>
        (Data.F64(N * D, 7), Data.Bits(N, 8), Data.F64(1 + 2 * D, 9, scale: 0.5));
}
