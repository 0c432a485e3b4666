namespace Axle.Tests.Ppl;

/// <summary>
/// Each constrained family of a RandomStream model gets its support's bijector, bounds read from other
/// latent variables (declared in any order), and the packed density is the joint density at the
/// constrained values plus the log-Jacobians.
/// </summary>
public class FamilySupportsTests
{
    private static double Sigmoid(double u) => 1 / (1 + Math.Exp(-u));

    private static double LogSigmoidSlope(double u) => Math.Log(Sigmoid(u)) + Math.Log(Sigmoid(-u));

    [Fact]
    public void EveryFamilyIsUnconstrainedByItsSupportAndBoundsReadOtherVariables()
    {
        var s = new RandomStream(DType.F64);
        var a = s.Normal(0, 1, name: "a");
        var b = s.Uniform(a, a + 2.0, name: "b");
        var c = s.TruncatedNormal(0, 1, 0.5, double.PositiveInfinity, name: "c");
        var w = s.Dirichlet(Tensor.From(new[] { 1.0, 2.0, 3.0 }, 3), name: "w");
        var e = s.Exponential(2.0, name: "e");
        var h = s.HalfNormal(a, 1, name: "h");
        var q = s.Beta(2, 3, name: "q");
        Tensor[] latent = [b, a, c, w, e, h, q]; // b first: its bounds read a, which is constrained before it
        var p = Axle.Ppl.Posterior(latent);
        Assert.Equal([Support.Interval, Support.Real, Support.Interval, Support.Simplex, Support.Positive, Support.LowerBounded, Support.Interval],
            p.Variables.Select(v => v.Support));
        Assert.Equal("scaled logit on (low, high)", p.Variables[0].Transform);
        Assert.Equal("log of x - loc", p.Variables[5].Transform);
        Assert.Equal(8, p.Dim);

        var (lp, vvs) = Axle.Ppl.JointLogprob(latent);
        var joint = Ax.Function(vvs, lp);
        var r = new Random(4);
        for (int t = 0; t < 3; t++)
        {
            double[] u = Enumerable.Range(0, 8).Select(_ => 3 * r.NextDouble() - 1.5).ToArray();
            double av = u[1];
            double bv = av + 2 * Sigmoid(u[0]), cv = 0.5 + Math.Exp(u[2]), ev = Math.Exp(u[5]), hv = av + Math.Exp(u[6]), qv = Sigmoid(u[7]);
            var (wv, simplexJacobian) = StanTransforms.Simplex(u[3..5]);
            double jacobian = Math.Log(2) + LogSigmoidSlope(u[0]) + u[2] + simplexJacobian + u[5] + u[6] + LogSigmoidSlope(u[7]);
            double model = joint(bv, av, cv, Tensor.From(wv, 3), ev, hv, qv).Item<double>();
            Assert.Equal(model + jacobian, p.LogDensity(Tensor.From(u, 8)).Item<double>(), 9);

            var values = p.Constrain(Tensor.From(u, 8));
            Assert.Equal(bv, values["b"].Item<double>(), 12);
            Assert.Equal(hv, values["h"].Item<double>(), 12);
            Assert.Equal(cv, values["c"].Item<double>(), 12);
            Assert.Equal(u, p.Unconstrain(values).ToArray<double>(), new Tolerance(1e-10));
        }
    }
}
