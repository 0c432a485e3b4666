using System.Text.RegularExpressions;
using Axle.Tests.Core;
using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>Issue 5's acceptance checks for reverse mode: the horseshoe log-density, dead code, compile-once.</summary>
[Collection(SerialCollection.Name)]
public class AdAcceptanceTests
{
    private const int N = 8, D = 3;

    // Logistic regression with a horseshoe prior, by hand: tau ~ HalfCauchy(1), lambda_d ~ HalfCauchy(1),
    // beta_d ~ Normal(0, tau * lambda_d), y_i ~ Bernoulli(sigmoid(X_i · beta)).
    private static Tensor LogDensity(Tensor tau, Tensor lambda, Tensor beta, Tensor x, Tensor y)
    {
        static Tensor HalfCauchy(Tensor v) => Math.Log(2 / Math.PI) - Log1p(v * v);
        var scale = tau * lambda;
        var normal = -0.5 * Math.Log(2 * Math.PI) - Log(scale) - 0.5 * Square(beta / scale);
        var eta = MatMul(x, beta);
        var likelihood = y * LogSigmoid(eta) + (1.0 - y) * LogSigmoid(-eta);
        return HalfCauchy(tau) + Sum(HalfCauchy(lambda)) + Sum(normal) + Sum(likelihood);
    }

    private static (Tensor X, Tensor Y) Data()
    {
        var rng = new Random(11);
        var x = Tensor.From(AdHarness.Draw(rng, N * D, -2, 2), N, D);
        var y = Tensor.From(Enumerable.Range(0, N).Select(i => (double)(i % 3 == 0 ? 1 : 0)).ToArray());
        return (x, y);
    }

    [Fact]
    public void JitGradOfHorseshoeLogDensityMatchesFiniteDifferences()
    {
        var (x, y) = Data();
        Func<Tensor[], Tensor> logdensity = p => LogDensity(p[0], p[1], p[2], x, y);
        var grad = Ax.Jit(Ax.Grad(logdensity, argnums: [0, 1, 2]));
        double[] tau0 = [0.8], lambda0 = [0.5, 1.3, 2.1], beta0 = [0.3, -0.7, 1.1];
        var (gTau, gLambda, gBeta) = grad([Tensor.From(tau0[0]), Tensor.From(lambda0), Tensor.From(beta0)]);

        var f = Ax.Jit(logdensity);
        var fdTau = AdHarness.FdGradient(t => f([t, Tensor.From(lambda0), Tensor.From(beta0)]), tau0, []);
        var fdLambda = AdHarness.FdGradient(l => f([Tensor.From(tau0[0]), l, Tensor.From(beta0)]), lambda0, [D]);
        var fdBeta = AdHarness.FdGradient(b => f([Tensor.From(tau0[0]), Tensor.From(lambda0), b]), beta0, [D]);
        AdHarness.AssertClose(fdTau, gTau.ToArray<double>(), "tau");
        AdHarness.AssertClose(fdLambda, gLambda.ToArray<double>(), "lambda");
        AdHarness.AssertClose(fdBeta, gBeta.ToArray<double>(), "beta");
    }

    [Fact]
    public void VmapOfGradOverParameterVectorsEqualsTheLoop()
    {
        var (x, y) = Data();
        var rng = new Random(5);
        const int B = 100;
        // One flat unconstrained vector: [log tau, log lambda (D), beta (D)].
        Func<Tensor, Tensor> logdensity = theta =>
            LogDensity(Exp(theta[0]), Exp(theta[1..(1 + D)]), theta[(1 + D)..], x, y) + Sum(theta[..(1 + D)]);
        var thetas = Tensor.From(AdHarness.Draw(rng, B * (1 + 2 * D), -1, 1), B, 1 + 2 * D);
        var batched = Ax.Jit(Ax.Vmap(Ax.Grad(logdensity)))(thetas).ToArray<double>();
        var one = Ax.Jit(Ax.Grad(logdensity));
        var rows = thetas.ToArray<double>();
        for (int b = 0; b < B; b += 9)
        {
            var expected = one(Tensor.From(rows[(b * 7)..((b + 1) * 7)])).ToArray<double>();
            AdHarness.AssertClose(expected, batched[(b * 7)..((b + 1) * 7)], $"row {b}", 1e-12);
        }
    }

    [Fact]
    public void LoweredGradHasNoDeadCode()
    {
        // d/dx sum(sin(x) * x) = sin(x) + x cos(x): the forward product and the sum are dead.
        var lowered = Ax.Lower(Ax.Grad((Tensor x) => Sum(Sin(x) * x)), Tensor.From(new double[] { 1, 2, 3 })).AsText();
        int Count(string op) => Regex.Matches(lowered, $"\"stablehlo\\.{op}\"").Count;
        Assert.Equal(0, Count("reduce"));
        Assert.Equal(1, Count("sine"));
        Assert.Equal(1, Count("cosine"));
        Assert.Equal(3, Count("multiply"));
        Assert.Equal(1, Count("add"));
    }

    [Fact]
    public void JitOfGradCompilesOnceInALoop()
    {
        Func<Tensor, Tensor> f = x => Sum(Tanh(x) * x);
        var x = Tensor.From(new double[] { 0.1, 0.2 });
        Ax.Jit(Ax.Grad(f))(x);
        long compilations = ProgramCompiler.Compilations, traces = Tracer.Traces;
        for (int i = 0; i < 5; i++) Ax.Jit(Ax.Grad(f))(x).Dispose();
        Assert.Equal(compilations, ProgramCompiler.Compilations);
        Assert.Equal(traces, Tracer.Traces);
    }
}
