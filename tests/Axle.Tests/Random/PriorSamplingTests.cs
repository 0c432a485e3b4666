using System.Text.RegularExpressions;

namespace Axle.Tests.RandomNumbers;

/// <summary>The seed's prior-sampling program: one key in, (tau, lambda, beta) out, vmapped over keys.</summary>
public class PriorSamplingTests
{
    private static readonly Tensor Xdata = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    private static (TensorArrayFunction Prior, Tensor Tau, Tensor Lambda, Tensor Beta) Model()
    {
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream();
        var tau = srng.HalfCauchy(0, 1);
        var lambda = srng.HalfCauchy(0, 1, size: X.Shape[^1]);
        var beta = srng.Normal(0, tau * lambda, size: X.Shape[^1]);
        return (Ax.Function([X], [tau, lambda, beta]), tau, lambda, beta);
    }

    [Fact]
    public void VmappedOverKeysGivesIndependentDrawsEqualToLooped()
    {
        var (prior, _, _, _) = Model();
        var keys = Rng.Split(Rng.Key(0), 100);
        var (tau, lambda, beta) = Ax.Vmap(prior, inAxes: [0, null])(keys, Xdata);
        Assert.Equal(new Shape(100), tau.Shape);
        Assert.Equal(new Shape(100, 3), lambda.Shape);
        Assert.Equal(new Shape(100, 3), beta.Shape);
        float[] t = tau.ToArray<float>(), l = lambda.ToArray<float>(), b = beta.ToArray<float>();
        Assert.Equal(100, t.Distinct().Count());
        Assert.All(t, v => Assert.True(v >= 0));
        Assert.All(l, v => Assert.True(v >= 0));
        for (int i = 0; i < 100; i += 9)
        {
            var (ti, li, bi) = prior(keys[i], Xdata);
            Assert.Equal(t[i], ti.Item<float>());
            Assert.Equal(l[(3 * i)..(3 * i + 3)], li.ToArray<float>());
            Assert.Equal(b[(3 * i)..(3 * i + 3)], bi.ToArray<float>());
        }
    }

    [Fact]
    public void EachVariableDrawsWithFoldInOfItsCreationIndex()
    {
        var (prior, tauRv, lambdaRv, betaRv) = Model();
        Assert.Equal(0, RandomVariable.Of(tauRv)!.Index);
        Assert.Equal(1, RandomVariable.Of(lambdaRv)!.Index);
        Assert.Equal(2, RandomVariable.Of(betaRv)!.Index);
        var key = Rng.Key(17);
        var (tau, lambda, beta) = prior(key, Xdata);
        float t = Rng.HalfCauchy(Rng.FoldIn(key, 0)).Item<float>();
        Assert.Equal(t, tau.Item<float>());
        var l = Rng.HalfCauchy(Rng.FoldIn(key, 1), shape: [3]).ToArray<float>();
        Assert.Equal(l, lambda.ToArray<float>());
        var z = Rng.Normal(Rng.FoldIn(key, 2), [3]).ToArray<float>();
        var want = z.Select((v, i) => v * (t * l[i])).ToArray();
        Assert.Equal(want, beta.ToArray<float>());
        // Same key, same draws; another key, other draws.
        Assert.Equal(tau.Item<float>(), prior(key, Xdata)[0].Item<float>());
        Assert.NotEqual(tau.Item<float>(), prior(Rng.Key(18), Xdata)[0].Item<float>());
    }

    [Fact]
    public void SizeFollowsTheInputShape()
    {
        var (prior, _, _, _) = Model();
        var wide = Tensor.From(new double[2 * 5], 2, 5);
        var (_, lambda, beta) = prior(Rng.Key(1), wide);
        Assert.Equal(new Shape(5), lambda.Shape);
        Assert.Equal(new Shape(5), beta.Shape);
    }

    [Fact]
    public void LoweredProgramHasOneKeyParameterAndReturnsOnlyTheSamples()
    {
        var (prior, _, _, _) = Model();
        string text = Ax.Lower(prior, Rng.Key(0), Xdata).AsText();
        var main = Regex.Match(text, @"func\.func public @main\((?<args>[^)]*)\)\s*->\s*\((?<results>[^)]*)\)");
        Assert.True(main.Success, text);
        string args = main.Groups["args"].Value, results = main.Groups["results"].Value;
        Assert.Single(Regex.Matches(args, "ui32"));
        Assert.Equal(2, Regex.Matches(args, "tensor<").Count);
        Assert.Contains("tensor<2xui32>", args);
        Assert.Equal(3, Regex.Matches(results, "tensor<").Count);
        Assert.DoesNotContain("ui32", results);
    }

    [Fact]
    public void FunctionsWithoutRandomVariablesTakeNoKey()
    {
        var X = Sym.Matrix("X", DType.F64);
        var f = Ax.Function([X], Ops.Sum(X));
        Assert.Equal(21.0, f(Xdata).Item<double>());
        var (prior, _, _, _) = Model();
        var e = Assert.Throws<ArgumentException>(() => prior(Xdata));
        Assert.Contains("key", e.Message);
        var bad = Assert.Throws<ArgumentException>(() => prior(Xdata, Xdata));
        Assert.Contains("u32[2]", bad.Message);
    }

    [Fact]
    public void RandomVariablesRememberDistributionAndParameters()
    {
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream();
        var tau = srng.HalfCauchy(0, 1);
        var beta = srng.Normal(0, tau, size: X.Shape[^1]);
        var rv = RandomVariable.Of(beta)!;
        Assert.Equal("normal", rv.Distribution);
        Assert.Equal(new[] { "loc", "scale" }, rv.ParameterNames);
        Assert.Same(tau, rv.Parameter("scale"));
        Assert.Equal(X.Shape[^1], rv.Size![0]);
        Assert.Same(srng, rv.Stream);
        Assert.Equal(2, srng.Variables.Count);
        Assert.Null(RandomVariable.Of(X));
        Assert.True(Sym.IsSymbolic(tau));
    }

    [Fact]
    public void PosteriorPredictiveConditionsOnGivenValues()
    {
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream();
        var tau = srng.HalfCauchy(0, 1);
        var beta = srng.Normal(0, tau, size: X.Shape[^1]);
        var p = Ops.Sigmoid(Ops.Negate(Ops.MatMul(X, beta)));
        var y = srng.Bernoulli(p);
        var predictive = Ax.Function([X, tau, beta], y);
        var key = Rng.Key(3);
        var betaValue = Tensor.From(new float[] { 0.1f, -0.2f, 0.3f });
        var draw = predictive(key, Xdata, 1.0, betaValue);
        Assert.Equal(DType.Bool, draw.DType);
        Assert.Equal(new Shape(2), draw.Shape);
        // y is variable 2 of its stream: Uniform(FoldIn(key, 2)) < p.
        var pv = Ops.Sigmoid(Ops.Negate(Ops.MatMul(Xdata, betaValue))).ToArray<double>();
        var u = Rng.Uniform(Rng.FoldIn(key, 2), [2], DType.F64).ToArray<double>();
        Assert.Equal(u.Zip(pv, (a, b) => a < b).ToArray(), draw.ToArray<bool>());
    }
}
