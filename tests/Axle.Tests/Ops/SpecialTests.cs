using static Axle.Ops;

namespace Axle.Tests.OpTests;

/// <summary>
/// High-precision C# references (independent of the expansions' algorithms): erf by its
/// all-positive series and erfc by its continued fraction; lgamma and digamma by upward
/// recurrence to x ≥ 15 and the Stirling / asymptotic series, with reflection below 1/2.
/// </summary>
internal static class SpecialRef
{
    public static double Erf(double x)
    {
        if (Math.Abs(x) >= 2) return Math.Sign(x) * (1 - Erfc(Math.Abs(x)));
        // erf x = 2/√π e^(-x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): every term positive.
        double term = x, sum = x;
        for (int n = 1; n < 200 && Math.Abs(term) > 1e-18 * Math.Abs(sum); n++)
        {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }

    public static double Erfc(double x)
    {
        if (x < 2) return 1 - Erf(x);
        // erfc x = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up.
        double f = x;
        for (int k = 300; k >= 1; k--) f = x + k / 2.0 / f;
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }

    public static double ErfInv(double y)
    {
        if (Math.Abs(y) >= 1) return y == 1 ? double.PositiveInfinity : y == -1 ? double.NegativeInfinity : double.NaN;
        // Newton from a rough start; erf' = 2/√π e^(-x²). Near ±1 it solves erfc x = 1 - |y|
        // (1 - |y| is exact there), so the reference keeps relative precision.
        double a = Math.Abs(y), x = Math.Sqrt(-Math.Log((1 - a) * (1 + a)));
        for (int i = 0; i < 100; i++)
        {
            double err = a > 0.5 ? (1 - a) - Erfc(x) : Erf(x) - a;
            double step = err / (2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x));
            x -= step;
            if (Math.Abs(step) <= 1e-17 * Math.Abs(x)) break;
        }
        return Math.Sign(y) * x;
    }

    public static double Lgamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - Lgamma(1 - x);
        double shift = 0;
        while (x < 15) { shift += Math.Log(x); x += 1; }
        double z = 1 / (x * x);
        double series = (1.0 / 12 - z * (1.0 / 360 - z * (1.0 / 1260 - z * (1.0 / 1680 - z / 1188)))) / x;
        return (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + series - shift;
    }

    public static double Digamma(double x)
    {
        if (x <= 0 && x == Math.Floor(x)) return double.NaN;
        if (x < 0.5) return Digamma(1 - x) - Math.PI / Math.Tan(Math.PI * x);
        double shift = 0;
        while (x < 15) { shift += 1 / x; x += 1; }
        double z = 1 / (x * x);
        double series = z * (1.0 / 12 - z * (1.0 / 120 - z * (1.0 / 252 - z * (1.0 / 240 - z / 132))));
        return Math.Log(x) - 0.5 / x - series - shift;
    }
}

/// <summary>Special functions and activations: accuracy (stated bounds), edges, dtypes, jit-vs-eager.</summary>
public class SpecialTests
{
    private static readonly DType[] Floats = [DType.F32, DType.F64];

    // Max errors measured on the bundled plugin, with headroom. Errors are in F32/F64 ulps of the
    // exact value; where a function crosses zero (lgamma at 1 and 2, digamma at 1.4616) absolute
    // errors are checked instead.
    [Fact]
    public void ErfAndErfcAreAccurate()
    {
        double[] xs = [.. Ulp.Uniform(1, 40, -5, 5), 0, 1e-20, -1e-3, 0.5, 0.99, 1, 1.01, 3.9, 8.5];
        Ulp.Check("erf", Erf, SpecialRef.Erf, xs, DType.F32, 4);
        Ulp.Check("erf", Erf, SpecialRef.Erf, xs, DType.F64, 4);
        // erfc's relative error grows with x² (e^(-x²) of a rounded x²): bounded on [-5, 9] / [-5, 26].
        double[] tail = [.. Ulp.Uniform(2, 40, -5, 9), 0.3, 1, 2, 8, 9];
        Ulp.Check("erfc", Erfc, SpecialRef.Erfc, tail, DType.F32, 64);
        Ulp.Check("erfc", Erfc, SpecialRef.Erfc, [.. tail, 15, 20, 26], DType.F64, 64);
        Assert.Equal(new[] { 1f, 0f, 0f, 2f }, Erfc(Tensor.From(new[] { 0f, 100, 1000, -100 })).ToArray<float>());
        Assert.Equal(new[] { 1f, -1f }, Erf(Tensor.From(new[] { 10f, -10f })).ToArray<float>());
    }

    [Fact]
    public void ErfInvIsAccurateAndMatchesGilesInF32()
    {
        double[] ys = [.. Ulp.Uniform(3, 40, -1, 1), 0, 1e-10, 0.5, -0.9, 0.999, -0.99999, 0.9999999];
        Ulp.Check("erf_inv", ErfInv, SpecialRef.ErfInv, ys, DType.F32, 8);
        Ulp.Check("erf_inv", ErfInv, SpecialRef.ErfInv, ys, DType.F64, 8);
        // Against Giles' F32 polynomial evaluated in C# (with and without FMA: the plugin may contract).
        float[] f = ys.Select(v => (float)v).ToArray();
        var got = ErfInv(Tensor.From(f)).ToArray<float>();
        for (int i = 0; i < f.Length; i++)
        {
            float a = GilesF32(f[i], fma: true), b = GilesF32(f[i], fma: false);
            double ulp = Ulp.Spacing(a, DType.F32);
            Assert.True(Math.Min(Math.Abs(got[i] - a), Math.Abs(got[i] - b)) <= 2 * ulp, $"x = {f[i]:R}: {got[i]:R} vs Giles {a:R}/{b:R}");
        }
        var edges = ErfInv(Tensor.From(new[] { 1f, -1f, 1.5f })).ToArray<float>();
        Assert.Equal(float.PositiveInfinity, edges[0]);
        Assert.Equal(float.NegativeInfinity, edges[1]);
        Assert.True(float.IsNaN(edges[2]));
    }

    private static float GilesF32(float x, bool fma)
    {
        float w = -MathF.Log(1 - x * x);
        w = x * x < 1e-3f ? -(float)Math.Log(1 - (double)x * x) : w;
        float[] c;
        if (w < 5)
        {
            w -= 2.5f;
            c = [2.81022636e-08f, 3.43273939e-07f, -3.5233877e-06f, -4.39150654e-06f, 0.00021858087f, -0.00125372503f, -0.00417768164f, 0.246640727f, 1.50140941f];
        }
        else
        {
            w = MathF.Sqrt(w) - 3;
            c = [-0.000200214257f, 0.000100950558f, 0.00134934322f, -0.00367342844f, 0.00573950773f, -0.0076224613f, 0.00943887047f, 1.00167406f, 2.83297682f];
        }
        float p = c[0];
        for (int i = 1; i < c.Length; i++) p = fma ? MathF.FusedMultiplyAdd(p, w, c[i]) : c[i] + p * w;
        return p * x;
    }

    [Fact]
    public void LgammaAndDigammaAreAccurate()
    {
        double[] xs = [.. Ulp.Uniform(4, 30, 0.01, 30), .. Ulp.Uniform(5, 20, -9.9, 0.5), 0.5, 3, 10, 100, 1e4];
        xs = xs.Where(v => Math.Abs(v - Math.Round(v)) > 1e-3).Concat(new[] { 3.0, 10 }).ToArray();
        foreach (var t in Floats)
        {
            double tol = t == DType.F32 ? 3e-6 : 5e-14;
            foreach (var (name, op, reference) in new (string, Func<Tensor, Tensor>, Func<double, double>)[]
                { ("lgamma", Lgamma, SpecialRef.Lgamma), ("digamma", Digamma, SpecialRef.Digamma) })
            {
                var (input, output) = Ulp.Run(op, xs, t);
                for (int i = 0; i < input.Length; i++)
                {
                    double e = reference(input[i]);
                    // Relative error, or absolute near a zero of the function; near a pole the
                    // condition number |x ψ'(x) / ψ(x)| is large, so scale by the distance.
                    double dist = Math.Abs(input[i] - Math.Round(input[i]));
                    double scale = Math.Max(1, Math.Abs(e)) * (input[i] < 0.5 ? Math.Max(1, 1 / dist) * Math.Max(1, Math.Abs(input[i])) : 1);
                    Assert.True(Math.Abs(output[i] - e) <= tol * scale, $"{name} {t} x = {input[i]:R}: expected {e:R}, got {output[i]:R}");
                }
            }
        }
        // Known values and poles.
        var lg = Lgamma(Tensor.From(new[] { 1.0, 2, 0.5, -0.5, 0, -3, double.PositiveInfinity, double.NegativeInfinity })).ToArray<double>();
        Assert.Equal(new[] { 0, 0, Math.Log(Math.Sqrt(Math.PI)), Math.Log(2 * Math.Sqrt(Math.PI)), double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity },
            lg.Select((v, i) => i < 4 ? Math.Round(v, 13) : v).ToArray(), new ToleranceComparer(1e-13));
        var dg = Digamma(Tensor.From(new[] { 1.0, 0.5, 0, -2 })).ToArray<double>();
        Assert.Equal(-0.57721566490153286, dg[0], 13);
        Assert.Equal(-0.57721566490153286 - 2 * Math.Log(2), dg[1], 13);
        Assert.True(double.IsNaN(dg[2]) && double.IsNaN(dg[3]));
    }

    [Fact]
    public void ActivationsMatchReferences()
    {
        double[] xs = [.. Ulp.Uniform(6, 24, -8, 8), 0, 50, -50, 100, -100];
        double Sig(double v) => 1 / (1 + Math.Exp(-v));
        // log1p by the w = 1 + u correction trick: exact to a few ulps for every u ≥ 0.
        double L1p(double u) => 1 + u is var w && w == 1 ? u : u * Math.Log(w) / (w - 1);
        double Softplus(double v) => Math.Max(v, 0) + L1p(Math.Exp(-Math.Abs(v)));
        foreach (var t in Floats)
        {
            // ±100 left out: sigmoid(-100) is subnormal in F32, which backends may flush to 0.
            Ulp.Check("sigmoid", Sigmoid, Sig, xs.Where(v => Math.Abs(v) <= 50).ToArray(), t, 8);
            Ulp.Check("softplus", Axle.Ops.Softplus, Softplus, xs, t, 8);
            Ulp.Check("log_sigmoid", LogSigmoid, v => -Softplus(-v), xs, t, 8);
            Ulp.Check("relu", Relu, v => Math.Max(v, 0), xs, t, 0);
            // Below about -1.5, 1 + tanh(...) cancels (in JAX's formula too), so F32 ulps of the result explode; checked above it.
            Ulp.Check("gelu_tanh", x => Gelu(x), v => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))), xs.Where(v => v > -1.5).ToArray(), t, 16);
            Ulp.Check("gelu_erf", x => Gelu(x, approximate: false), v => 0.5 * v * (1 + SpecialRef.Erf(v / Math.Sqrt(2))), xs.Where(v => v > -1.5).ToArray(), t, 16);
            Ulp.Check("logit", Logit, v => Math.Log(v / (1 - v)), Ulp.Uniform(7, 20, 0.001, 0.999), t, 16);
        }
        Assert.Equal(new[] { 0, 3 }, Relu(Tensor.From(new[] { -2, 3 })).ToArray<int>());
        // Softplus neither overflows nor underflows to 0 where the answer is representable.
        var sp = Axle.Ops.Softplus(Tensor.From(new[] { 1000f, -90f })).ToArray<float>();
        Assert.Equal(1000f, sp[0]);
        Assert.True(sp[1] > 0);
    }

    [Fact]
    public void XlogyAndXlog1pyAreZeroWhereXIsZero()
    {
        var x = Tensor.From(new[] { 0.0, 0, 2, 3, 0 });
        var y = Tensor.From(new[] { 0.0, double.NaN, 5, 0, double.PositiveInfinity });
        var r = Xlogy(x, y).ToArray<double>();
        Assert.Equal(new[] { 0, 0, 2 * Math.Log(5), double.NegativeInfinity, 0 }, r);
        var r1 = Xlog1py(x, Tensor.From(new[] { -1.0, double.NaN, 1e-20, 4, 7 })).ToArray<double>();
        Assert.Equal(new[] { 0, 0, 2e-20, 3 * Math.Log(5), 0 }, r1);
        // Broadcasting and integer promotion.
        var b = Xlogy(Tensor.From(new[] { 1, 2 }), Tensor.From(new[] { 4f, 8f }, 2, 1));
        Assert.Equal(new Shape(2, 2), b.Shape);
        Assert.Equal(DType.F32, b.DType);
    }

    [Fact]
    public void HalfPrecisionComputesInF32AndRoundsOnce()
    {
        Half[] h = [(Half)0.3f, (Half)(-1.2f), (Half)2.5f];
        var r = Erf(Tensor.From(h));
        Assert.Equal(DType.F16, r.DType);
        Assert.Equal(h.Select(v => (Half)SpecialRef.Erf((double)v)).ToArray(), r.ToArray<Half>());
        Assert.Equal(h.Select(v => (Half)SpecialRef.Lgamma((double)v)).ToArray(), Lgamma(Tensor.From(h)).ToArray<Half>());
    }

    [Fact]
    public void JitMatchesEagerForSpecialFunctions()
    {
        Func<Tensor, Tensor> f = x => Erf(x) * Lgamma(Abs(x) + 0.5) + ErfInv(Tanh(x)) - Digamma(Abs(x) + 1)
            + Axle.Ops.Softplus(x) * Sigmoid(x) + Gelu(x) + Xlogy(x, Abs(x)) + Erfc(x);
        double[] a = Ulp.Uniform(8, 12, -3, 3);
        foreach (var t in Floats)
        {
            var x = MathTests.Make(a, t, 3, 4);
            double[] eager = MathTests.Read(f(x)), jitted = MathTests.Read(Ax.Jit(f)(x));
            for (int i = 0; i < eager.Length; i++) Assert.Equal(eager[i], jitted[i], t == DType.F32 ? 4 : 12);
        }
    }

    [Fact]
    public void IntegerInputsPromoteAndErrorsNameTheOp()
    {
        Assert.Equal(DType.F32, Lgamma(Tensor.From(new[] { 3 })).DType);
        Assert.Equal(Math.Log(2), Lgamma(Tensor.From(new[] { 3 })).ToArray<float>()[0], 5);
        Assert.Throws<ArgumentNullException>(() => Erf(null!));
        var e = Assert.Throws<ArgumentException>(() => Xlogy(Zeros(2, 3), Zeros(3, 2)));
        Assert.Contains(new Shape(2, 3).ToString(), e.Message);
    }

    private sealed class ToleranceComparer(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => a == b || Math.Abs(a - b) <= tol;

        public int GetHashCode(double v) => 0;
    }
}
