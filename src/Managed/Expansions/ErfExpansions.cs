using Axle.Lowering;

namespace Axle;

/// <summary>
/// erf, erfc and erf⁻¹ as StableHLO arithmetic, the approximations XLA's CHLO decompositions use:
/// Eigen's rational erf and Cephes' erfc for F32, Cephes for F64, Giles' erf⁻¹ polynomials.
/// Polynomials are Horner with the highest coefficient first.
/// </summary>
internal static class ErfExpansions
{
    private static readonly double[] ErfAlphaF32 =
    [
        -2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06, -5.69250639462346e-05,
        -7.34990630326855e-04, -2.95459980854025e-03, -1.60960333262415e-02,
    ];

    private static readonly double[] ErfBetaF32 =
    [
        -1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03, -7.37332916720468e-03,
        -1.42647390514189e-02,
    ];

    private static readonly double[] ErfSmallF32 =
    [
        7.853861353153693E-5, -8.010193625184903E-4, 5.188327685732524E-3, -2.685381193529856E-2,
        1.128358514861418E-1, -3.761262582423300E-1, 1.128379165726710E+0,
    ];

    private static readonly double[] ErfcPF32 =
    [
        2.326819970068386E-2, -1.387039388740657E-1, 3.687424674597105E-1, -5.824733027278666E-1,
        6.210004621745983E-1, -4.944515323274145E-1, 3.404879937665872E-1, -2.741127028184656E-1,
        5.638259427386472E-1,
    ];

    private static readonly double[] ErfcRF32 =
    [
        -1.047766399936249E+1, 1.297719955372516E+1, -7.495518717768503E+0, 2.921019019210786E+0,
        -1.015265279202700E+0, 4.218463358204948E-1, -2.820767439740514E-1, 5.641895067754075E-1,
    ];

    private static readonly double[] ErfTF64 =
    [
        9.60497373987051638749E0, 9.00260197203842689217E1, 2.23200534594684319226E3,
        7.00332514112805075473E3, 5.55923013010394962768E4,
    ];

    private static readonly double[] ErfUF64 =
    [
        1.0, 3.35617141647503099647E1, 5.21357949780152679795E2, 4.59432382970980127987E3,
        2.26290000613890934246E4, 4.92673942608635921086E4,
    ];

    private static readonly double[] ErfcPF64 =
    [
        2.46196981473530512524E-10, 5.64189564831068821977E-1, 7.46321056442269912687E0,
        4.86371970985681366614E1, 1.96520832956077098242E2, 5.26445194995477358631E2,
        9.34528527171957607540E2, 1.02755188689515710272E3, 5.57535335369399327526E2,
    ];

    private static readonly double[] ErfcQF64 =
    [
        1.0, 1.32281951154744992508E1, 8.67072140885989742329E1, 3.54937778887819891062E2,
        9.75708501743205489753E2, 1.82390916687909736289E3, 2.24633760818710981792E3,
        1.65666309194161350182E3, 5.57535340817727675546E2,
    ];

    private static readonly double[] ErfcRF64 =
    [
        5.64189583547755073984E-1, 1.27536670759978104416E0, 5.01905042251180477414E0,
        6.16021097993053585195E0, 7.40974269950448939160E0, 2.97886665372100240670E0,
    ];

    private static readonly double[] ErfcSF64 =
    [
        1.0, 2.26052863220117276590E0, 9.39603524938001434673E0, 1.20489539808096656605E1,
        1.70814450747565897222E1, 9.60896809063285878198E0, 3.36907645100081516050E0,
    ];

    public static Value Erf(Emitter e, Value x)
    {
        if (e.DType == DType.F64)
            return e.Select(e.Cmp(e.Abs(x), "LT", e.C(1)), ErfSmallF64(e, x), e.Sub(e.C(1), ErfcLargeF64(e, x)));
        // Eigen: x P(x²) / Q(x²) on [-4, 4], where erf already rounds to ±1 in F32.
        var c = e.Min(e.Max(x, e.C(-4)), e.C(4));
        var c2 = e.Mul(c, c);
        var r = e.Div(e.Mul(c, e.Poly(c2, ErfAlphaF32)), e.Poly(c2, ErfBetaF32));
        return e.Min(e.Max(r, e.C(-1)), e.C(1));
    }

    public static Value Erfc(Emitter e, Value x)
    {
        bool f64 = e.DType == DType.F64;
        var nearZero = e.Sub(e.C(1), f64 ? ErfSmallF64(e, x) : e.Mul(x, e.Poly(e.Mul(x, x), ErfSmallF32)));
        var tail = f64 ? ErfcLargeF64(e, x) : ErfcLargeF32(e, x);
        return e.Select(e.Cmp(e.Abs(x), "LT", e.C(1)), nearZero, tail);
    }

    // |x| < 1: erf x = x T(x²) / U(x²).
    private static Value ErfSmallF64(Emitter e, Value x)
    {
        var x2 = e.Mul(x, x);
        return e.Div(e.Mul(x, e.Poly(x2, ErfTF64)), e.Poly(x2, ErfUF64));
    }

    // |x| >= 1: erfc |x| = e^(-x²) P(|x|) / Q(|x|) below 8, R/S above; 0 past underflow; 2 - erfc |x| for x < 0.
    private static Value ErfcLargeF64(Emitter e, Value x)
    {
        var a = e.Abs(x);
        var z = e.Neg(e.Mul(x, x));
        var ez = e.Exp(z);
        var below8 = e.Div(e.Mul(ez, e.Poly(a, ErfcPF64)), e.Poly(a, ErfcQF64));
        var above8 = e.Div(e.Mul(ez, e.Poly(a, ErfcRF64)), e.Poly(a, ErfcSF64));
        var r = e.Select(e.Cmp(a, "LT", e.C(8)), below8, above8);
        return Reflect(e, x, z, r, 7.09782712893383996843E2);
    }

    // |x| >= 1: erfc |x| = e^(-x²) / |x| P(1/x²) below 2, R(1/x²) above.
    private static Value ErfcLargeF32(Emitter e, Value x)
    {
        var a = e.Abs(x);
        var x2 = e.Mul(x, x);
        var z = e.Neg(x2);
        var inv2 = e.Div(e.C(1), x2);
        var scale = e.Mul(e.Exp(z), e.Div(e.C(1), a));
        var poly = e.Select(e.Cmp(a, "LT", e.C(2)), e.Poly(inv2, ErfcPF32), e.Poly(inv2, ErfcRF32));
        return Reflect(e, x, z, e.Mul(scale, poly), 88.72283905206835);
    }

    private static Value Reflect(Emitter e, Value x, Value z, Value r, double maxLog)
    {
        r = e.Select(e.Cmp(z, "LT", e.C(-maxLog)), e.C(0), r);
        return e.Select(e.Cmp(x, "LT", e.C(0)), e.Sub(e.C(2), r), r);
    }
}
