using Axle.Inference;
using Xunit.Abstractions;

namespace Axle.Tests.Inference;

/// <summary>
/// NUTS recovers posteriors whose answers are known: a correlated 100-d Gaussian (diagonal and dense metric, Stan's and
/// nutpie's adaptation), a conjugate normal model, and eight schools (non-centered) against posteriordb's reference
/// with its README's criterion.
/// </summary>
public class NutsRecoveryTests(ITestOutputHelper output)
{
    /// <summary>
    /// Means within 4.5 MCSE, standard deviations within 4.5 <see cref="Diagnostics.McseSd"/> (its ESS is that of the
    /// squared deviations, lower than the bulk ESS for NUTS's antithetic draws), R-hat below 1.01, no divergences
    /// after warm-up. A 100-d posterior makes 200 such comparisons; at 4.5 standard errors a correct sampler fails
    /// one with probability about 0.1%.
    /// </summary>
    private const double Z = 4.5;

    private void AssertRecovers(InferenceData idata, double[] mean, double[] variance, string what)
    {
        var theta = idata.Posterior!.Variable("theta");
        int worstEss = int.MaxValue;
        for (int j = 0; j < mean.Length; j++)
        {
            var draws = theta.Component(j);
            double mcse = Diagnostics.McseMean(draws), ess = Diagnostics.EssBulk(draws);
            double[] all = draws.Cast<double>().ToArray();
            double m = all.Average();
            double v = all.Select(x => (x - m) * (x - m)).Sum() / (all.Length - 1);
            worstEss = Math.Min(worstEss, (int)ess);
            Assert.True(Math.Abs(m - mean[j]) <= Z * mcse, $"{what}: mean of {j} is {m:G5}, expected {mean[j]:G5} ± {Z}·{mcse:G3}");
            double sd = Math.Sqrt(v), mcseSd = Diagnostics.McseSd(draws), expectedSd = Math.Sqrt(variance[j]);
            Assert.True(Math.Abs(sd - expectedSd) <= Z * mcseSd, $"{what}: sd of {j} is {sd:G5}, expected {expectedSd:G5} ± {Z}·{mcseSd:G3}");
            Assert.True(Diagnostics.Rhat(draws) < 1.01, $"{what}: R-hat of {j} is {Diagnostics.Rhat(draws):F4}");
        }
        int divergences = idata.SampleStats!["diverging"].ToArray<bool>().Count(d => d);
        output.WriteLine($"{what}: worst bulk ESS {worstEss}, divergences {divergences}, " +
            $"warm-up {idata.Posterior.Attributes["warmup_time"]} s, sampling {idata.Posterior.Attributes["sampling_time"]} s, compile {idata.Posterior.Attributes["compile_time"]} s");
        Assert.Equal(0, divergences);
    }

    private static (Func<Tensor, Tensor> LogDensity, double[] Mean, double[] Variance) Gaussian100()
    {
        // Σ = D R D with R_ij = 0.6^|i-j| and scales from 0.3 to 3.
        const int dim = 100;
        var scale = Enumerable.Range(0, dim).Select(i => 0.3 * Math.Pow(10, i / (dim - 1.0))).ToArray();
        var mean = Enumerable.Range(0, dim).Select(i => Math.Sin(i)).ToArray();
        var cov = new double[dim, dim];
        for (int i = 0; i < dim; i++)
            for (int j = 0; j < dim; j++) cov[i, j] = scale[i] * scale[j] * Math.Pow(0.6, Math.Abs(i - j));
        Tensor precision = Ops.Inv(Tensor.From(cov)), mu = Tensor.From(mean, dim);
        Tensor LogDensity(Tensor x)
        {
            Tensor d = x - mu;
            return -0.5 * Ops.Sum(d * Ops.MatMul(precision, d));
        }
        return (LogDensity, mean, scale.Select(s => s * s).ToArray());
    }

    [Theory]
    [InlineData(Metric.Diagonal, Adaptation.Stan)]
    [InlineData(Metric.Dense, Adaptation.Stan)]
    [InlineData(Metric.Diagonal, Adaptation.Nutpie)]
    public void Correlated100dGaussian(Metric metric, Adaptation adaptation)
    {
        var (logDensity, mean, variance) = Gaussian100();
        Tensor init = Rng.Uniform(Rng.Key(4), [4, 100], DType.F64, -2.0, 2.0);
        var idata = Nuts.Sample(logDensity, init, new NutsOptions
        {
            Seed = 7,
            Metric = metric,
            Adaptation = adaptation,
            Warmup = adaptation == Adaptation.Nutpie ? 300 : 600,
            Draws = 1000,
        });
        AssertRecovers(idata, mean, variance, $"100-d Gaussian, {metric}, {adaptation}");
        // The adapted inverse metric estimates the posterior variances.
        double[][] inverseMetric = SamplerAttributes.InverseMetricPerChain(idata, 4)!;
        for (int j = 0; j < 100; j += 9)
        {
            double v = metric == Metric.Dense ? inverseMetric[0][j * 100 + j] : inverseMetric[0][j];
            Assert.InRange(v / variance[j], 0.4, 2.5);
        }
    }

    [Fact]
    public void RecoversTheConjugateNormalPosterior()
    {
        // y[g, i] ~ N(θ_g, 4), θ_g ~ N(1, 9): θ_g | y is normal with precision 1/9 + n/4 and mean (1/9 + Σy/4) / precision.
        const int groups = 3, perGroup = 10;
        var rng = new Random(11);
        double[] truth = [-2, 0.5, 3];
        var y = Enumerable.Range(0, groups * perGroup).Select(i => truth[i / perGroup] + 2 * DiagnosticsTests.Gaussian(rng)).ToArray();
        Tensor data = Tensor.From(y, groups, perGroup);
        Tensor LogDensity(Tensor theta) =>
            -0.5 * Ops.Sum(Ops.Square(theta - 1.0)) / 9.0 - 0.5 * Ops.Sum(Ops.Square(data - Ops.ExpandDims(theta, 1))) / 4.0;
        double precision = 1.0 / 9 + perGroup / 4.0;
        var mean = Enumerable.Range(0, groups).Select(g => (1.0 / 9 + y.Skip(g * perGroup).Take(perGroup).Sum() / 4) / precision).ToArray();
        var idata = Nuts.Sample(LogDensity, Tensor.From(new double[4 * groups], 4, groups), new NutsOptions { Seed = 3, Warmup = 400, Draws = 800 });
        AssertRecovers(idata, mean, Enumerable.Repeat(1 / precision, groups).ToArray(), "conjugate normal");
    }

    [Fact]
    public void EightSchoolsNonCenteredMatchesPosteriorDb()
    {
        var reference = PosteriorDbReference.Load("eight_schools-eight_schools_noncentered");
        double[] y = reference.Data("y"), sigma = reference.Data("sigma");
        Tensor yT = Tensor.From(y, 8), sigmaT = Tensor.From(sigma, 8);
        // θ = (theta_trans (8), mu, log tau): Stan's model plus the log-Jacobian of tau = exp(u).
        Tensor LogDensity(Tensor p)
        {
            Tensor z = p[..8], mu = p[8], logTau = p[9], tau = Ops.Exp(logTau);
            Tensor theta = z * tau + mu;
            return -0.5 * Ops.Sum(Ops.Square(z)) - 0.5 * Ops.Sum(Ops.Square((yT - theta) / sigmaT))
                - 0.5 * Ops.Square(mu / 5.0) - Ops.Log1p(Ops.Square(tau / 5.0)) + logTau;
        }
        Tensor init = Rng.Uniform(Rng.Key(9), [4, 10], DType.F64, -2.0, 2.0);
        var idata = Nuts.Sample(LogDensity, init, new NutsOptions { Seed = 11, TargetAcceptance = 0.95 });
        var flat = idata.Posterior!.Variable("theta");
        var draws = new Dictionary<string, double[,]>
        {
            ["mu"] = flat.Component(8),
            ["tau"] = Map(flat.Component(9), Math.Exp),
        };
        for (int j = 0; j < 8; j++)
        {
            double[,] z = flat.Component(j), mu = flat.Component(8), lt = flat.Component(9);
            var theta = new double[z.GetLength(0), z.GetLength(1)];
            for (int c = 0; c < z.GetLength(0); c++)
                for (int d = 0; d < z.GetLength(1); d++) theta[c, d] = z[c, d] * Math.Exp(lt[c, d]) + mu[c, d];
            draws[$"theta[{j + 1}]"] = theta;
        }
        foreach (string line in reference.Check(draws, idata.SampleStats!["diverging"].ToArray<bool>().Count(d => d)))
            output.WriteLine(line);
        Assert.Empty(reference.Failures);
    }

    private static double[,] Map(double[,] x, Func<double, double> f)
    {
        var r = new double[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < x.GetLength(1); j++) r[i, j] = f(x[i, j]);
        return r;
    }

    [Fact]
    public void SameSeedSameDrawsAndChainMethodsAgree()
    {
        // Chains in one vmapped program and one program per chain run the same arithmetic per chain.
        var scales = Tensor.From(new double[] { 0.5, 1, 2 }, 3);
        Func<Tensor, Tensor> logDensity = x => -0.5 * Ops.Sum(Ops.Square(x / scales));
        Tensor init = Rng.Uniform(Rng.Key(1), [2, 3], DType.F64, -2.0, 2.0);
        var o = new NutsOptions { Seed = 5, Warmup = 120, Draws = 60, ProgressInterval = 50 };
        double[] a = Nuts.Sample(logDensity, init, o).Posterior!["theta"].ToArray<double>();
        double[] b = Nuts.Sample(logDensity, init, o).Posterior!["theta"].ToArray<double>();
        double[] c = Nuts.Sample(logDensity, init, o with { ChainMethod = ChainMethod.Vectorized }).Posterior!["theta"].ToArray<double>();
        double[] d = Nuts.Sample(logDensity, init, o with { Seed = 6 }).Posterior!["theta"].ToArray<double>();
        Assert.Equal(a, b);
        Assert.Equal(a.Length, c.Length);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], c[i], 1e-12);
        Assert.NotEqual(a, d);
    }
}
