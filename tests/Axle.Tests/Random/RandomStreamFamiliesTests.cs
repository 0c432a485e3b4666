namespace Axle.Tests.RandomNumbers;

/// <summary>
/// RandomStream's gamma, beta, dirichlet, poisson, categorical, multivariate_normal and
/// truncated_normal variables: each draws in an Ax.Function exactly what Rng draws with
/// <c>FoldIn(key, creation index)</c>, and records its family and parameter names.
/// </summary>
public class RandomStreamFamiliesTests
{
    private static readonly Tensor Xdata = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
    private static readonly Tensor Alpha = Tensor.From(new float[] { 0.5f, 1, 4 });
    private static readonly Tensor Lam = Tensor.From(new float[] { 0.5f, 3, 25, 1000 });
    private static readonly Tensor Logits = Ops.Log(Tensor.From(new float[] { 0.1f, 0.5f, 0.4f }));
    private static readonly Tensor Mean = Tensor.From(new float[] { 1, -1 });
    private static readonly Tensor Cov = Tensor.From(new float[,] { { 2, 0.5f }, { 0.5f, 1 } });

    private static (TensorArrayFunction F, Tensor[] Vars, RandomStream Stream) Model()
    {
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream();
        Tensor[] vars =
        [
            srng.Gamma(Alpha),
            srng.Beta(2.0, 3.0, size: X.Shape[^1]),
            srng.Dirichlet(Alpha, size: [2]),
            srng.Poisson(Lam),
            srng.Categorical(Logits, size: [5]),
            srng.MultivariateNormal(Mean, Cov),
            srng.TruncatedNormal(0.0, 1.0, -0.5, 2.0, size: [4]),
        ];
        return (Ax.Function([X], vars), vars, srng);
    }

    /// <summary>Rng's draws for the model's variables with FoldIn(key, i).</summary>
    private static Tensor[] Expected(Tensor key) =>
    [
        Rng.Gamma(Rng.FoldIn(key, 0), Alpha),
        Rng.Beta(Rng.FoldIn(key, 1), 2.0, 3.0, [3]),
        Rng.Dirichlet(Rng.FoldIn(key, 2), Alpha, [2]),
        Rng.Poisson(Rng.FoldIn(key, 3), Lam),
        Rng.Categorical(Rng.FoldIn(key, 4), Logits, shape: [5]),
        Rng.MultivariateNormal(Rng.FoldIn(key, 5), Mean, Cov),
        Rng.TruncatedNormal(Rng.FoldIn(key, 6), -0.5, 2.0, [4]),
    ];

    private static void Same(Tensor want, Tensor got)
    {
        Assert.Equal(want.DType, got.DType);
        Assert.Equal(want.Shape, got.Shape);
        if (want.DType == DType.I32) Assert.Equal(want.ToArray<int>(), got.ToArray<int>());
        else Assert.Equal(want.ToArray<float>(), got.ToArray<float>());
    }

    [Fact]
    public void EachVariableDrawsWhatRngDrawsWithFoldInOfItsIndex()
    {
        var (f, _, _) = Model();
        foreach (long seed in new long[] { 0, 42 })
        {
            var key = Rng.Key(seed);
            var got = f(key, Xdata);
            var want = Expected(key);
            Assert.Equal(want.Length, got.Length);
            for (int i = 0; i < want.Length; i++) Same(want[i], got[i]);
        }
    }

    [Fact]
    public void VariablesRecordFamilyParametersAndShapes()
    {
        var (_, vars, srng) = Model();
        (string Dist, string[] Names, Shape Shape, DType DType)[] want =
        [
            ("gamma", ["alpha", "scale"], new Shape(3), DType.F32),
            ("beta", ["alpha", "beta"], new Shape(3), DType.F32),
            ("dirichlet", ["alpha"], new Shape(2, 3), DType.F32),
            ("poisson", ["lam"], new Shape(4), DType.I32),
            ("categorical", ["logits"], new Shape(5), DType.I32),
            ("multivariate_normal", ["mean", "cov"], new Shape(2), DType.F32),
            ("truncated_normal", ["loc", "scale", "lower", "upper"], new Shape(4), DType.F32),
        ];
        Assert.Equal(want.Length, srng.Variables.Count);
        for (int i = 0; i < want.Length; i++)
        {
            var rv = RandomVariable.Of(vars[i])!;
            Assert.Equal(i, rv.Index);
            Assert.Equal(want[i].Dist, rv.Distribution);
            Assert.Equal(want[i].Names, rv.ParameterNames);
            Assert.Equal(want[i].DType, rv.DType);
            Assert.Equal(want[i].DType, vars[i].DType);
            if (i != 1) Assert.Equal(want[i].Shape, vars[i].Shape);
        }
        Assert.Same(Alpha, RandomVariable.Of(vars[0])!.Parameter("alpha"));
        Assert.Same(Lam, RandomVariable.Of(vars[3])!.Parameter("lam"));
    }

    [Fact]
    public void VmapOverKeysEqualsLoop()
    {
        // The gamma family's loops under a key vmap are covered by DistributionTests.GammaVmapEqualsPerKey;
        // this keeps to the other families so that it stays fast.
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream();
        var f = Ax.Function([X],
        [
            srng.Poisson(Lam),
            srng.Categorical(Logits, size: X.Shape[^1]),
            srng.MultivariateNormal(Mean, Cov),
            srng.TruncatedNormal(0.0, 1.0, -0.5, 2.0, size: [4]),
        ]);
        var keys = Rng.Split(Rng.Key(7), 5);
        var batched = Ax.Vmap(f, inAxes: [0, null])(keys, Xdata);
        Assert.Equal(new Shape(5, 3), batched[1].Shape);
        for (int i = 0; i < 5; i++)
        {
            var one = f(keys[i], Xdata);
            for (int v = 0; v < one.Length; v++) Same(one[v], batched[v][i]);
        }
    }

    [Fact]
    public void ScaleAndLocationApply()
    {
        var srng = new RandomStream();
        var g = srng.Gamma(3.0, 0.5, size: [6]);
        var tn = srng.TruncatedNormal(10.0, 2.0, 9.0, 14.0, size: [1000]);
        var f = Ax.Function([], [g, tn]);
        var key = Rng.Key(3);
        var (gv, tv) = f(key);
        var unit = Rng.Gamma(Rng.FoldIn(key, 0), 3.0, [6]).ToArray<float>();
        Assert.Equal(unit.Select(v => v * 0.5f).ToArray(), gv.ToArray<float>());
        var z = Rng.TruncatedNormal(Rng.FoldIn(key, 1), -0.5, 2.0, [1000]).ToArray<float>();
        var t = tv.ToArray<float>();
        for (int i = 0; i < t.Length; i++) Assert.InRange(t[i], 10 + 2 * z[i] - 1e-4, 10 + 2 * z[i] + 1e-4);
        Assert.All(t, v => Assert.InRange(v, 9f, 14f));
    }

    [Fact]
    public void SymbolicSizeFollowsTheInput()
    {
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream();
        var counts = srng.Poisson(3.0, size: X.Shape[^1]);
        var g = srng.Gamma(2.0, 1.0, size: X.Shape[^1]);
        var f = Ax.Function([X], [counts, g]);
        var key = Rng.Key(9);
        var (c, gv) = f(key, Tensor.From(new double[2 * 5], 2, 5));
        Assert.Equal(new Shape(5), c.Shape);
        Assert.Equal(new Shape(5), gv.Shape);
        Assert.Equal(Rng.Poisson(Rng.FoldIn(key, 0), 3.0, [5]).ToArray<int>(), c.ToArray<int>());
    }

    [Fact]
    public void BadParametersAreRefused()
    {
        var srng = new RandomStream();
        Assert.Throws<ArgumentException>(() => srng.Poisson(3.0, dtype: DType.F32));
        Assert.Throws<ArgumentException>(() => srng.Dirichlet(1.0));
        Assert.Throws<ArgumentException>(() => srng.Categorical(1.0));
        Assert.Throws<ArgumentException>(() => srng.MultivariateNormal(Mean, Tensor.From(new float[] { 1, 2 })));
        Assert.Throws<ArgumentException>(() => srng.Categorical(Ops.BroadcastTo(Ops.Reshape(Logits, 1, 3), 2, 3), size: [5, 3]));
        Assert.Throws<ArgumentException>(() => srng.Dirichlet(Ops.BroadcastTo(Ops.Reshape(Alpha, 1, 3), 2, 3), size: [3]));
    }
}
