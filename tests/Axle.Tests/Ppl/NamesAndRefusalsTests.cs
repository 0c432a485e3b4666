namespace Axle.Tests.Ppl;

/// <summary>Variable names (defaults, messages, value variables in lowered text) and the refusals of Ppl.Posterior, each naming the variable.</summary>
public class NamesAndRefusalsTests
{
    [Fact]
    public void DefaultNamesAreTheFamilyAndTheIndexAndGivenNamesReachEverything()
    {
        var s = new RandomStream(DType.F64);
        var a = s.Normal();
        var tau = s.HalfCauchy(0, 1, name: "tau");
        var b = s.Gamma(2.0);
        Assert.Equal(["normal_0", "tau", "gamma_2"], new[] { a, tau, b }.Select(t => RandomVariable.Of(t)!.Name));
        Assert.Equal("'tau' ~ half_cauchy#1(loc, scale)", RandomVariable.Of(tau)!.ToString());

        // Value variables carry the names, so the lowered program's signature names them.
        var (lp, vvs) = Axle.Ppl.JointLogprob([tau, a], transform: true);
        var f = Ax.Function(vvs, lp);
        string text = Ax.Lower(f, Tensor.From(0.1), Tensor.From(0.2)).AsText();
        Assert.Contains("tau_log", text);
        Assert.Contains("normal_0", text);
    }

    [Fact]
    public void NamesMustBeUniqueInAStreamAndNotEmpty()
    {
        var s = new RandomStream();
        s.Normal(name: "mu");
        var e = Assert.Throws<ArgumentException>(() => s.HalfNormal(name: "mu"));
        Assert.Contains("'mu'", e.Message);
        Assert.Equal("name", e.ParamName);
        s.Normal(); // normal_1
        Assert.Contains("'normal_1'", Assert.Throws<ArgumentException>(() => s.Cauchy(name: "normal_1")).Message);
        Assert.Throws<ArgumentException>(() => s.Normal(name: " "));
    }

    [Fact]
    public void ShapeErrorsNameTheVariable()
    {
        var s = new RandomStream();
        var e = Assert.Throws<ArgumentException>(() => s.Normal(Ops.Zeros(2), Ops.Ones(3), name: "w"));
        Assert.Contains("'w'", e.Message);
        Assert.Contains("(3,)", e.Message);
        // The event families' own shape rules: the name is added to their message.
        var d = Assert.Throws<ArgumentException>(() => s.Dirichlet(Ops.Ones(2, 3), size: [4], name: "p"));
        Assert.Contains("'p'", d.Message);
    }

    [Fact]
    public void DiscreteLatentVariablesAreRefusedByName()
    {
        var s = new RandomStream(DType.F64);
        var rate = s.Gamma(2.0, name: "rate");
        var k = s.Poisson(rate, size: [3], name: "k");
        var e = Assert.Throws<ArgumentException>(() => Axle.Ppl.Posterior([rate, k]));
        Assert.Contains("'k'", e.Message);
        Assert.Contains("discrete", e.Message);
        Assert.Equal("latent", e.ParamName);
        // Observed, the same variable is fine.
        var p = Axle.Ppl.Posterior([rate], observed: [(k, Tensor.From(new[] { 1, 4, 2 }, 3))]);
        Assert.Equal(1, p.Dim);
    }

    [Fact]
    public void AModelThatReadsAnUnlistedVariableOrAMissingInputIsRefusedByName()
    {
        var X = Sym.Vector("X", DType.F64);
        var s = new RandomStream(DType.F64);
        var mu = s.Normal(0, 1, name: "mu");
        var z = s.Normal(0, 1, name: "z");
        var y = s.Normal(mu + z * X, 1.0, name: "y");
        var yv = Tensor.From(new[] { 0.1, 0.2 }, 2);
        var xv = Tensor.From(new[] { 1.0, 2.0 }, 2);
        var unlisted = Assert.Throws<ArgumentException>(() => Axle.Ppl.Posterior([mu], observed: [(y, yv)], inputs: [(X, xv)]));
        Assert.Contains("'z'", unlisted.Message);
        Assert.Contains("'y'", unlisted.Message);
        var missing = Assert.Throws<ArgumentException>(() => Axle.Ppl.Posterior([mu, z], observed: [(y, yv)]));
        Assert.Contains("'X'", missing.Message);
        // Wrong value shapes name the variable too.
        var shape = Assert.Throws<ArgumentException>(() => Axle.Ppl.Posterior([mu, z], observed: [(y, Ops.Zeros([3], DType.F64))], inputs: [(X, xv)]));
        Assert.Contains(".shape[0]'", shape.Message); // X's dimension (X#n when other tests made an 'X' first)
        Assert.Contains("'y'", shape.Message);
        Assert.Contains("both latent and observed", Assert.Throws<ArgumentException>(() => Axle.Ppl.Posterior([mu, z, y], observed: [(y, yv)], inputs: [(X, xv)])).Message);
        Assert.Contains("'y'", Assert.Throws<ArgumentException>(() => Axle.Ppl.Posterior([mu, z], observed: [(y, yv)], inputs: [(X, xv)],
            reparam: Reparam.NonCentered(y))).Message);
    }

    [Fact]
    public void FlatVectorsOfTheWrongShapeAreRefused()
    {
        var s = new RandomStream(DType.F64);
        var mu = s.Normal(0, 1, name: "mu");
        var sigma = s.HalfNormal(0, 1, name: "sigma");
        var p = Axle.Ppl.Posterior([mu, sigma]);
        var e = Assert.Throws<ArgumentException>(() => p.LogDensity(Ops.Zeros([3], DType.F64)));
        Assert.Contains("mu [0, 1)", e.Message);
        Assert.Throws<ArgumentException>(() => p.LogDensity(Ops.Zeros([2], DType.F32)));
        Assert.Throws<ArgumentException>(() => p.Constrain(Ops.Zeros([4, 3], DType.F64)));
        var missing = Assert.Throws<ArgumentException>(() => p.Unconstrain(new Dictionary<string, Tensor> { ["mu"] = Tensor.From(0.0) }));
        Assert.Contains("'sigma'", missing.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.InitialPoints(0, 1));
    }
}
