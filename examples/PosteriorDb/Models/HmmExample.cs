using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>hmm_example-hmm_example</c>: a two-state hidden Markov model with normal(mu[k], 1) emissions,
/// transition rows theta1, theta2 (simplexes), positive_ordered mu with mu[1] ~ normal(3, 1), mu[2] ~ normal(10, 1), the
/// states summed out by the forward algorithm. Written as a Param log-density, the forward pass as <c>Ax.Scan</c> with
/// log-sum-exp. (The generated quantities — the Viterbi path — are not part of the reference and not computed.)
/// </summary>
internal static class HmmExample
{
    public static PosteriorDbModel Model { get; } = new("hmm_example-hmm_example", "Param", Build, PosteriorDbModel.Standard(seed: 1, warmup: 300, targetAcceptance: 0.8));

    private static Posterior Build(StanData data)
    {
        int k = data.Int("K");
        if (k != 2) throw new ArgumentException($"hmm_example: the model has two states (mu[1], mu[2] priors); data K = {k}", nameof(data));
        Tensor y = data.VectorTensor("y");
        return Ppl.Posterior([Param.Simplex("theta1", k), Param.Simplex("theta2", k), Param.PositiveOrdered("mu", k)], p =>
        {
            Tensor mu = p["mu"];
            Tensor logTheta = Ops.Log(Ops.Stack([p["theta1"], p["theta2"]])); // [j, k] = log theta[j][k]
            Tensor lp = StanLpdf.Normal(mu[0], 3.0, 1.0) + StanLpdf.Normal(mu[1], 10.0, 1.0);
            Tensor emission = -0.5 * Ops.Square(Ops.ExpandDims(y, 1) - mu); // normal_lpdf(y[t] | mu[k], 1) up to a constant, (N, K)
            // gamma[t, k] = log_sum_exp_j(gamma[t−1, j] + log theta[j, k]) + emission[t, k]
            var (last, _) = Ax.Scan((gamma, e) =>
            {
                Tensor next = Ops.LogSumExp(Ops.ExpandDims(gamma, 1) + logTheta, 0) + e;
                return (next, next);
            }, emission[0], emission[1..]);
            return lp + Ops.LogSumExp(last);
        });
    }
}
