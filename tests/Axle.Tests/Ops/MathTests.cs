using static Axle.Ops;

namespace Axle.Tests.OpTests;

/// <summary>Seeded inputs and ulp-based comparison for the elementwise-math tests.</summary>
internal static class Ulp
{
    public static double[] Uniform(int seed, int n, double lo, double hi)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * rng.NextDouble()).ToArray();
    }

    /// <summary>Runs <paramref name="op"/> on <paramref name="xs"/> as <paramref name="t"/> (F32 or F64); returns inputs as stored and outputs.</summary>
    public static (double[] In, double[] Out) Run(Func<Tensor, Tensor> op, double[] xs, DType t, params int[] shape)
    {
        if (shape.Length == 0 && xs.Length != 1) shape = [xs.Length];
        if (t == DType.F32)
        {
            var f = xs.Select(v => (float)v).ToArray();
            var r = op(Tensor.From(f, shape));
            Assert.Equal(DType.F32, r.DType);
            return (f.Select(v => (double)v).ToArray(), r.ToArray<float>().Select(v => (double)v).ToArray());
        }
        var d = op(Tensor.From(xs, shape));
        Assert.Equal(DType.F64, d.DType);
        return (xs, d.ToArray<double>());
    }

    /// <summary>The spacing of <paramref name="t"/> values at <paramref name="v"/> (at least the smallest normal's).</summary>
    public static double Spacing(double v, DType t)
    {
        double a = Math.Abs(v);
        if (t == DType.F32)
        {
            float f = Math.Max((float)a, 1.17549435e-38f);
            return MathF.BitIncrement(f) - f;
        }
        a = Math.Max(a, double.Epsilon * 4503599627370496.0);
        return Math.BitIncrement(a) - a;
    }

    /// <summary>The largest error in units of the last place over all elements; equal infinities and NaNs count 0.</summary>
    public static double MaxUlps(double[] expected, double[] actual, DType t)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(e) && double.IsNaN(a)) continue;
            if (t == DType.F32) e = (float)e;
            if (e == a) continue;
            if (double.IsInfinity(e) || double.IsInfinity(a) || double.IsNaN(a) || double.IsNaN(e)) return double.PositiveInfinity;
            worst = Math.Max(worst, Math.Abs(e - a) / Spacing(e, t));
        }
        return worst;
    }

    /// <summary>Asserts <paramref name="op"/> matches <paramref name="reference"/> (computed in double on the stored inputs) within <paramref name="ulps"/>.</summary>
    public static void Check(string name, Func<Tensor, Tensor> op, Func<double, double> reference, double[] xs, DType t, double ulps)
    {
        var (input, output) = Run(op, xs, t);
        var expected = input.Select(reference).ToArray();
        double err = MaxUlps(expected, output, t);
        int at = Enumerable.Range(0, input.Length).FirstOrDefault(i => MaxUlps([expected[i]], [output[i]], t) == err);
        Assert.True(err <= ulps,
            $"{name} {t}: {err:G3} ulps > {ulps} at x = {input[at]:R}: expected {expected[at]:R}, got {output[at]:R}");
    }
}

/// <summary>Elementwise math ops against C# references: accuracy, dtypes, broadcasting, jit-vs-eager, errors.</summary>
public class MathTests
{
    private static readonly DType[] Floats = [DType.F32, DType.F64];

    public static TheoryData<string> UnaryNames() => new(UnaryCases.Keys);

    // name → (op, reference, domain, max ulps in F32, max ulps in F64)
    private static readonly Dictionary<string, (Func<Tensor, Tensor> Op, Func<double, double> Ref, double Lo, double Hi, double U32, double U64)> UnaryCases = new()
    {
        ["abs"] = (Abs, Math.Abs, -5, 5, 0, 0),
        ["sign"] = (Sign, v => Math.Sign(v), -5, 5, 0, 0),
        ["floor"] = (Floor, Math.Floor, -5, 5, 0, 0),
        ["ceil"] = (Ceil, Math.Ceiling, -5, 5, 0, 0),
        ["round"] = (x => Round(x), v => Math.Round(v, MidpointRounding.ToEven), -5, 5, 0, 0),
        ["sqrt"] = (Sqrt, Math.Sqrt, 0, 100, 1, 1),
        ["rsqrt"] = (Rsqrt, v => 1 / Math.Sqrt(v), 0.01, 100, 2, 2),
        ["cbrt"] = (Cbrt, Math.Cbrt, -100, 100, 2, 2),
        ["exp"] = (Exp, Math.Exp, -20, 20, 2, 2),
        ["exp2"] = (Exp2, v => Math.Pow(2, v), -20, 20, 16, 16),
        ["expm1"] = (Expm1, v => Math.Exp(v) - 1 is var r && Math.Abs(v) < 1e-5 ? v + v * v / 2 : r, -3, 3, 4, 4),
        ["log"] = (Log, Math.Log, 0.001, 100, 2, 2),
        ["log1p"] = (Log1p, Log1pRef, -0.9, 10, 4, 4),
        ["log2"] = (Log2, Math.Log2, 0.001, 100, 4, 4),
        ["log10"] = (Log10, Math.Log10, 0.001, 100, 4, 4),
        ["sin"] = (Sin, Math.Sin, -6, 6, 2, 2),
        ["cos"] = (Cos, Math.Cos, -6, 6, 2, 2),
        ["tan"] = (Tan, Math.Tan, -1.4, 1.4, 4, 4),
        ["tanh"] = (Tanh, Math.Tanh, -5, 5, 4, 4),
        ["sinh"] = (Sinh, Math.Sinh, -10, 10, 4, 4),
        ["cosh"] = (Cosh, Math.Cosh, -10, 10, 4, 4),
        ["asin"] = (Asin, Math.Asin, -1, 1, 4, 4),
        ["acos"] = (Acos, Math.Acos, -1, 1, 4, 4),
        ["atan"] = (Atan, Math.Atan, -10, 10, 2, 2),
        ["asinh"] = (Asinh, Math.Asinh, -10, 10, 4, 4),
        ["acosh"] = (Acosh, Math.Acosh, 1, 10, 4, 4),
        ["atanh"] = (Atanh, Math.Atanh, -0.999, 0.999, 4, 4),
        ["square"] = (Square, v => v * v, -10, 10, 0.5, 0.5),
        ["reciprocal"] = (Reciprocal, v => 1 / v, 0.1, 10, 0.5, 0.5),
    };

    private static double Log1pRef(double v) => Math.Abs(v) < 1e-4 ? v - v * v / 2 + v * v * v / 3 : Math.Log(1 + v);

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryMatchesReferenceInUlps(string name)
    {
        var (op, reference, lo, hi, u32, u64) = UnaryCases[name];
        double[] xs = Ulp.Uniform(name.Length * 7919, 24, lo, hi);
        foreach (var t in Floats) Ulp.Check(name, op, reference, xs, t, t == DType.F32 ? u32 : u64);
    }

    [Fact]
    public void RoundIsHalfToEvenAndHonorsDecimals()
    {
        var x = Tensor.From(new float[] { 0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 2.675f, 3.7f });
        Assert.Equal(new float[] { 0, 2, 2, -0f, -2, -2, 3, 4 }, Round(x).ToArray<float>());
        var d = Tensor.From(new double[] { 1.25, 1.35, -0.125 });
        var r = Round(d, 1).ToArray<double>();
        Assert.Equal(1.2, r[0], 12);
        Assert.Equal(1.4, r[1], 12);
        Assert.Equal(-0.1, r[2], 12);
        Assert.Equal(new[] { 7, -3 }, Round(Tensor.From(new[] { 7, -3 })).ToArray<int>());
    }

    [Fact]
    public void ExpandedTrigHandlesEdgesAndExtremes()
    {
        var f = Tensor.From(new float[] { 1, -1, 0 });
        Assert.Equal(new[] { MathF.PI / 2, -MathF.PI / 2, 0 }, Asin(f).ToArray<float>());
        Assert.Equal(new[] { 0, MathF.PI, MathF.PI / 2 }, Acos(f).ToArray<float>());
        Assert.Equal(new[] { float.PositiveInfinity, float.NegativeInfinity, 0 }, Atanh(f).ToArray<float>());
        Assert.All(Asin(Tensor.From(new float[] { 1.5f, -2 })).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        Assert.All(Acosh(Tensor.From(new float[] { 0.5f, -2 })).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
        // Near overflow and near zero: e^|x| / 2 must not overflow before sinh does; tiny x keep their digits.
        float[] wide = [89f, -89f, 1e-6f, -3e-8f, 1e30f, -1e30f, 1e-30f];
        Ulp.Check("sinh", Sinh, Math.Sinh, [89, -89, 1e-6, -3e-8, 1e-30], DType.F32, 4);
        Ulp.Check("cosh", Cosh, Math.Cosh, [89, -89, 1e-6], DType.F32, 4);
        Ulp.Check("asinh", Asinh, Math.Asinh, wide.Select(v => (double)v).ToArray(), DType.F32, 4);
        Ulp.Check("acosh", Acosh, Math.Acosh, [1, 1 + 1e-6, 1e30, 3e38], DType.F32, 4);
        Ulp.Check("atanh", Atanh, Math.Atanh, [1e-7, -1e-20, 0.9999999], DType.F32, 4);
        Ulp.Check("asinh", Asinh, Math.Asinh, [1e300, -1e-300, 1e-8], DType.F64, 4);
        Ulp.Check("sinh", Sinh, Math.Sinh, [710, -710, 1e-300], DType.F64, 4);
        Assert.Equal(float.PositiveInfinity, Cosh(Tensor.From(new float[] { 100 })).ToArray<float>()[0]);
    }

    [Fact]
    public void UnaryOpsKeepShapesIncludingRankZeroAndEmpty()
    {
        var scalar = Tensor.From(0.25);
        Assert.Equal(Shape.Scalar, Asin(scalar).Shape);
        Assert.Equal(Math.Asin(0.25), Asin(scalar).Item<double>(), 15);
        var empty = Tensor.From(Array.Empty<float>(), 0, 3);
        Assert.Equal(new Shape(0, 3), Sinh(empty).Shape);
        Assert.Empty(Atanh(empty).ToArray<float>());
        // Integers promote to the default float; a weak literal stays weak.
        Assert.Equal(DType.F32, Atan(Tensor.From(new[] { 1, 2 })).DType);
        Assert.True(Cosh(2).IsWeak);
        Assert.Equal(DType.F16, Sinh(Tensor.From(new[] { (Half)0.5f })).DType);
        Assert.Equal((double)(Half)Math.Sinh(0.5), (double)Sinh(Tensor.From(new[] { (Half)0.5f })).ToArray<Half>()[0], 3);
    }

    [Fact]
    public void IntegerUnaryOps()
    {
        int[] a = [-7, 0, 5, int.MinValue + 1];
        var x = Tensor.From(a);
        Assert.Equal(a.Select(Math.Abs).ToArray(), Abs(x).ToArray<int>());
        Assert.Equal(a.Select(Math.Sign).ToArray(), Sign(x).ToArray<int>());
        Assert.Equal(a, Floor(x).ToArray<int>());
        Assert.Equal(a, Ceil(x).ToArray<int>());
        Assert.Equal(new[] { 49, 0, 25 }, Square(Tensor.From(new[] { -7, 0, 5 })).ToArray<int>());
        Assert.Equal(new uint[] { 0, 1, 1 }, Sign(Tensor.From(new uint[] { 0, 3, 4000000000 })).ToArray<uint>());
        Assert.Equal(DType.F32, Reciprocal(Tensor.From(new[] { 2 })).DType);
        Assert.Equal(new[] { 0.5f }, Reciprocal(Tensor.From(new[] { 2 })).ToArray<float>());
    }

    [Fact]
    public void BinaryFloatOpsBroadcastAndMatchReference()
    {
        double[] a = Ulp.Uniform(11, 12, -3, 3), b = Ulp.Uniform(12, 4, -3, 3);
        foreach (var t in Floats)
        {
            Tensor x = Make(a, t, 3, 4), y = Make(b, t, 4);
            double[] xa = Read(x), ya = Read(y);
            double Y(int i) => ya[i % 4];
            var cases = new (string Name, Tensor Result, Func<double, double, double> Ref, double Ulps)[]
            {
                ("maximum", Maximum(x, y), Math.Max, 0),
                ("minimum", Minimum(x, y), Math.Min, 0),
                ("atan2", Atan2(x, y), Math.Atan2, 3),
                ("fmod", Fmod(x, y), (p, q) => p % q, 0),
                ("hypot", Hypot(x, y), (p, q) => Math.Sqrt(p * p + q * q), 3),
                ("power", Power(Abs(x), y), Math.Pow, 8),
            };
            foreach (var (name, result, reference, ulps) in cases)
            {
                Assert.Equal(new Shape(3, 4), result.Shape);
                Assert.Equal(t, result.DType);
                double[] expected = xa.Select((v, i) => reference(name == "power" ? Math.Abs(v) : v, Y(i))).ToArray();
                double err = Ulp.MaxUlps(expected, Read(result), t);
                Assert.True(err <= ulps, $"{name} {t}: {err} ulps");
            }
        }
    }

    [Fact]
    public void HypotAvoidsOverflowAndHandlesInfinity()
    {
        var x = Tensor.From(new float[] { 3e30f, 0, float.PositiveInfinity, 1e-30f, 0 });
        var y = Tensor.From(new float[] { 4e30f, 0, float.NaN, 1e-30f, -5 });
        var r = Hypot(x, y).ToArray<float>();
        Assert.Equal(5e30, r[0], 5e30 * 1e-6);
        Assert.Equal(0f, r[1]);
        Assert.Equal(float.PositiveInfinity, r[2]);
        Assert.Equal(Math.Sqrt(2) * 1e-30, r[3], 1e-36);
        Assert.Equal(5f, r[4]);
    }

    [Fact]
    public void IntegerPowerFloorDivideAndFmod()
    {
        int[] a = [7, -7, 7, -7, 6, 0, 2], b = [3, 3, -3, -3, 3, 5, 10];
        Tensor x = Tensor.From(a), y = Tensor.From(b);
        Assert.Equal(a.Zip(b, (p, q) => (int)Math.Floor((double)p / q)).ToArray(), FloorDivide(x, y).ToArray<int>());
        Assert.Equal(a.Zip(b, (p, q) => p % q).ToArray(), Fmod(x, y).ToArray<int>());
        Assert.Equal(DType.I32, Power(x, 2).DType);
        Assert.Equal(a.Select(p => p * p * p).ToArray(), Power(x, 3).ToArray<int>());
        Assert.Equal(new[] { 1024 }, Power(Tensor.From(new[] { 2 }), Tensor.From(new[] { 10 })).ToArray<int>());
        Assert.Equal(new uint[] { 2, 0 }, FloorDivide(Tensor.From(new uint[] { 7, 2 }), Tensor.From(new uint[] { 3, 5 })).ToArray<uint>());
        // Float floor division: numpy's 1 // 0.1 == 9 (1 = 9 * 0.1 + 0.0999...), and the sign of zero quotients.
        var f = FloorDivide(Tensor.From(new[] { 1.0, -7.5, 7.5, 0.5 }), Tensor.From(new[] { 0.1, 2, -2, 3 })).ToArray<double>();
        Assert.Equal(new[] { 9.0, -4, -4, 0 }, f);
        Assert.Equal(DType.F32, Power(Tensor.From(new[] { 2 }), 0.5).DType);
    }

    [Fact]
    public void BitwiseShiftAndLogicalOps()
    {
        int[] a = [0b1100, -1, 5, int.MinValue], b = [0b1010, 3, 1, 31];
        Tensor x = Tensor.From(a), y = Tensor.From(b);
        Assert.Equal(a.Zip(b, (p, q) => p & q).ToArray(), BitwiseAnd(x, y).ToArray<int>());
        Assert.Equal(a.Zip(b, (p, q) => p | q).ToArray(), BitwiseOr(x, y).ToArray<int>());
        Assert.Equal(a.Zip(b, (p, q) => p ^ q).ToArray(), BitwiseXor(x, y).ToArray<int>());
        Assert.Equal(a.Select(p => ~p).ToArray(), BitwiseNot(x).ToArray<int>());
        Assert.Equal(a.Zip(b, (p, q) => p << q).ToArray(), ShiftLeft(x, y).ToArray<int>());
        Assert.Equal(a.Zip(b, (p, q) => p >> q).ToArray(), ShiftRight(x, y).ToArray<int>());
        uint[] u = [0x80000000u, 0xFFFFFFFFu];
        Assert.Equal(u.Select(p => p >> 4).ToArray(), ShiftRight(Tensor.From(u), Tensor.From(new uint[] { 4, 4 })).ToArray<uint>());
        Assert.Equal(new[] { 0 }, ShiftLeft(Tensor.From(new[] { 1 }), 32).ToArray<int>());

        bool[] p1 = [true, true, false, false], q1 = [true, false, true, false];
        Tensor bp = Tensor.From(p1), bq = Tensor.From(q1);
        Assert.Equal(p1.Zip(q1, (p, q) => p & q).ToArray(), BitwiseAnd(bp, bq).ToArray<bool>());
        Assert.Equal(p1.Select(p => !p).ToArray(), BitwiseNot(bp).ToArray<bool>());
        // Logical ops take non-zero as true, any dtype.
        var fx = Tensor.From(new[] { 0.0f, 2.5f, -1, 0 });
        var fy = Tensor.From(new[] { 0, 0, 3, 7 });
        Assert.Equal(new[] { false, false, true, false }, LogicalAnd(fx, fy).ToArray<bool>());
        Assert.Equal(new[] { false, true, true, true }, LogicalOr(fx, fy).ToArray<bool>());
        Assert.Equal(new[] { false, true, false, true }, LogicalXor(fx, fy).ToArray<bool>());
        Assert.Equal(new[] { true, false, false, true }, LogicalNot(fx).ToArray<bool>());
    }

    [Fact]
    public void ClassificationClipAndWhere()
    {
        var x = Tensor.From(new[] { 1.0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f });
        Assert.Equal(new[] { false, true, false, false, false }, IsNan(x).ToArray<bool>());
        Assert.Equal(new[] { false, false, true, true, false }, IsInf(x).ToArray<bool>());
        Assert.Equal(new[] { true, false, false, false, true }, IsFinite(x).ToArray<bool>());
        Assert.Equal(new[] { false, false }, IsNan(Tensor.From(new[] { 1, 2 })).ToArray<bool>());

        var v = Tensor.From(new[] { -3.0, 0.5, 9 });
        Assert.Equal(new[] { -1.0, 0.5, 2 }, Clip(v, -1, 2).ToArray<double>());
        Assert.Equal(new[] { -3.0, 0.5, 2 }, Clip(v, max: 2).ToArray<double>());
        Assert.Equal(new[] { 0.0, 0.5, 9 }, Clip(v, min: 0).ToArray<double>());
        // Bounds broadcast: a per-column lower bound.
        var m = Clip(Tensor.From(new[] { 0, 5, 10, 0, 5, 10 }, 2, 3), Tensor.From(new[] { 1, 6, 11 }), 10);
        Assert.Equal(new[] { 1, 6, 10, 1, 6, 10 }, m.ToArray<int>());
        Assert.Equal(new[] { 1.0, 0.5, 1 }, Where(Tensor.From(new[] { 2, 1, 0 }) > 1, 1.0, Clip(v, 0, 1)).ToArray<double>());
    }

    [Fact]
    public void JitMatchesEagerForACompositeExpression()
    {
        Func<Tensor, Tensor, Tensor> f = (x, y) =>
            Atan2(Sinh(x), Cosh(y)) + Hypot(x, y) * Acos(Tanh(x)) - Asinh(FloorDivide(x, y)) + Clip(Log1p(Abs(y)), 0.1, 1.0)
            + Power(Abs(x) + 1, Round(y)) - Cbrt(x) * Exp2(y) + Where(IsFinite(Reciprocal(x)), Atan(x), 0.0);
        double[] a = Ulp.Uniform(3, 12, -2, 2), b = Ulp.Uniform(4, 4, -2, 2);
        foreach (var t in Floats)
        {
            Tensor x = Make(a, t, 3, 4), y = Make(b, t, 4);
            var eager = Read(f(x, y));
            var jitted = Read(Ax.Jit(f)(x, y));
            Assert.Equal(eager.Length, jitted.Length);
            for (int i = 0; i < eager.Length; i++) Assert.Equal(eager[i], jitted[i], t == DType.F32 ? 4 : 12);
        }
    }

    [Fact]
    public void ErrorsNameTheOpTheArgumentAndTheShapes()
    {
        var f = Tensor.From(new[] { 1.5f, 2 });
        var e1 = Assert.Throws<ArgumentException>(() => ShiftLeft(f, f));
        Assert.Contains("shift_left", e1.Message);
        Assert.Contains("f32", e1.Message);
        Assert.Equal("x", e1.ParamName);
        var e2 = Assert.Throws<ArgumentException>(() => BitwiseAnd(f, f));
        Assert.Contains("and", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Atan2(Tensor.From(new float[] { 1, 2, 3 }), f));
        Assert.Contains("atan2", e3.Message);
        Assert.Contains(new Shape(3).ToString(), e3.Message);
        Assert.Contains(new Shape(2).ToString(), e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => Hypot(Zeros(2, 3), Zeros(4)));
        Assert.Contains("(2, 3)", e4.Message);
        Assert.Throws<ArgumentNullException>(() => Sinh(null!));
        Assert.Throws<ArgumentNullException>(() => Clip(null!, 0, 1));
        var e5 = Assert.Throws<ArgumentException>(() => FloorDivide(Tensor.From(new[] { true }), Tensor.From(new[] { true })));
        Assert.Contains("floor_divide", e5.Message);
    }

    internal static Tensor Make(double[] data, DType t, params int[] shape) =>
        t == DType.F32 ? Tensor.From(data.Select(v => (float)v).ToArray(), shape) : Tensor.From(data, shape);

    internal static double[] Read(Tensor t) =>
        t.DType == DType.F32 ? t.ToArray<float>().Select(v => (double)v).ToArray() : t.ToArray<double>();
}
