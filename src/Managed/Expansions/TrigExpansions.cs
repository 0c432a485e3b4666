using Axle.Lowering;

namespace Axle;

/// <summary>
/// Inverse and hyperbolic trigonometric functions StableHLO has no op for, written with the ops
/// it has (atan2, log1p, expm1, sqrt). Each formula avoids the cancellation or overflow of the
/// textbook one; the comment says which.
/// </summary>
internal static class TrigExpansions
{
    public static Value Atan(Emitter e, Value x) => e.Atan2(x, e.C(1));

    // asin x = 2 atan2(x, 1 + sqrt(1 - x²)); (1 - x)(1 + x) keeps 1 - x² exact near |x| = 1.
    public static Value Asin(Emitter e, Value x) =>
        e.Mul(e.C(2), e.Atan2(x, e.Add(e.C(1), e.Sqrt(OneMinusSquare(e, x)))));

    // acos x = 2 atan2(sqrt(1 - x²), 1 + x), which is 0/0 at x = -1, where it is pi.
    public static Value Acos(Emitter e, Value x)
    {
        var r = e.Mul(e.C(2), e.Atan2(e.Sqrt(OneMinusSquare(e, x)), e.Add(e.C(1), x)));
        return e.Select(e.Cmp(x, "EQ", e.C(-1)), e.C(Math.PI), r);
    }

    // Below |x| = 1, expm1 avoids the cancellation of e^x - e^-x; above, e^|x| / 2 is formed as
    // (t / 2) t with t = e^(|x|/2), so it overflows only where sinh itself does.
    public static Value Sinh(Emitter e, Value x)
    {
        var m = e.Expm1(x);
        var small = e.Mul(e.C(0.5), e.Add(m, e.Div(m, e.Add(m, e.C(1)))));
        var a = HalfExpAbs(e, x);
        var big = e.Sub(a, e.Div(e.C(0.25), a));
        big = e.Select(e.Cmp(x, "LT", e.C(0)), e.Neg(big), big);
        return e.Select(e.Cmp(e.Abs(x), "LT", e.C(1)), small, big);
    }

    public static Value Cosh(Emitter e, Value x)
    {
        var a = HalfExpAbs(e, x);
        return e.Add(a, e.Div(e.C(0.25), a));
    }

    // asinh |x| = log1p(|x| + x² / (1 + sqrt(1 + x²))) (no cancellation near 0); past sqrt(max)
    // x² overflows, and asinh |x| = log |x| + log 2 to working precision.
    public static Value Asinh(Emitter e, Value x)
    {
        var a = e.Abs(x);
        var a2 = e.Mul(a, a);
        var mid = e.Log1p(e.Add(a, e.Div(a2, e.Add(e.C(1), e.Sqrt(e.Add(e.C(1), a2))))));
        var r = e.Select(e.Cmp(a, "GT", SqrtMax(e)), e.Add(e.Log(a), e.C(Math.Log(2))), mid);
        return e.Select(e.Cmp(x, "LT", e.C(0)), e.Neg(r), r);
    }

    // acosh x = log1p((x - 1) + sqrt((x - 1)(x + 1))); x - 1 is exact near 1, where the textbook
    // log(x + sqrt(x² - 1)) loses half the digits. x < 1 gives sqrt(negative) = NaN.
    public static Value Acosh(Emitter e, Value x)
    {
        var xm1 = e.Sub(x, e.C(1));
        var mid = e.Log1p(e.Add(xm1, e.Sqrt(e.Mul(xm1, e.Add(x, e.C(1))))));
        return e.Select(e.Cmp(x, "GT", SqrtMax(e)), e.Add(e.Log(x), e.C(Math.Log(2))), mid);
    }

    // atanh x = (log1p(x) - log1p(-x)) / 2: the two terms have opposite signs, so nothing
    // cancels near 0, and log1p(-x) keeps its digits near 1; |x| > 1 gives NaN.
    public static Value Atanh(Emitter e, Value x) =>
        e.Mul(e.C(0.5), e.Sub(e.Log1p(x), e.Log1p(e.Neg(x))));

    private static Value OneMinusSquare(Emitter e, Value x) => e.Mul(e.Sub(e.C(1), x), e.Add(e.C(1), x));

    private static Value HalfExpAbs(Emitter e, Value x)
    {
        var t = e.Exp(e.Mul(e.C(0.5), e.Abs(x)));
        return e.Mul(e.Mul(e.C(0.5), t), t);
    }

    private static Value SqrtMax(Emitter e) =>
        e.C(e.DType == DType.F64 ? Math.Sqrt(double.MaxValue) : Math.Sqrt(float.MaxValue));
}
