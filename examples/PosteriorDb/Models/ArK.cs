using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>arK-arK</c>: an autoregressive model of order K, y[t] ~ normal(alpha + Σₖ beta[k]·y[t−k], sigma)
/// for t &gt; K, with alpha, beta ~ normal(0, 10) and sigma ~ cauchy(0, 2.5) on sigma &gt; 0. Written as a RandomStream
/// model: Stan's loop over k is a product with the matrix of lagged values (transformed data).
/// </summary>
internal static class ArK
{
    public static PosteriorDbModel Model { get; } = new("arK-arK", "RandomStream", Build, PosteriorDbModel.Standard(seed: 1, warmup: 300, targetAcceptance: 0.8));

    private static Posterior Build(StanData data)
    {
        int k = data.Int("K"), t = data.Int("T");
        double[] y = data.Vector("y");
        // lagged[t − K − 1, k − 1] = y[t − k] (one-based t in K+1..T, as Stan's loop).
        var laggedValues = new double[(t - k) * k];
        for (int i = 0; i < t - k; i++)
            for (int j = 0; j < k; j++) laggedValues[i * k + j] = y[k + i - j - 1];

        var lagged = Sym.Matrix("y_lagged", DType.F64);
        var s = new RandomStream(DType.F64);
        var alpha = s.Normal(0.0, 10.0, name: "alpha");
        var beta = s.Normal(0.0, 10.0, size: lagged.Shape[1], name: "beta");
        var sigma = s.HalfCauchy(0.0, 2.5, name: "sigma");
        var yLater = s.Normal(alpha + Ops.MatMul(lagged, beta), sigma, name: "y");
        return Ppl.Posterior([alpha, beta, sigma], observed: [(yLater, Tensor.From(y[k..], t - k))],
            inputs: [(lagged, Tensor.From(laggedValues, t - k, k))]);
    }
}
