using Axle.Inference;

namespace Axle.Examples.HorseshoeLogistic;

/// <summary>The sampler's draws of (log tau, log lambda, z) mapped back to the model's tau, lambda and beta.</summary>
internal sealed class Posterior
{
    private Posterior(double[,] tau, double[][,] lambda, double[][,] beta)
    {
        TauByChain = tau;
        LambdaByChain = lambda;
        BetaByChain = beta;
    }

    /// <summary>tau as (chains, draws).</summary>
    public double[,] TauByChain { get; }

    /// <summary>lambda_j as (chains, draws), one per coefficient.</summary>
    public double[][,] LambdaByChain { get; }

    /// <summary>beta_j = tau · lambda_j · z_j as (chains, draws), one per coefficient.</summary>
    public double[][,] BetaByChain { get; }

    /// <summary>tau, all chains' draws in a row.</summary>
    public double[] Tau => Flatten(TauByChain);

    /// <summary>lambda, (draws, D) row-major.</summary>
    public double[] LambdaFlat => Interleave(LambdaByChain);

    /// <summary>beta, (draws, D) row-major.</summary>
    public double[] BetaFlat => Interleave(BetaByChain);

    public static Posterior From(HmcResult fit, int d)
    {
        int chains = fit.Chains, draws = fit.DrawCount;
        var tau = new double[chains, draws];
        var lambda = Enumerable.Range(0, d).Select(_ => new double[chains, draws]).ToArray();
        var beta = Enumerable.Range(0, d).Select(_ => new double[chains, draws]).ToArray();
        for (int c = 0; c < chains; c++)
            for (int i = 0; i < draws; i++)
            {
                double t = Math.Exp(fit.Draws[c, i, 0]);
                tau[c, i] = t;
                for (int j = 0; j < d; j++)
                {
                    double l = Math.Exp(fit.Draws[c, i, 1 + j]);
                    lambda[j][c, i] = l;
                    beta[j][c, i] = t * l * fit.Draws[c, i, 1 + d + j];
                }
            }
        return new Posterior(tau, lambda, beta);
    }

    private static double[] Flatten(double[,] a) => a.Cast<double>().ToArray();

    private static double[] Interleave(double[][,] perCoefficient)
    {
        var columns = perCoefficient.Select(Flatten).ToArray();
        int n = columns[0].Length, d = columns.Length;
        var result = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) result[i * d + j] = columns[j][i];
        return result;
    }
}
