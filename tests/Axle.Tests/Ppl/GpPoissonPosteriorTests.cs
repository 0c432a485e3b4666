namespace Axle.Tests.Ppl;

/// <summary>
/// posteriordb's gp_pois_regr as a RandomStream model: f ~ MultivariateNormal(0, K(rho, alpha)), k ~ Poisson(exp f).
/// Reparam.Auto samples f as L·z (Stan's f_tilde); the density is the centered one by the change of variables.
/// </summary>
public class GpPoissonPosteriorTests
{
    private const int N = 5;
    private static readonly double[] Xs = [-10, -5, 0, 5, 10];
    private static readonly int[] Ks = [40, 37, 29, 12, 4];

    private sealed record Model(Tensor X, Tensor Rho, Tensor Alpha, Tensor F, Tensor K);

    private static Model Build()
    {
        var x = Sym.Vector("x", DType.F64, N);
        var s = new RandomStream(DType.F64);
        var rho = s.Gamma(25.0, 0.25, name: "rho"); // Stan's gamma(25, 4): rate 4
        var alpha = s.HalfNormal(0, 2, name: "alpha");
        Tensor d = Ops.ExpandDims(x, 1) - Ops.ExpandDims(x, 0);
        Tensor cov = Ops.Square(alpha) * Ops.Exp(-0.5 * Ops.Square(d) / Ops.Square(rho)) + 1e-10 * Ops.Eye(N, dtype: DType.F64);
        var f = s.MultivariateNormal(Ops.Zeros([N], DType.F64), cov, name: "f");
        var k = s.Poisson(Ops.Exp(f), name: "k");
        return new Model(x, rho, alpha, f, k);
    }

    private static Posterior Posterior(Model m, Reparam? reparam) =>
        Axle.Ppl.Posterior([m.Rho, m.Alpha, m.F], observed: [(m.K, Tensor.From(Ks, N))], inputs: [(m.X, Tensor.From(Xs, N))], reparam: reparam);

    [Fact]
    public void NonCenteredGaussianProcessIsTheCenteredOneByTheChangeOfVariables()
    {
        var m = Build();
        var centered = Posterior(m, null);
        var nonCentered = Posterior(m, Reparam.Auto);
        Assert.Equal(["log", "log", "non-centered: mean + cholesky(cov) · z"], nonCentered.Variables.Select(v => v.Transform));
        var r = new Random(8);
        for (int t = 0; t < 3; t++)
        {
            double[] u = [Math.Log(6) + 0.3 * r.NextDouble(), 0.5 * r.NextDouble(), .. Enumerable.Range(0, N).Select(_ => 2 * r.NextDouble() - 1)];
            var values = nonCentered.Constrain(Tensor.From(u, 2 + N));
            // f = L z with L the Cholesky factor of K(rho, alpha): |df/dz| = Π diag L.
            double rho = Math.Exp(u[0]), alpha = Math.Exp(u[1]);
            double[,] l = Cholesky(Covariance(rho, alpha));
            double logDiag = 0;
            for (int i = 0; i < N; i++)
            {
                double fi = 0;
                for (int j = 0; j <= i; j++) fi += l[i, j] * u[2 + j];
                Assert.Equal(fi, values["f"].ToArray<double>()[i], 10);
                logDiag += Math.Log(l[i, i]);
            }
            double lpTheta = centered.LogDensity(centered.Unconstrain(values)).Item<double>();
            Assert.Equal(lpTheta + logDiag, nonCentered.LogDensity(Tensor.From(u, 2 + N)).Item<double>(), 8);
        }
    }

    private static double[,] Covariance(double rho, double alpha)
    {
        var k = new double[N, N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                k[i, j] = alpha * alpha * Math.Exp(-0.5 * Math.Pow(Xs[i] - Xs[j], 2) / (rho * rho)) + (i == j ? 1e-10 : 0);
        return k;
    }

    private static double[,] Cholesky(double[,] a)
    {
        var l = new double[N, N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(s) : s / l[j, j];
            }
        return l;
    }
}
