namespace Axle.Tests.Ppl;

/// <summary>The seed's horseshoe logistic model as written (centered) through Ppl.Posterior, against its log-density written out.</summary>
public class HorseshoePosteriorTests
{
    private static readonly double[,] X = { { 0.5, -1.0, 0.2 }, { 1.5, 2.0, -0.7 }, { -0.3, 0.7, 1.1 }, { 0.9, -0.4, -1.3 } };
    private static readonly double[] Yobs = [1, 0, 1, 0];
    private const int D = 3;

    private sealed record Model(Tensor X, Tensor Tau, Tensor Lambda, Tensor Beta, Tensor Y);

    private static Model Build()
    {
        var x = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream(DType.F64);
        var tau = srng.HalfCauchy(0, 1, name: "tau");
        var lambda = srng.HalfCauchy(0, 1, size: x.Shape[^1], name: "lambda");
        var beta = srng.Normal(0, tau * lambda, size: x.Shape[^1], name: "beta");
        var y = srng.Bernoulli(Ops.Sigmoid(-Ops.MatMul(x, beta)), name: "y");
        return new Model(x, tau, lambda, beta, y);
    }

    private static Posterior Posterior(Model m, Reparam? reparam = null) =>
        Axle.Ppl.Posterior([m.Tau, m.Lambda, m.Beta], observed: [(m.Y, Tensor.From(Yobs.Select(v => v == 1).ToArray(), 4))],
            inputs: [(m.X, Tensor.From(X))], reparam: reparam);

    /// <summary>log p(tau, lambda, beta, y | X) + the log-Jacobians of tau = e^a, lambda = e^b.</summary>
    private static double Packed(double[] u, bool nonCentered)
    {
        static double HalfCauchy(double v) => Math.Log(2 / Math.PI) - Math.Log(1 + v * v);
        double tau = Math.Exp(u[0]);
        double lp = HalfCauchy(tau) + u[0];
        var beta = new double[D];
        for (int j = 0; j < D; j++)
        {
            double lambda = Math.Exp(u[1 + j]), s = tau * lambda, w = u[1 + D + j];
            lp += HalfCauchy(lambda) + u[1 + j];
            // Centered: beta = w ~ N(0, s); non-centered: w = z ~ N(0, 1) and beta = s·z.
            beta[j] = nonCentered ? s * w : w;
            lp += nonCentered ? Reference.Normal(w, 0, 1) : Reference.Normal(w, 0, s);
        }
        for (int i = 0; i < Yobs.Length; i++)
        {
            double eta = 0;
            for (int j = 0; j < D; j++) eta += X[i, j] * beta[j];
            double p = 1 / (1 + Math.Exp(eta));
            lp += Yobs[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return lp;
    }

    [Fact]
    public void PackedLogDensityEqualsTheSeedModelWrittenOut()
    {
        var p = Posterior(Build());
        Assert.Equal(1 + 2 * D, p.Dim);
        Assert.Equal(["tau", "lambda", "beta"], p.Variables.Select(v => v.Name));
        Assert.Equal(["log", "log", "identity"], p.Variables.Select(v => v.Transform));
        Assert.Equal([0, 1, 1 + D], p.Variables.Select(v => v.Offset));
        var r = new Random(3);
        for (int k = 0; k < 3; k++)
        {
            double[] u = Enumerable.Range(0, p.Dim).Select(_ => 4 * r.NextDouble() - 2).ToArray();
            Assert.Equal(Packed(u, nonCentered: false), p.LogDensity(Tensor.From(u, p.Dim)).Item<double>(), 9);
        }
    }

    [Fact]
    public void AutoReparamNonCentersBetaOnlyAndReportsBeta()
    {
        var m = Build();
        var p = Posterior(m, Reparam.Auto);
        Assert.Equal(["log", "log", "non-centered: 0 + scale · z"], p.Variables.Select(v => v.Transform));
        double[] u = [0.3, -0.4, 0.8, 0.1, 1.2, -0.7, 0.5];
        Assert.Equal(Packed(u, nonCentered: true), p.LogDensity(Tensor.From(u, p.Dim)).Item<double>(), 9);
        double[] beta = p.Constrain(Tensor.From(u, p.Dim))["beta"].ToArray<double>();
        for (int j = 0; j < D; j++) Assert.Equal(Math.Exp(u[0] + u[1 + j]) * u[1 + D + j], beta[j], 12);
        // Explicit non-centering of the same variable is the same posterior.
        var explicitly = Posterior(m, Reparam.NonCentered(m.Beta));
        Assert.Equal(p.LogDensity(Tensor.From(u, p.Dim)).Item<double>(), explicitly.LogDensity(Tensor.From(u, p.Dim)).Item<double>(), 14);
    }
}
