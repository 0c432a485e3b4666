using Axle.Lowering;

namespace Axle;

/// <summary>
/// erf⁻¹ by Giles' polynomials ("Approximating the erfinv function", GPU Computing Gems), as XLA
/// expands it: <c>w = -log1p(-x²)</c>, a polynomial in a shifted <c>w</c> (or <c>sqrt w</c>) chosen
/// per element by selects, times <c>x</c>. Each Horner step is <c>c + p * w</c> in that order, so a
/// backend that contracts to FMA does so exactly where XLA's does.
/// </summary>
internal static class ErfInvExpansions
{
    private static readonly double[] BelowF32 =
    [
        2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087,
        -0.00125372503, -0.00417768164, 0.246640727, 1.50140941,
    ];

    private static readonly double[] AboveF32 =
    [
        -0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
        -0.0076224613, 0.00943887047, 1.00167406, 2.83297682,
    ];

    private static readonly double[] Below625F64 =
    [
        -3.6444120640178196996e-21, -1.685059138182016589e-19, 1.2858480715256400167e-18,
        1.115787767802518096e-17, -1.333171662854620906e-16, 2.0972767875968561637e-17,
        6.6376381343583238325e-15, -4.0545662729752068639e-14, -8.1519341976054721522e-14,
        2.6335093153082322977e-12, -1.2975133253453532498e-11, -5.4154120542946279317e-11,
        1.051212273321532285e-09, -4.1126339803469836976e-09, -2.9070369957882005086e-08,
        4.2347877827932403518e-07, -1.3654692000834678645e-06, -1.3882523362786468719e-05,
        0.0001867342080340571352, -0.00074070253416626697512, -0.0060336708714301490533,
        0.24015818242558961693, 1.6536545626831027356,
    ];

    private static readonly double[] Below16F64 =
    [
        2.2137376921775787049e-09, 9.0756561938885390979e-08, -2.7517406297064545428e-07,
        1.8239629214389227755e-08, 1.5027403968909827627e-06, -4.013867526981545969e-06,
        2.9234449089955446044e-06, 1.2475304481671778723e-05, -4.7318229009055733981e-05,
        6.8284851459573175448e-05, 2.4031110387097893999e-05, -0.0003550375203628474796,
        0.00095328937973738049703, -0.0016882755560235047313, 0.0024914420961078508066,
        -0.0037512085075692412107, 0.005370914553590063617, 1.0052589676941592334,
        3.0838856104922207635,
    ];

    private static readonly double[] Above16F64 =
    [
        -2.7109920616438573243e-11, -2.5556418169965252055e-10, 1.5076572693500548083e-09,
        -3.7894654401267369937e-09, 7.6157012080783393804e-09, -1.4960026627149240478e-08,
        2.9147953450901080826e-08, -6.7711997758452339498e-08, 2.2900482228026654717e-07,
        -9.9298272942317002539e-07, 4.5260625972231537039e-06, -1.9681778105531670567e-05,
        7.5995277030017761139e-05, -0.00021503011930044477347, -0.00013871931833623122026,
        1.0103004648645343977, 4.8499064014085844221,
    ];

    public static Value ErfInv(Emitter e, Value x)
    {
        // F32 takes w exactly as XLA does; F64 splits log(1 - x²) = log1p(x) + log1p(-x), because
        // a rounded x² near |x| = 1 costs ~1e-11 relative in F64.
        var w = e.DType == DType.F64
            ? e.Neg(e.Add(e.Log1p(x), e.Log1p(e.Neg(x))))
            : e.Neg(e.Log1p(e.Mul(x, e.Neg(x))));
        var p = e.DType == DType.F64 ? F64(e, w) : F32(e, w);
        // erf⁻¹(±1) = ±inf; the polynomial is indeterminate there.
        return e.Select(e.Cmp(e.Abs(x), "EQ", e.C(1)), e.Mul(x, e.C(double.PositiveInfinity)), e.Mul(p, x));
    }

    private static Value F32(Emitter e, Value w)
    {
        var lt5 = e.Cmp(w, "LT", e.C(5));
        var s = e.Select(lt5, e.Sub(w, e.C(2.5)), e.Sub(e.Sqrt(w), e.C(3)));
        Value Coef(int i) => e.Select(lt5, e.C(BelowF32[i]), e.C(AboveF32[i]));
        var p = Coef(0);
        for (int i = 1; i < BelowF32.Length; i++) p = e.Add(Coef(i), e.Mul(p, s));
        return p;
    }

    // Three regions (w < 6.25, w < 16, beyond) with their own polynomial; each element keeps
    // the one for its region (bitwise what XLA's per-step coefficient selects compute).
    private static Value F64(Emitter e, Value w)
    {
        var lt625 = e.Cmp(w, "LT", e.C(6.25));
        var lt16 = e.Cmp(w, "LT", e.C(16));
        var sqrtW = e.Sqrt(w);
        var p625 = Horner(e, e.Sub(w, e.C(3.125)), Below625F64);
        var p16 = Horner(e, e.Sub(sqrtW, e.C(3.25)), Below16F64);
        var pBig = Horner(e, e.Sub(sqrtW, e.C(5)), Above16F64);
        return e.Select(lt625, p625, e.Select(lt16, p16, pBig));
    }

    private static Value Horner(Emitter e, Value s, double[] c)
    {
        var p = e.C(c[0]);
        for (int i = 1; i < c.Length; i++) p = e.Add(e.C(c[i]), e.Mul(p, s));
        return p;
    }
}
