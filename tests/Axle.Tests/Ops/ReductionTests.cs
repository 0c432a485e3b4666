using static Axle.Ops;

namespace Axle.Tests.OpTests;

/// <summary>Random inputs and row-major index arithmetic shared by the op-family tests.</summary>
internal static class Nd
{
    /// <summary>Seeded values: floats in [lo, hi), integers in [lo, hi], bools half true.</summary>
    public static double[] Random(int seed, int n, DType t, double lo = -2, double hi = 2)
    {
        var rng = new Random(seed);
        // F32 data is rounded to float here, so references see exactly what the tensor holds.
        return Enumerable.Range(0, n).Select(_ => t == DType.Bool ? rng.Next(2)
            : t.IsFloat() ? (double)(float)Math.Round(lo + (hi - lo) * rng.NextDouble(), 3)
            : rng.Next((int)lo, (int)hi + 1)).ToArray();
    }

    /// <summary>A tensor of dtype <paramref name="t"/> holding <paramref name="data"/>.</summary>
    public static Tensor Make(double[] data, int[] shape, DType t) => t switch
    {
        DType.F32 => Tensor.From(data.Select(v => (float)v).ToArray(), shape),
        DType.F64 => Tensor.From(data, shape),
        DType.I32 => Tensor.From(data.Select(v => (int)v).ToArray(), shape),
        DType.I64 => Tensor.From(data.Select(v => (long)v).ToArray(), shape),
        DType.I8 => Tensor.From(data.Select(v => (sbyte)v).ToArray(), shape),
        DType.U8 => Tensor.From(data.Select(v => (byte)v).ToArray(), shape),
        DType.U32 => Tensor.From(data.Select(v => (uint)v).ToArray(), shape),
        DType.Bool => Tensor.From(data.Select(v => v != 0).ToArray(), shape),
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>Jit of a many-in, many-out function (the cast picks the Func overload).</summary>
    public static Func<Tensor[], Tensor[]> Jit(Func<Tensor[], Tensor[]> f) => Ax.Jit(f);

    public static int Size(int[] shape) => shape.Aggregate(1, (a, d) => a * d);

    /// <summary>Row-major multi-index of flat position <paramref name="flat"/>.</summary>
    public static int[] Unravel(int flat, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    public static int Ravel(int[] idx, int[] shape)
    {
        int flat = 0;
        for (int i = 0; i < shape.Length; i++) flat = flat * shape[i] + idx[i];
        return flat;
    }

    /// <summary>Reference reduction: <paramref name="f"/> of each slice over <paramref name="axes"/>, result row-major over the rest.</summary>
    public static double[] Reduce(double[] x, int[] shape, int[] axes, Func<double[], double> f)
    {
        int[] rest = Enumerable.Range(0, shape.Length).Where(i => !axes.Contains(i)).ToArray();
        int[] outShape = rest.Select(i => shape[i]).ToArray();
        var groups = new List<double>[Size(outShape)];
        for (int g = 0; g < groups.Length; g++) groups[g] = [];
        for (int k = 0; k < x.Length; k++)
        {
            var idx = Unravel(k, shape);
            groups[Ravel(rest.Select(i => idx[i]).ToArray(), outShape)].Add(x[k]);
        }
        return groups.Select(g => f([.. g])).ToArray();
    }

    /// <summary>Element-wise closeness with relative tolerance; NaN matches NaN and infinities must agree.</summary>
    public static void Close(double[] expected, double[] actual, double tol, string what = "")
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} elements, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? e == a
                : Math.Abs(e - a) <= tol * Math.Max(1, Math.Abs(e));
            Assert.True(ok, $"{what}: element {i}: expected {e}, got {a}");
        }
    }
}

/// <summary>Reductions and cumulative reductions against C# references.</summary>
public class ReductionTests
{
    private static readonly int[][] Shapes = [[], [0], [5], [2, 3], [2, 0, 3], [3, 4, 2]];

    private static IEnumerable<int[]?> AxisSpecs(int rank)
    {
        yield return null;
        for (int a = 0; a < rank; a++) yield return [a == rank - 1 ? -1 : a];
        if (rank >= 2) yield return [0, -1];
    }

    [Theory]
    [InlineData(DType.F32)]
    [InlineData(DType.F64)]
    [InlineData(DType.I32)]
    public void ReductionsMatchReferenceOverShapesAndAxes(DType t)
    {
        int seed = 1;
        foreach (var shape in Shapes)
        {
            double[] data = t.IsFloat() ? Nd.Random(seed++, Nd.Size(shape), t, 0.5, 1.5) : Nd.Random(seed++, Nd.Size(shape), t);
            if (data.Length > 3) data[2] = 0; // something for All/CountNonzero to see
            var x = Nd.Make(data, shape, t);
            int specIndex = 0;
            foreach (var spec in AxisSpecs(shape.Length))
            {
                bool keep = specIndex++ % 2 == 1;
                int[] axes = (spec ?? Enumerable.Range(0, shape.Length).ToArray()).Select(a => a < 0 ? a + shape.Length : a).ToArray();
                bool nonEmpty = axes.All(a => shape[a] > 0);
                var f = Nd.Jit((Tensor[] a) =>
                {
                    var v = a[0];
                    var outs = new List<Tensor>
                    {
                        Sum(v, spec, keep), Prod(v, spec, keep), Mean(v, spec, keep), Var(v, spec, keep), Std(v, spec, keep, ddof: 1),
                        All(v, spec, keep), Any(v, spec, keep), CountNonzero(v, spec, keep), LogSumExp(v, spec, keep),
                    };
                    if (nonEmpty) outs.AddRange([Max(v, spec, keep), Min(v, spec, keep)]);
                    return [.. outs];
                });
                var r = f([x]);
                string what = $"{t.ShortName()}{Fmt(shape)} axis {(spec is null ? "null" : Fmt(spec))} keepDims {keep}";
                int[] expectShape = Enumerable.Range(0, shape.Length).Where(i => keep || !axes.Contains(i)).Select(i => axes.Contains(i) ? 1 : shape[i]).ToArray();
                foreach (var y in r) Assert.True(new Shape(expectShape) == y.Shape, $"{what}: shape {y.Shape}, expected {Fmt(expectShape)}");
                double tol = t == DType.F32 ? 2e-5 : 1e-9;
                static double RefMean(double[] g) => g.Sum() / g.Length;
                static double RefVar(double[] g, int ddof) => g.Select(v => (v - RefMean(g)) * (v - RefMean(g))).Sum() / Math.Max(g.Length - ddof, 0);
                Func<double[], double>[] refs =
                [
                    g => g.Sum(), g => g.Aggregate(1.0, (p, v) => p * v), RefMean, g => RefVar(g, 0), g => Math.Sqrt(RefVar(g, 1)),
                    g => g.All(v => v != 0) ? 1 : 0, g => g.Any(v => v != 0) ? 1 : 0, g => g.Count(v => v != 0),
                    g => Math.Log(g.Sum(Math.Exp)), g => g.Max(), g => g.Min(),
                ];
                string[] names = ["sum", "prod", "mean", "var", "std", "all", "any", "count_nonzero", "logsumexp", "max", "min"];
                for (int k = 0; k < r.Length; k++)
                    Nd.Close(Nd.Reduce(data, shape, axes, refs[k]), r[k].ToArray<double>(), k is 2 or 3 or 4 or 8 && t == DType.I32 ? 2e-5 : tol, $"{names[k]} {what}");
                DType sumType = t == DType.I32 ? DType.I32 : t, floatType = t == DType.I32 ? DType.F32 : t;
                Assert.Equal([sumType, sumType, floatType, floatType, floatType, DType.Bool, DType.Bool, DType.I32, floatType],
                    r.Take(9).Select(y => y.DType).ToArray());
            }
        }
    }

    [Fact]
    public void SmallIntegersAndBoolSumInI32()
    {
        var b = Tensor.From(new[] { true, false, true, true });
        Assert.Equal(3, Sum(b).Item<int>());
        Assert.Equal(DType.I32, Prod(Tensor.From(new sbyte[] { 100, 100 })).DType);
        Assert.Equal(10000, Prod(Tensor.From(new sbyte[] { 100, 100 })).Item<int>());
        Assert.Equal(DType.U32, Sum(Tensor.From(new byte[] { 200, 200 })).DType);
        Assert.Equal(400u, Sum(Tensor.From(new byte[] { 200, 200 })).Item<uint>());
        Assert.Equal(2, CountNonzero(Tensor.From(new[] { 0.0f, -0.0f, 1, float.NaN })).Item<int>());
    }

    [Fact]
    public void ArgMaxArgMinTakeFirstOccurrenceAndNaN()
    {
        var x = Tensor.From(new float[] { 1, 3, 3, 0, /**/ 2, 2, -1, -1, /**/ 0, float.NaN, 5, float.NaN }, 3, 4);
        Assert.Equal(new[] { 1, 0, 1 }, ArgMax(x, 1).ToArray<int>());
        Assert.Equal(new[] { 3, 2, 1 }, ArgMin(x, -1).ToArray<int>());
        Assert.Equal(new[] { 1, 2, 2, 2 }, ArgMax(x, 0).ToArray<int>());
        Assert.Equal(new[] { 2, 2, 1, 2 }, ArgMin(x, 0).ToArray<int>());
        Assert.Equal(9, ArgMax(x).Item<int>());
        Assert.Equal(DType.I32, ArgMax(x).DType);
        Assert.Equal(new Shape(3, 1), ArgMax(x, 1, keepDims: true).Shape);
        Assert.Equal(new Shape(1, 1), ArgMin(x, keepDims: true).Shape);
        Assert.Equal(0, ArgMax(Tensor.From(7.0)).Item<int>());
        Assert.Equal(1, ArgMax(Tensor.From(new[] { false, true, true })).Item<int>());
        Assert.Equal(2, ArgMin(Tensor.From(new[] { 5, 3, int.MinValue, int.MinValue })).Item<int>());
        Assert.Equal(0, ArgMax(Tensor.From(new[] { float.NegativeInfinity, float.NegativeInfinity })).Item<int>());

        // Random matrices against a first-occurrence reference (small ints make ties likely).
        double[] data = Nd.Random(7, 30, DType.I32, -2, 2);
        var m = Nd.Make(data, [5, 6], DType.I64);
        int[] shape = [5, 6];
        for (int a = 0; a < 2; a++)
        {
            Nd.Close(Nd.Reduce(data, shape, [a], g => Array.IndexOf(g, g.Max())), ArgMax(m, a).ToArray<double>(), 0, $"argmax axis {a}");
            Nd.Close(Nd.Reduce(data, shape, [a], g => Array.IndexOf(g, g.Min())), ArgMin(m, a).ToArray<double>(), 0, $"argmin axis {a}");
        }
    }

    [Fact]
    public void LogSumExpIsStableAndHandlesInfiniteRows()
    {
        float ninf = float.NegativeInfinity;
        var x = Tensor.From(new float[] { 1000, 1000, /**/ ninf, ninf, /**/ -1000, -1000.5f, /**/ float.PositiveInfinity, 0 }, 4, 2);
        var r = LogSumExp(x, [1]).ToArray<double>();
        Nd.Close([1000 + Math.Log(2), double.NegativeInfinity, -1000 + Math.Log(1 + Math.Exp(-0.5)), double.PositiveInfinity], r, 1e-6, "logsumexp");
        Assert.Equal(double.NegativeInfinity, LogSumExp(Zeros(0, 3), [0, 1]).Item<double>());
        Assert.Equal(new Shape(1, 1), LogSumExp(x, [0, 1], keepDims: true).Shape);
    }

    [Fact]
    public void VarianceHonoursDdof()
    {
        double[] data = Nd.Random(3, 12, DType.F64);
        var x = Tensor.From(data, 3, 4);
        for (int ddof = 0; ddof <= 2; ddof++)
        {
            double RefVar(double[] g) => g.Select(v => (v - g.Average()) * (v - g.Average())).Sum() / (g.Length - ddof);
            Nd.Close(Nd.Reduce(data, [3, 4], [1], RefVar), Axle.Ops.Var(x, 1, ddof: ddof).ToArray<double>(), 1e-12, $"var ddof {ddof}");
            Nd.Close(Nd.Reduce(data, [3, 4], [0], g => Math.Sqrt(RefVar(g))), Std(x, 0, ddof: ddof).ToArray<double>(), 1e-12, $"std ddof {ddof}");
        }
        Assert.True(double.IsPositiveInfinity(Axle.Ops.Var(Tensor.From(new[] { 1.0, 2.0 }), ddof: 2).Item<double>()));
    }

    [Theory]
    [InlineData(DType.F32)]
    [InlineData(DType.I32)]
    public void CumulativeOpsMatchReference(DType t)
    {
        int seed = 11;
        foreach (int n in new[] { 0, 1, 2, 3, 5, 8, 13 })
        {
            int[] shape = [2, n];
            double[] data = Nd.Random(seed++, 2 * n, t, t.IsFloat() ? 0.5 : -2, t.IsFloat() ? 1.5 : 2);
            var x = Nd.Make(data, shape, t);
            foreach (bool reverse in new[] { false, true })
            {
                var f = Nd.Jit((Tensor[] a) => [Cumsum(a[0], 1, reverse), Cumprod(a[0], -1, reverse), Cummax(a[0], 1, reverse), Cummin(a[0], 1, reverse), Cumsum(a[0], 0, reverse)]);
                var r = f([x]);
                double[] Scan(Func<double, double, double> op, int axis)
                {
                    var o = (double[])data.Clone();
                    int len = shape[axis];
                    for (int line = 0; line < o.Length / Math.Max(len, 1); line++)
                    {
                        var positions = Enumerable.Range(0, len).Select(j =>
                        {
                            var idx = Nd.Unravel(line, shape.Where((_, i) => i != axis).ToArray()).ToList();
                            idx.Insert(axis, reverse ? len - 1 - j : j);
                            return Nd.Ravel([.. idx], shape);
                        }).ToArray();
                        for (int j = 1; j < positions.Length; j++) o[positions[j]] = op(o[positions[j - 1]], o[positions[j]]);
                    }
                    return o;
                }
                string what = $"{t.ShortName()} n={n} reverse={reverse}";
                Nd.Close(Scan((p, q) => p + q, 1), r[0].ToArray<double>(), 1e-5, "cumsum " + what);
                Nd.Close(Scan((p, q) => p * q, 1), r[1].ToArray<double>(), 1e-5, "cumprod " + what);
                Nd.Close(Scan(Math.Max, 1), r[2].ToArray<double>(), 0, "cummax " + what);
                Nd.Close(Scan(Math.Min, 1), r[3].ToArray<double>(), 0, "cummin " + what);
                Nd.Close(Scan((p, q) => p + q, 0), r[4].ToArray<double>(), 1e-5, "cumsum axis 0 " + what);
                Assert.All(r, y => Assert.Equal(new Shape(shape), y.Shape));
            }
        }
    }

    [Fact]
    public void CumulativeOpsFlattenWidenAndPropagateNaN()
    {
        var x = Tensor.From(new sbyte[] { 100, 100, 100, -50 }, 2, 2);
        var c = Cumsum(x);
        Assert.Equal(DType.I32, c.DType);
        Assert.Equal(new[] { 100, 200, 300, 250 }, c.ToArray<int>());
        Assert.Equal(new[] { 1, 1, 2, 3 }, Cumsum(Tensor.From(new[] { true, false, true, true })).ToArray<int>());
        var m = Cummax(Tensor.From(new float[] { 1, float.NaN, 3 })).ToArray<float>();
        Assert.Equal(1f, m[0]);
        Assert.True(float.IsNaN(m[1]) && float.IsNaN(m[2]));
        Assert.Equal(7f, Cumsum(Tensor.From(7f)).ToArray<float>().Single());
        // A long scan stays exact on integers (the recursion is log-depth).
        Func<Tensor, Tensor> cumsum = v => Cumsum(v);
        var big = Ax.Jit(cumsum)(Arange(1000));
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i * (i + 1) / 2).ToArray(), big.ToArray<int>());
    }

    [Fact]
    public void JitMatchesEagerForACompositeExpression()
    {
        double[] data = Nd.Random(5, 24, DType.F32);
        var x = Tensor.From(data.Select(v => (float)v).ToArray(), 2, 3, 4);
        Func<Tensor, Tensor> f = v => Add(LogSumExp(v, [0, 2]), Var(Cumsum(v, 2), [0, 2])) * Std(v) - Mean(Prod(v, 1), -1, keepDims: false)[0];
        var eager = f(x).ToArray<float>();
        var jitted = Ax.Jit(f)(x).ToArray<float>();
        Nd.Close(eager.Select(v => (double)v).ToArray(), jitted.Select(v => (double)v).ToArray(), 1e-5, "jit vs eager");
    }

    [Fact]
    public void BadAxesAndEmptyReductionsSayWhatIsWrong()
    {
        var x = Zeros(2, 3);
        var e = Assert.Throws<ArgumentException>(() => Sum(x, 2));
        Assert.Contains("sum", e.Message);
        Assert.Contains("axis 2 is out of range for rank 2", e.Message);
        Assert.Equal("axis", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Prod(x, [0, -2]));
        Assert.Contains("repeated axis", e.Message);
        e = Assert.Throws<ArgumentException>(() => ArgMax(Zeros(3, 0), 1));
        Assert.Contains("argmax", e.Message);
        Assert.Contains("size zero", e.Message);
        e = Assert.Throws<ArgumentException>(() => Max(Zeros(0)));
        Assert.Contains("max", e.Message);
        e = Assert.Throws<ArgumentException>(() => Cumsum(x, -3));
        Assert.Contains("cumsum", e.Message);
        Assert.Throws<ArgumentNullException>(() => Var(null!));
    }

    private static string Fmt(int[] s) => $"({string.Join(", ", s)})";
}
