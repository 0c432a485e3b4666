using static Axle.Tests.Ppl.Reference;

namespace Axle.Tests.Ppl;

/// <summary>
/// Eight schools (posteriordb's data) as a RandomStream model: the packed log-density against the
/// model written out by hand, centered and non-centered, and the non-centered one against the centered
/// one by the change of variables.
/// </summary>
public class EightSchoolsPosteriorTests
{
    private static readonly double[] Y = [28, 8, -3, 7, -1, 1, 18, 12];
    private static readonly double[] Sigma = [15, 10, 16, 11, 9, 11, 10, 18];
    private const int J = 8;

    private sealed record Model(Tensor Sigma, Tensor Mu, Tensor Tau, Tensor Theta, Tensor Y);

    private static Model Build()
    {
        var sigma = Sym.Vector("sigma", DType.F64);
        var s = new RandomStream(DType.F64);
        var mu = s.Normal(0.0, 5.0, name: "mu");
        var tau = s.HalfCauchy(0.0, 5.0, name: "tau");
        var theta = s.Normal(mu, tau, size: sigma.Shape[0], name: "theta");
        var y = s.Normal(theta, sigma, name: "y");
        return new Model(sigma, mu, tau, theta, y);
    }

    private static Posterior Posterior(Model m, Reparam? reparam = null) =>
        Axle.Ppl.Posterior([m.Mu, m.Tau, m.Theta], observed: [(m.Y, Tensor.From(Y, J))], inputs: [(m.Sigma, Tensor.From(Sigma, J))], reparam: reparam);

    /// <summary>log p(mu, tau, theta, y) with tau = exp(u) and its Jacobian u, written out.</summary>
    private static double Centered(double mu, double logTau, double[] theta)
    {
        double tau = Math.Exp(logTau);
        double lp = Normal(mu, 0, 5) + Math.Log(2) + Cauchy(tau, 0, 5) + logTau;
        for (int j = 0; j < J; j++) lp += Normal(theta[j], mu, tau) + Normal(Y[j], theta[j], Sigma[j]);
        return lp;
    }

    /// <summary>The non-centered form: z ~ N(0, 1), theta = mu + tau·z.</summary>
    private static double NonCentered(double mu, double logTau, double[] z)
    {
        double tau = Math.Exp(logTau);
        double lp = Normal(mu, 0, 5) + Math.Log(2) + Cauchy(tau, 0, 5) + logTau;
        for (int j = 0; j < J; j++) lp += Normal(z[j], 0, 1) + Normal(Y[j], mu + tau * z[j], Sigma[j]);
        return lp;
    }

    private static double[] RandomFlat(int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, 2 + J).Select(_ => r.NextDouble() * 4 - 2).ToArray();
    }

    [Fact]
    public void PackedLogDensityEqualsTheHandWrittenModel()
    {
        var p = Posterior(Build());
        Assert.Equal(10, p.Dim);
        Assert.Equal(DType.F64, p.DType);
        Assert.Equal(["mu", "tau", "theta"], p.Variables.Select(v => v.Name));
        Assert.Equal([Support.Real, Support.Positive, Support.Real], p.Variables.Select(v => v.Support));
        Assert.Equal([0, 1, 2], p.Variables.Select(v => v.Offset));
        Assert.Equal(new Shape(J), p.Variables[2].Shape);
        for (int seed = 0; seed < 3; seed++)
        {
            double[] u = RandomFlat(seed);
            Assert.Equal(Centered(u[0], u[1], u[2..]), p.LogDensity(Tensor.From(u, 10)).Item<double>(), 9);
        }
    }

    [Fact]
    public void NonCenteredReparamEqualsTheHandWrittenNonCenteredModelAndReportsTheta()
    {
        var m = Build();
        var p = Posterior(m, Reparam.NonCentered(m.Theta));
        Assert.StartsWith("non-centered", p.Variables[2].Transform);
        double[] u = RandomFlat(7);
        Assert.Equal(NonCentered(u[0], u[1], u[2..]), p.LogDensity(Tensor.From(u, 10)).Item<double>(), 9);
        // Constrain reports theta = mu + tau·z, not z.
        var values = p.Constrain(Tensor.From(u, 10));
        double tau = Math.Exp(u[1]);
        Assert.Equal(u[2..].Select(z => u[0] + tau * z).ToArray(), values["theta"].ToArray<double>(), new Tolerance(1e-12));
        Assert.Equal(tau, values["tau"].Item<double>(), 12);
    }

    [Fact]
    public void NonCenteredDensityIsTheCenteredOneByTheChangeOfVariables()
    {
        // p_z(mu, u, z) = p_theta(mu, u, theta(z)) · |dtheta/dz| = p_theta(...) · tau^J.
        var m = Build();
        var centered = Posterior(m);
        var nonCentered = Posterior(m, Reparam.Auto);
        Assert.Equal(["identity", "log", "non-centered: loc + scale · z"], nonCentered.Variables.Select(v => v.Transform));
        for (int seed = 10; seed < 13; seed++)
        {
            double[] u = RandomFlat(seed);
            var values = nonCentered.Constrain(Tensor.From(u, 10));
            var flatCentered = centered.Unconstrain(values);
            double lpZ = nonCentered.LogDensity(Tensor.From(u, 10)).Item<double>();
            double lpTheta = centered.LogDensity(flatCentered).Item<double>();
            Assert.Equal(lpTheta + J * u[1], lpZ, 9);
            // And back: unconstraining theta gives z.
            Assert.Equal(u, nonCentered.Unconstrain(values).ToArray<double>(), new Tolerance(1e-10));
        }
    }

    [Fact]
    public void LogDensityIsDifferentiableAndVmappable()
    {
        var p = Posterior(Build(), Reparam.Auto);
        double[] u = RandomFlat(3);
        var grad = Ax.Jit(Ax.Grad(p.LogDensity))(Tensor.From(u, 10)).ToArray<double>();
        for (int i = 0; i < u.Length; i++)
        {
            double[] up = [.. u], down = [.. u];
            up[i] += 1e-6;
            down[i] -= 1e-6;
            Assert.Equal((NonCentered(up[0], up[1], up[2..]) - NonCentered(down[0], down[1], down[2..])) / 2e-6, grad[i], 5);
        }
        var starts = p.InitialPoints(4, seed: 5);
        Assert.Equal(new Shape(4, 10), starts.Shape);
        Assert.All(starts.ToArray<double>(), x => Assert.InRange(x, -2, 2));
        Assert.Equal(starts.ToArray<double>(), p.InitialPoints(4, seed: 5).ToArray<double>());
        var batched = Ax.Jit(Ax.Vmap(p.LogDensity))(starts).ToArray<double>();
        double[] s = starts.ToArray<double>();
        for (int c = 0; c < 4; c++) Assert.Equal(NonCentered(s[c * 10], s[c * 10 + 1], s[(c * 10 + 2)..(c * 10 + 10)]), batched[c], 9);
    }

    [Fact]
    public void LogDensityGradientRunsInsideAVmappedCompiledLoopAsASamplerUsesIt()
    {
        // Three gradient-ascent steps per chain inside one program (Vmap over chains of a ForiLoop
        // whose body differentiates the log-density), against the same steps taken one call at a time.
        var p = Posterior(Build(), Reparam.Auto);
        Tensor starts = p.InitialPoints(3, seed: 2);
        var grad = Ax.Jit(Ax.Grad(p.LogDensity));
        Tensor Steps(Tensor q) => Ax.ForiLoop(0, 3, (_, x) => x + 0.01 * Ax.Grad(p.LogDensity)(x), q);
        double[] together = Ax.Jit(Ax.Vmap((Func<Tensor, Tensor>)Steps))(starts).ToArray<double>();
        for (int c = 0; c < 3; c++)
        {
            Tensor q = starts[c];
            for (int k = 0; k < 3; k++) q = q + 0.01 * grad(q);
            Assert.Equal(q.ToArray<double>(), together[(c * 10)..(c * 10 + 10)], new Tolerance(1e-12));
        }
    }
}
