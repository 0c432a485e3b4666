namespace Axle.Tests.Ppl;

/// <summary>
/// Every bijector through a one-parameter posterior whose model density is 0, so that its log-density
/// is the log-Jacobian alone: round trips, the log-Jacobian against log |det| of the autodiff Jacobian
/// (over the free coordinates of the constrained value), the supports on random inputs, and Stan's
/// algorithms as known answers.
/// </summary>
public class BijectorTests
{
    /// <summary>A bijector case: its parameters, the free coordinates of the constrained values, and a check of the support.</summary>
    private sealed record Case(Func<Param[]> Params, Func<ParamValues, Tensor> Free, Action<ParamValues> Support);

    private static readonly double NegInf = double.NegativeInfinity, PosInf = double.PositiveInfinity;

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["positive"] = new(() => [Param.Positive("x", 3)], p => p["x"], p => AllTrue(p["x"] > 0.0)),
        ["lower"] = new(() => [Param.LowerBounded("x", -1.5, 3)], p => p["x"], p => AllTrue(p["x"] > -1.5)),
        ["upper"] = new(() => [Param.UpperBounded("x", 2.0, 2, 2)], p => Ops.Ravel(p["x"]), p => AllTrue(p["x"] < 2.0)),
        ["interval"] = new(() => [Param.Interval("x", -1.0, 3.0, 3)], p => p["x"],
            p => AllTrue(Ops.LogicalAnd(p["x"] > -1.0, p["x"] < 3.0))),
        // Elementwise: both bounds, upper only, lower only, none.
        ["interval with infinite bounds"] = new(() => [Param.Interval("x", Tensor.From(new[] { 0.0, NegInf, 1.0, NegInf }, 4), Tensor.From(new[] { 1.0, 5.0, PosInf, PosInf }, 4), 4)],
            p => p["x"], p =>
            {
                double[] x = p["x"].ToArray<double>();
                for (int i = 0; i < x.Length; i += 4)
                {
                    Assert.InRange(x[i], 1e-300, 1 - 1e-16);
                    Assert.True(x[i + 1] < 5 && x[i + 2] > 1 && double.IsFinite(x[i + 3]));
                }
            }),
        ["dependent interval"] = new(() => [Param.Interval("alpha1", 0.0, 1.0), Param.Interval("beta1", 0.0, p => 1.0 - p["alpha1"])],
            p => Ops.Stack([p["alpha1"], p["beta1"]], -1), p =>
            {
                Tensor a = p["alpha1"], b = p["beta1"];
                AllTrue(Ops.LogicalAnd(Ops.LogicalAnd(a > 0.0, a < 1.0), Ops.LogicalAnd(b > 0.0, b < 1.0 - a)));
            }),
        ["simplex"] = new(() => [Param.Simplex("x", 4)], p => Ops.Split(p["x"], [3], -1)[0], p => CheckSimplex(p["x"])),
        ["simplex batch"] = new(() => [Param.Simplex("x", 3, batch: [2])], p => Ops.Ravel(Ops.Split(p["x"], [2], -1)[0]), p => CheckSimplex(p["x"])),
        ["ordered"] = new(() => [Param.Ordered("x", 4)], p => p["x"], p => AllTrue(Increments(p["x"]) > 0.0)),
        ["positive ordered"] = new(() => [Param.PositiveOrdered("x", 4)], p => p["x"],
            p =>
            {
                AllTrue(p["x"] > 0.0);
                AllTrue(Increments(p["x"]) > 0.0);
            }),
        ["cholesky corr"] = new(() => [Param.CholeskyCorr("x", 4)], p => StrictlyLower(p["x"], 4), p => CheckCholesky(p["x"], 4)),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    private static Posterior Zero(Param[] ps) => Axle.Ppl.Posterior(ps, _ => 0.0);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ConstrainAndUnconstrainRoundTripOnRandomPointsInsideTheSupport(string name)
    {
        var c = Cases[name];
        var p = Zero(c.Params());
        Tensor u = 1.5 * Rng.Normal(Rng.Key(name.Length), [2, 10, p.Dim], DType.F64);
        var x = p.Constrain(u);
        foreach (var v in p.Variables) Assert.Equal(new Shape([2, 10, .. v.Shape.ToArray()]), x[v.Name].Shape);
        c.Support(x);
        Tensor back = p.Unconstrain(x);
        Close(u, back, 1e-8);
        var again = p.Constrain(back);
        foreach (var v in p.Variables) Close(x[v.Name], again[v.Name], 1e-12);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void LogJacobianIsLogAbsDetOfTheAutodiffJacobian(string name)
    {
        var c = Cases[name];
        var p = Zero(c.Params());
        Tensor Free(Tensor u) => c.Free(p.Constrain(u));
        var jacobian = Ax.Jit(Ax.JacFwd(Free));
        for (int k = 0; k < 3; k++)
        {
            Tensor u = Rng.Normal(Rng.Key(100 + k), [p.Dim], DType.F64);
            Tensor j = jacobian(u);
            Assert.Equal(new Shape(p.Dim, p.Dim), j.Shape);
            double logAbsDet = Ops.SlogDet(j).LogAbsDet.Item<double>();
            Assert.Equal(logAbsDet, p.LogDensity(u).Item<double>(), 9);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void LogDensityAndGradientStayFiniteFarOut(string name)
    {
        var p = Zero(Cases[name].Params());
        var valueAndGrad = Ax.Jit(Ax.ValueAndGrad(p.LogDensity));
        foreach (double far in new[] { -20.0, 20.0 })
        {
            var (value, grad) = valueAndGrad(Ops.Full([p.Dim], far, DType.F64));
            Assert.True(double.IsFinite(value.Item<double>()), $"log-density at {far}: {value.Item<double>()}");
            Assert.All(grad.ToArray<double>(), g => Assert.True(double.IsFinite(g), $"gradient at {far}: {g}"));
        }
    }

    [Fact]
    public void SimplexAndCholeskyFactorMatchStansAlgorithms()
    {
        var simplex = Zero([Param.Simplex("x", 4)]);
        var cholesky = Zero([Param.CholeskyCorr("L", 4)]);
        var r = new Random(5);
        for (int k = 0; k < 3; k++)
        {
            double[] y = Enumerable.Range(0, 3).Select(_ => 4 * r.NextDouble() - 2).ToArray();
            var (x, lp) = StanTransforms.Simplex(y);
            Assert.Equal(x, simplex.Constrain(Tensor.From(y, 3))["x"].ToArray<double>(), new Tolerance(1e-14));
            Assert.Equal(lp, simplex.LogDensity(Tensor.From(y, 3)).Item<double>(), 12);

            double[] w = Enumerable.Range(0, 6).Select(_ => 4 * r.NextDouble() - 2).ToArray();
            var (l, lpl) = StanTransforms.CholeskyCorr(w, 4);
            Assert.Equal(l.Cast<double>(), cholesky.Constrain(Tensor.From(w, 6))["L"].ToArray<double>(), new Tolerance(1e-14));
            Assert.Equal(lpl, cholesky.LogDensity(Tensor.From(w, 6)).Item<double>(), 12);
        }
        // u = 0 is the uniform simplex and the identity correlation (Stan's centring of the transforms).
        Close(Ops.Full([4], 0.25, DType.F64), simplex.Constrain(Ops.Zeros([3], DType.F64))["x"], 1e-15);
        Close(Ops.Eye(4, dtype: DType.F64), cholesky.Constrain(Ops.Zeros([6], DType.F64))["L"], 1e-15);
        Assert.Equal(3, simplex.Dim);
        Assert.Equal(6, cholesky.Dim);
    }

    [Fact]
    public void OrderedVectorsAreCumulativeSumsOfExponentials()
    {
        var p = Zero([Param.Ordered("mu", 3), Param.PositiveOrdered("s", 3)]);
        double[] u = [0.5, -1.0, 0.3, -0.2, 0.1, 2.0];
        var x = p.Constrain(Tensor.From(u, 6));
        Assert.Equal([0.5, 0.5 + Math.Exp(-1), 0.5 + Math.Exp(-1) + Math.Exp(0.3)], x["mu"].ToArray<double>(), new Tolerance(1e-15));
        double s0 = Math.Exp(-0.2), s1 = s0 + Math.Exp(0.1);
        Assert.Equal([s0, s1, s1 + Math.Exp(2.0)], x["s"].ToArray<double>(), new Tolerance(1e-15));
        Assert.Equal(-1.0 + 0.3 + (-0.2 + 0.1 + 2.0), p.LogDensity(Tensor.From(u, 6)).Item<double>(), 14);
    }

    // ---------------- helpers ----------------

    private static void AllTrue(Tensor condition) => Assert.All(condition.ToArray<bool>(), Assert.True);

    private static Tensor Increments(Tensor x)
    {
        int k = x.Shape[^1].Value;
        var parts = Ops.Split(x, [1], -1);
        return parts[1] - Ops.Split(x, [k - 1], -1)[0];
    }

    private static void CheckSimplex(Tensor x)
    {
        AllTrue(x > 0.0);
        Assert.All(Ops.Sum(x, -1).ToArray<double>(), s => Assert.Equal(1.0, s, 12));
    }

    private static Tensor StrictlyLower(Tensor l, int k)
    {
        var indices = new List<int>();
        for (int i = 1; i < k; i++)
            for (int j = 0; j < i; j++) indices.Add(i * k + j);
        return Ops.Take(Ops.Ravel(l), Tensor.From(indices.ToArray(), indices.Count));
    }

    private static void CheckCholesky(Tensor l, int k)
    {
        double[] x = l.ToArray<double>();
        for (int m = 0; m < x.Length; m += k * k)
            for (int i = 0; i < k; i++)
            {
                double norm = 0;
                for (int j = 0; j < k; j++)
                {
                    double v = x[m + i * k + j];
                    if (j > i) Assert.Equal(0.0, v);
                    norm += v * v;
                }
                Assert.True(x[m + i * k + i] > 0, "the diagonal is positive");
                Assert.Equal(1.0, norm, 12);
            }
    }

    private static void Close(Tensor want, Tensor got, double eps) =>
        Assert.Equal(want.ToArray<double>(), got.ToArray<double>(), new Tolerance(eps));
}
