using static Axle.Tests.Ppl.Reference;

namespace Axle.Tests.Ppl;

/// <summary>
/// Stan-style <c>target +=</c> models written as Param log-densities: posteriordb's garch11 (a recursion
/// with Ax.Scan, a bound that reads another parameter) and hmm_example (the forward algorithm with
/// Ax.Scan and LogSumExp, simplexes, a positive ordered vector), each against the Stan program
/// transcribed into C# loops, plus the Jacobians of their transforms.
/// </summary>
public class ParamModelTests
{
    private static Tensor NormalLogPdf(Tensor x, Tensor mu, Tensor sigma) =>
        -0.5 * Ops.Square((x - mu) / sigma) - Ops.Log(sigma) - 0.5 * LogTwoPi;

    private static double Sigmoid(double u) => 1 / (1 + Math.Exp(-u));

    private static double LogSigmoidSlope(double u) => Math.Log(Sigmoid(u)) + Math.Log(Sigmoid(-u));

    // ---------------- garch11 ----------------

    private static readonly double[] GarchY = [0.3, -0.8, 1.9, -0.4, 0.1, 2.7, -1.6, 0.2, 0.5, -0.9, 1.1, -0.3];
    private const double Sigma1 = 0.9;

    private static Posterior Garch()
    {
        int t = GarchY.Length;
        Tensor y = Tensor.From(GarchY, t), sigma1 = Tensor.From(Sigma1);
        return Axle.Ppl.Posterior(
            [Param.Real("mu"), Param.Positive("alpha0"), Param.Interval("alpha1", 0, 1), Param.Interval("beta1", 0, p => 1 - p["alpha1"])],
            p =>
            {
                Tensor mu = p["mu"], alpha0 = p["alpha0"], alpha1 = p["alpha1"], beta1 = p["beta1"];
                // sigma[t] = sqrt(alpha0 + alpha1 (y[t-1] - mu)² + beta1 sigma[t-1]²), sigma[1] = sigma1.
                var (_, later) = Ax.Scan((sigma, yPrevious) =>
                {
                    Tensor next = Ops.Sqrt(alpha0 + alpha1 * Ops.Square(yPrevious - mu) + beta1 * Ops.Square(sigma));
                    return (next, next);
                }, sigma1, y[..(t - 1)]);
                Tensor sigmas = Ops.Concatenate([Ops.Reshape(sigma1, 1), later], 0);
                return Ops.Sum(NormalLogPdf(y, mu, sigmas));
            },
            observedData: [("y", Tensor.From(GarchY, t))], constantData: [("sigma1", sigma1)]);
    }

    /// <summary>garch11's model block as written in Stan, with the normalizing constants, on the constrained values.</summary>
    private static double GarchReference(double mu, double alpha0, double alpha1, double beta1)
    {
        double sigma = Sigma1, lp = Normal(GarchY[0], mu, sigma);
        for (int t = 1; t < GarchY.Length; t++)
        {
            sigma = Math.Sqrt(alpha0 + alpha1 * Math.Pow(GarchY[t - 1] - mu, 2) + beta1 * sigma * sigma);
            lp += Normal(GarchY[t], mu, sigma);
        }
        return lp;
    }

    /// <summary>The packed log-density: constrain by hand (beta1's upper bound is 1 - alpha1) and add each log-Jacobian.</summary>
    private static double GarchPacked(double[] u)
    {
        double alpha0 = Math.Exp(u[1]), alpha1 = Sigmoid(u[2]), beta1 = (1 - alpha1) * Sigmoid(u[3]);
        return GarchReference(u[0], alpha0, alpha1, beta1) + u[1] + LogSigmoidSlope(u[2]) + Math.Log(1 - alpha1) + LogSigmoidSlope(u[3]);
    }

    [Fact]
    public void Garch11LogDensityIsStansWithTheJacobiansAndBeta1StaysBelowOneMinusAlpha1()
    {
        var p = Garch();
        Assert.Equal(4, p.Dim);
        Assert.Equal([Support.Real, Support.Positive, Support.Interval, Support.Interval], p.Variables.Select(v => v.Support));
        Assert.Equal("scaled logit on (0, upper(earlier parameters))", p.Variables[3].Transform);
        var r = new Random(11);
        for (int k = 0; k < 3; k++)
        {
            double[] u = Enumerable.Range(0, 4).Select(_ => 4 * r.NextDouble() - 2).ToArray();
            Assert.Equal(GarchPacked(u), p.LogDensity(Tensor.From(u, 4)).Item<double>(), 9);
            var x = p.Constrain(Tensor.From(u, 4));
            Assert.True(x["beta1"].Item<double>() < 1 - x["alpha1"].Item<double>());
        }
        // The sampler differentiates it: the gradient through the scan matches finite differences.
        double[] at = [0.2, -0.5, 0.3, -0.1];
        double[] grad = Ax.Jit(Ax.Grad(p.LogDensity))(Tensor.From(at, 4)).ToArray<double>();
        for (int i = 0; i < 4; i++)
        {
            double[] up = [.. at], down = [.. at];
            up[i] += 1e-6;
            down[i] -= 1e-6;
            Assert.Equal((GarchPacked(up) - GarchPacked(down)) / 2e-6, grad[i], 5);
        }
        Assert.Equal(["y"], p.ObservedData!.Keys);
        Assert.Equal(["sigma1"], p.ConstantData!.Keys);
    }

    // ---------------- hmm_example ----------------

    private static readonly double[] HmmY = [2.1, 3.5, 2.9, 9.4, 10.8, 11.2, 3.3, 2.2, 9.9, 10.1];

    private static Posterior Hmm()
    {
        Tensor y = Tensor.From(HmmY, HmmY.Length);
        return Axle.Ppl.Posterior(
            [Param.Simplex("theta1", 2), Param.Simplex("theta2", 2), Param.PositiveOrdered("mu", 2)],
            p =>
            {
                Tensor mu = p["mu"];
                Tensor logTheta = Ops.Log(Ops.Stack([p["theta1"], p["theta2"]])); // [j, k] = log theta[j][k]
                Tensor lp = NormalLogPdf(mu[0], 3.0, 1.0) + NormalLogPdf(mu[1], 10.0, 1.0);
                Tensor emission = NormalLogPdf(Ops.ExpandDims(y, 1), mu, 1.0); // (N, K)
                // gamma[t, k] = log_sum_exp_j(gamma[t-1, j] + log theta[j, k]) + emission[t, k]
                var (last, _) = Ax.Scan((gamma, e) =>
                {
                    Tensor next = Ops.LogSumExp(Ops.ExpandDims(gamma, 1) + logTheta, 0) + e;
                    return (next, next);
                }, emission[0], emission[1..]);
                return lp + Ops.LogSumExp(last);
            });
    }

    /// <summary>hmm_example's model block as written in Stan.</summary>
    private static double HmmReference(double[][] theta, double[] mu)
    {
        const int k = 2;
        double lp = Normal(mu[0], 3, 1) + Normal(mu[1], 10, 1);
        var gamma = new double[k];
        for (int s = 0; s < k; s++) gamma[s] = Normal(HmmY[0], mu[s], 1);
        for (int t = 1; t < HmmY.Length; t++)
        {
            var next = new double[k];
            for (int s = 0; s < k; s++)
            {
                var acc = new double[k];
                for (int j = 0; j < k; j++) acc[j] = gamma[j] + Math.Log(theta[j][s]) + Normal(HmmY[t], mu[s], 1);
                next[s] = LogSumExp(acc);
            }
            gamma = next;
        }
        return lp + LogSumExp(gamma);
    }

    private static double LogSumExp(double[] a)
    {
        double m = a.Max();
        return m + Math.Log(a.Sum(v => Math.Exp(v - m)));
    }

    [Fact]
    public void HmmForwardAlgorithmIsStansWithTheJacobians()
    {
        var p = Hmm();
        Assert.Equal(4, p.Dim); // one free value per 2-simplex, two for mu
        Assert.Equal([Support.Simplex, Support.Simplex, Support.PositiveOrdered], p.Variables.Select(v => v.Support));
        var r = new Random(12);
        for (int k = 0; k < 3; k++)
        {
            double[] u = Enumerable.Range(0, 4).Select(_ => 4 * r.NextDouble() - 2).ToArray();
            // A 2-simplex is (σ(u), 1 - σ(u)) (Stan's offset log(K - k) is log 1 = 0); mu is (e^a, e^a + e^b).
            double t1 = Sigmoid(u[0]), t2 = Sigmoid(u[1]);
            double[] mu = [Math.Exp(u[2]), Math.Exp(u[2]) + Math.Exp(u[3])];
            double want = HmmReference([[t1, 1 - t1], [t2, 1 - t2]], mu) + LogSigmoidSlope(u[0]) + LogSigmoidSlope(u[1]) + u[2] + u[3];
            Assert.Equal(want, p.LogDensity(Tensor.From(u, 4)).Item<double>(), 9);
        }
        var grad = Ax.Jit(Ax.Grad(p.LogDensity))(Tensor.From(new[] { 0.1, -0.2, 1.0, 2.0 }, 4)).ToArray<double>();
        Assert.All(grad, g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void MistakesAreReportedWithTheParametersName()
    {
        // A bound that reads a parameter declared after it.
        var e = Assert.Throws<KeyNotFoundException>(() => Axle.Ppl.Posterior(
            [Param.Interval("beta1", 0, p => 1 - p["alpha1"]), Param.Interval("alpha1", 0, 1)], _ => 0.0));
        Assert.Contains("'beta1'", e.Message);
        Assert.Contains("'alpha1'", e.Message);
        // A log-density that reads an undeclared name, or returns a vector.
        var missing = Assert.Throws<KeyNotFoundException>(() => Axle.Ppl.Posterior([Param.Real("mu")], p => p["sigma"]));
        Assert.Contains("'sigma'", missing.Message);
        Assert.Contains("'mu'", missing.Message);
        var vector = Assert.Throws<InvalidOperationException>(() => Axle.Ppl.Posterior([Param.Real("mu", 3)], p => p["mu"]));
        Assert.Contains("scalar", vector.Message);
        // Duplicates, bad shapes, bounds that do not fit.
        Assert.Contains("'mu'", Assert.Throws<ArgumentException>(() => Axle.Ppl.Posterior([Param.Real("mu"), Param.Positive("mu")], _ => 0.0)).Message);
        Assert.Throws<ArgumentException>(() => Param.Simplex("theta", 0));
        Assert.Throws<ArgumentException>(() => Param.Real("x", -1));
        Assert.Throws<ArgumentException>(() => Param.Interval("x", Tensor.From(new[] { 0.0, 1.0 }, 2), 5.0, 3));
        var shape = Assert.Throws<InvalidOperationException>(() => Axle.Ppl.Posterior(
            [Param.Real("a", 3), Param.LowerBounded("b", p => p["a"])], _ => 0.0));
        Assert.Contains("'b'", shape.Message);
    }

    [Fact]
    public void ALogDensityOfNaNIsMinusInfinity()
    {
        // log(x - 10) is NaN for x < 10: outside the model's support, so -inf for the sampler.
        var p = Axle.Ppl.Posterior([Param.Real("x")], v => Ops.Log(v["x"] - 10.0));
        Assert.Equal(double.NegativeInfinity, p.LogDensity(Tensor.From(new[] { 0.0 }, 1)).Item<double>());
        Assert.Equal(Math.Log(2.0), p.LogDensity(Tensor.From(new[] { 12.0 }, 1)).Item<double>(), 12);
    }
}
