using Axle.Lowering;

namespace Axle;

/// <summary>
/// log|Γ(x)| and ψ(x) = d/dx log Γ(x) by Lanczos' approximation (g = 7, n = 9), with Euler's
/// reflection below 1/2, as XLA's CHLO decompositions compute them:
/// <c>lgamma(z + 1) = log(2π)/2 + (z + 1/2) log t - t + log a(z)</c>, <c>t = z + g + 1/2</c>,
/// <c>a(z) = c0 + Σ c_k / (z + k)</c>.
/// </summary>
internal static class GammaExpansions
{
    private const double G = 7;
    private const double C0 = 0.99999999999980993227684700473478;

    private static readonly double[] Coefficients =
    [
        676.520368121885098567009190444019, -1259.13921672240287047156078755283,
        771.3234287776530788486528258894, -176.61502916214059906584551354,
        12.507343278686904814458936853, -0.13857109526572011689554707,
        9.984369578019570859563e-6, 1.50563273514931155834e-7,
    ];

    public static Value Lgamma(Emitter e, Value x)
    {
        var (reflect, z) = Shift(e, x);
        var a = e.C(C0);
        for (int k = 0; k < Coefficients.Length; k++) a = e.Add(a, e.Div(e.C(Coefficients[k]), e.Add(z, e.C(k + 1))));
        var (t, logT) = LogT(e, z);
        // (z + 1/2) log t - t as (z + 1/2 - t / log t) log t: t log t would overflow first.
        var r = e.Mul(e.Sub(e.Add(z, e.C(0.5)), e.Div(t, logT)), logT);
        var lg = e.Add(e.Add(e.C((Math.Log(2) + Math.Log(Math.PI)) / 2), r), e.Log(a));

        // Reflection: lgamma(x) = log π - lgamma(1 - x) - log|sin(π x)|, with sin(π x) taken on the
        // fractional part of |x| folded into [0, 1/2], so it is exact 0 at integers and never
        // loses digits forming π x for large |x|.
        var abs = e.Abs(x);
        var frac = e.Sub(abs, e.Floor(abs));
        frac = e.Select(e.Cmp(e.C(0.5), "LT", frac), e.Sub(e.C(1), frac), frac);
        var logSin = e.Log(e.Sin(e.Mul(e.C(Math.PI), frac)));
        var reflected = e.Sub(e.Sub(e.C(Math.Log(Math.PI)), logSin), lg);
        // At a pole log|sin| = -inf wins (not -inf - inf = NaN).
        var finite = e.Cmp(e.Abs(logSin), "LT", e.C(double.PositiveInfinity));
        reflected = e.Select(finite, reflected, e.Neg(logSin));
        lg = e.Select(reflect, reflected, lg);
        return e.Select(e.IsInf(x), e.C(double.PositiveInfinity), lg);
    }

    public static Value Digamma(Emitter e, Value x)
    {
        var (reflect, z) = Shift(e, x);
        var a = e.C(C0);
        var aPrime = e.C(0);
        for (int k = 0; k < Coefficients.Length; k++)
        {
            var zk = e.Add(z, e.C(k + 1));
            var c = e.C(Coefficients[k]);
            aPrime = e.Sub(aPrime, e.Div(c, e.Mul(zk, zk)));
            a = e.Add(a, e.Div(c, zk));
        }
        var (t, logT) = LogT(e, z);
        var psi = e.Sub(e.Add(logT, e.Div(aPrime, a)), e.Div(e.C(G), t));

        // Reflection: ψ(x) = ψ(1 - x) - π cot(π x), with x moved into [-1/2, 1/2] first (cot has
        // period 1) so π x keeps its digits near the poles.
        var reduced = e.Add(x, e.Abs(e.Floor(e.Add(x, e.C(0.5)))));
        var pix = e.Mul(e.C(Math.PI), reduced);
        var reflected = e.Sub(psi, e.Div(e.Mul(e.C(Math.PI), e.Cos(pix)), e.Sin(pix)));
        psi = e.Select(reflect, reflected, psi);
        // Poles at 0 and the negative integers: NaN.
        var pole = e.And(e.Cmp(x, "LE", e.C(0)), e.Cmp(x, "EQ", e.Floor(x)));
        return e.Select(pole, e.C(double.NaN), psi);
    }

    // z = -x where reflection applies (x < 1/2), else x - 1: the Lanczos sum is taken at z + 1.
    private static (Value Reflect, Value Z) Shift(Emitter e, Value x)
    {
        var reflect = e.Cmp(x, "LT", e.C(0.5));
        return (reflect, e.Select(reflect, e.Neg(x), e.Sub(x, e.C(1))));
    }

    // log t = log(g + 1/2) + log1p(z / (g + 1/2)): the constant is exact, only log1p runs on device.
    private static (Value T, Value LogT) LogT(Emitter e, Value z)
    {
        var gh = e.C(G + 0.5);
        return (e.Add(gh, z), e.Add(e.C(Math.Log(G + 0.5)), e.Log1p(e.Div(z, gh))));
    }
}
