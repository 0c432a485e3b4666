using static Axle.Ops;

namespace Axle.Tests.Ppl;

/// <summary>The seed's horseshoe logistic model: log-density with Grad, prior sampling with Vmap, posterior predictive.</summary>
public class SeedScenarioTests
{
    private static readonly Tensor Xdata = Tensor.From(new double[,] { { 0.5, -1.0 }, { 1.5, 2.0 }, { -0.3, 0.7 } });

    private sealed record Model(Tensor X, Tensor Tau, Tensor Lambda, Tensor Beta, Tensor Y);

    private static Model Build()
    {
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream();
        var tau = srng.HalfCauchy(0, 1);
        var lambda = srng.HalfCauchy(0, 1, size: X.Shape[^1]);
        var beta = srng.Normal(0, tau * lambda, size: X.Shape[^1]);
        var eta = MatMul(X, beta);
        var p = Sigmoid(-eta);
        var Y = srng.Bernoulli(p);
        return new Model(X, tau, lambda, beta, Y);
    }

    /// <summary>The model's log-density written out by hand (f64), for the finite differences.</summary>
    private static double Reference(double[,] x, double tau, double[] lambda, double[] beta, double[] y)
    {
        static double HalfCauchy(double v) => Math.Log(2 / Math.PI) - Math.Log(1 + v * v);
        double lp = HalfCauchy(tau);
        for (int j = 0; j < lambda.Length; j++)
        {
            double s = tau * lambda[j];
            lp += HalfCauchy(lambda[j]) - 0.5 * Math.Log(2 * Math.PI) - Math.Log(s) - 0.5 * beta[j] * beta[j] / (s * s);
        }
        for (int i = 0; i < y.Length; i++)
        {
            double eta = 0;
            for (int j = 0; j < beta.Length; j++) eta += x[i, j] * beta[j];
            double p = 1 / (1 + Math.Exp(eta));
            lp += y[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return lp;
    }

    [Fact]
    public void LogDensityIsAScalarTensorEqualToTheClosedForm()
    {
        var m = Build();
        var (logprob, vvs) = Axle.Ppl.JointLogprob(m.Tau, m.Lambda, m.Beta, m.Y);
        Assert.Equal(4, vvs.Length);
        var logdensity = Ax.Function([m.X, .. vvs], logprob);
        Tensor lp = logdensity(Xdata, 1.0, Ones(2), Ones(2), Ones(3));
        Assert.Equal(0, lp.Rank);
        Assert.Equal(DType.F64, lp.DType);
        double want = Reference(ToMatrix(Xdata), 1.0, [1, 1], [1, 1], [1, 1, 1]);
        Assert.Equal(want, lp.Item<double>(), 5);
    }

    [Fact]
    public void GradOfLogDensityWithRespectToXMatchesFiniteDifferences()
    {
        var m = Build();
        var (logprob, vvs) = Axle.Ppl.JointLogprob(m.Tau, m.Lambda, m.Beta, m.Y);
        var logdensity = Ax.Function([m.X, .. vvs], logprob);
        Tensor ones2 = Ones(2), ones3 = Ones(3);
        Tensor dX = Ax.Grad(logdensity)(Xdata, 1.0, ones2, ones2, ones3);
        Assert.Equal(new Shape(3, 2), dX.Shape);
        double[,] x = ToMatrix(Xdata);
        double[] got = dX.ToArray<double>();
        const double h = 1e-6;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
            {
                double keep = x[i, j];
                x[i, j] = keep + h;
                double up = Reference(x, 1, [1, 1], [1, 1], [1, 1, 1]);
                x[i, j] = keep - h;
                double down = Reference(x, 1, [1, 1], [1, 1], [1, 1, 1]);
                x[i, j] = keep;
                Assert.Equal((up - down) / (2 * h), got[i * 2 + j], 5);
            }
    }

    [Fact]
    public void PriorSamplerTakesOneKeyAndVmapsOverKeys()
    {
        var m = Build();
        var priorSample = Ax.Function([m.X], [m.Tau, m.Lambda, m.Beta]);
        var one = priorSample(Rng.Key(1), Xdata);
        Assert.Equal(3, one.Length);
        Assert.Throws<ArgumentException>(() => priorSample(Xdata));
        var keys = Rng.Split(Rng.Key(0), 100);
        var (tau, lambda, beta) = Ax.Vmap(priorSample, inAxes: [0, null])(keys, Xdata);
        Assert.Equal(new Shape(100), tau.Shape);
        Assert.Equal(new Shape(100, 2), lambda.Shape);
        Assert.Equal(new Shape(100, 2), beta.Shape);
        Assert.All(tau.ToArray<float>(), t => Assert.True(t >= 0));
    }

    [Fact]
    public void PosteriorPredictiveSamplesOnlyYWithTheGivenParameters()
    {
        var m = Build();
        var predictive = Ax.Function([m.X, m.Tau, m.Lambda, m.Beta], m.Y);
        // With huge coefficients the outcome is determined: p = sigmoid(-X·beta).
        Tensor beta = Tensor.From(new float[] { 50, 0 }, 2);
        Tensor y = predictive(Rng.Key(3), Xdata, 1.0, Ones(2), beta);
        Assert.Equal(DType.Bool, y.DType);
        Assert.Equal(new[] { false, false, true }, y.ToArray<bool>());
        // Same key, same draw; no key: refused.
        Tensor again = predictive(Rng.Key(3), Xdata, 1.0, Ones(2), beta);
        Assert.Equal(y.ToArray<bool>(), again.ToArray<bool>());
        Assert.Throws<ArgumentException>(() => predictive(Xdata, 1.0, Ones(2), beta));
        // Vmap over keys: many predictive draws for one parameter set.
        var ys = Ax.Vmap((TensorFunction)(a => predictive(a[0], Xdata, 1.0, Ones(2), Tensor.From(new float[] { 0.1f, 0.2f }, 2))))(Rng.Split(Rng.Key(4), 50));
        Assert.Equal(new Shape(50, 3), ys.Shape);
    }

    [Fact]
    public void PosteriorPredictiveAtThePriorsOwnDrawsReproducesThePriorsY()
    {
        // Y draws with FoldIn(key, its index) in both programs, so given the prior's parameter draws
        // the predictive program must reproduce the prior's Y exactly: only Y is sampled.
        var m = Build();
        var prior = Ax.Function([m.X], [m.Tau, m.Lambda, m.Beta, m.Y]);
        var predictive = Ax.Function([m.X, m.Tau, m.Lambda, m.Beta], m.Y);
        var big = Tensor.From(new double[,] { { 0.5, -1.0 }, { 1.5, 2.0 }, { -0.3, 0.7 }, { 0.1, 0.1 }, { -2, 1 }, { 0.3, -0.4 } });
        for (int seed = 0; seed < 5; seed++)
        {
            var (tau, lambda, beta, y) = prior(Rng.Key(seed), big);
            Assert.Equal(y.ToArray<bool>(), predictive(Rng.Key(seed), big, tau, lambda, beta).ToArray<bool>());
        }
    }

    [Fact]
    public void RandomVariablesLeftOutStayRandomAndTheFunctionTakesAKey()
    {
        var m = Build();
        // Only tau and lambda: beta and Y are not part of the density, so nothing random remains.
        var (lpPrior, vv) = Axle.Ppl.JointLogprob(m.Tau, m.Lambda);
        var prior = Ax.Function([m.X, .. vv], lpPrior);
        double want = 3 * (Math.Log(2 / Math.PI) - Math.Log(2));
        Assert.Equal(want, prior(Xdata, 1.0, Ones(2)).Item<float>(), 4);
        // Beta's density given lambda only: tau stays random, so the function takes a key first.
        var (lpBeta, vb) = Axle.Ppl.JointLogprob(m.Lambda, m.Beta);
        var f = Ax.Function([m.X, .. vb], lpBeta);
        Assert.Throws<ArgumentException>(() => f(Xdata, Ones(2), Ones(2)));
        Assert.True(float.IsFinite(f(Rng.Key(0), Xdata, Ones(2), Ones(2)).Item<float>()));
    }

    private static double[,] ToMatrix(Tensor t)
    {
        double[] flat = t.ToArray<double>();
        int rows = t.Shape[0], cols = t.Shape[1];
        var result = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) result[i, j] = flat[i * cols + j];
        return result;
    }
}
