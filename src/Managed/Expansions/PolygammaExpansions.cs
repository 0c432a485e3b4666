using Axle.Lowering;

namespace Axle;

/// <summary>
/// The polygamma functions <c>ψ⁽ⁿ⁾(x)</c>, n ≥ 1 (n = 1 is trigamma), for a static order n:
/// <list type="bullet">
/// <item>x ≥ 1/2: the recurrence <c>ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x + N) + (-1)ⁿ⁺¹ n! Σₖ (x + k)⁻⁽ⁿ⁺¹⁾</c> moves the
/// argument past N (all terms share a sign, so nothing cancels), where the asymptotic series
/// <c>(-1)ⁿ⁺¹ [(n-1)!/wⁿ + n!/(2wⁿ⁺¹) + Σ B₂ₖ (2k+n-1)!/((2k)! w²ᵏ⁺ⁿ)]</c> is exact to double precision;</item>
/// <item>x &lt; 1/2: reflection, the n-th derivative of <c>ψ(1-x) - ψ(x) = π cot(πx)</c>:
/// <c>ψ⁽ⁿ⁾(x) = (-1)ⁿ ψ⁽ⁿ⁾(1-x) - π dⁿ/dxⁿ cot(πx)</c>, the derivative a polynomial in cot(πx)
/// built here on the host.</item>
/// </list>
/// At the poles (0, -1, -2, ...) odd orders are +inf and even orders NaN (the two sides disagree).
/// </summary>
internal static class PolygammaExpansions
{
    // B_2, B_4, ..., B_16.
    private static readonly double[] Bernoulli =
        [1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510];

    public static Value Polygamma(Emitter e, Value x, int n)
    {
        var reflect = e.Cmp(x, "LT", e.C(0.5));
        var w = e.Select(reflect, e.Sub(e.C(1), x), x);
        var psi = Positive(e, w, n);

        // cot(πx) on x reduced into [-1/2, 1/2] (cot has period 1), so πx keeps its digits near the poles.
        var reduced = e.Sub(x, e.Floor(e.Add(x, e.C(0.5))));
        var pix = e.Mul(e.C(Math.PI), reduced);
        var cot = e.Div(e.Cos(pix), e.Sin(pix));
        var derivative = e.Poly(cot, CotDerivative(n));
        var reflected = e.Sub(n % 2 == 0 ? psi : e.Neg(psi), e.Mul(e.C(Math.PI), derivative));
        psi = e.Select(reflect, reflected, psi);

        var pole = e.And(e.Cmp(x, "LE", e.C(0)), e.Cmp(x, "EQ", e.Floor(x)));
        return e.Select(pole, e.C(n % 2 == 1 ? double.PositiveInfinity : double.NaN), psi);
    }

    // ψ⁽ⁿ⁾(w) for w ≥ 1/2.
    private static Value Positive(Emitter e, Value w, int n)
    {
        int shift = Math.Max(10, 2 * n + 6);
        double sign = n % 2 == 1 ? 1 : -1;
        double nFact = Factorial(n);

        Value sum = e.C(0);
        for (int k = 0; k < shift; k++)
        {
            var inv = e.Div(e.C(1), e.Add(w, e.C(k)));
            sum = e.Add(sum, Power(e, inv, n + 1));
        }

        var z = e.Add(w, e.C(shift));
        var invZ = e.Div(e.C(1), z);
        var inv2 = e.Mul(invZ, invZ);
        // (n-1)! + n!/(2z) + Σ_k c_k z^-2k, the series' terms after pulling out z^-n; highest first for Horner.
        var coefficients = new double[Bernoulli.Length + 1];
        for (int k = 1; k <= Bernoulli.Length; k++)
            coefficients[Bernoulli.Length - k] = Bernoulli[k - 1] * Factorial(2 * k + n - 1) / Factorial(2 * k);
        coefficients[^1] = 0;
        var series = e.Add(e.Add(e.C(Factorial(n - 1)), e.Mul(e.C(nFact / 2), invZ)), e.Poly(inv2, coefficients));
        var asymptotic = e.Mul(series, Power(e, invZ, n));
        return e.Mul(e.C(sign), e.Add(asymptotic, e.Mul(e.C(nFact), sum)));
    }

    /// <summary>
    /// Coefficients (highest power first) of the polynomial P with dⁿ/dxⁿ cot(πx) = P(cot(πx)):
    /// P₀(c) = c and P_{k+1}(c) = -π (1 + c²) P_k'(c), since d/dx cot(πx) = -π (1 + cot²(πx)).
    /// </summary>
    private static double[] CotDerivative(int n)
    {
        var p = new double[] { 0, 1 }; // lowest power first while building
        for (int k = 0; k < n; k++)
        {
            var next = new double[p.Length + 1];
            for (int j = 1; j < p.Length; j++)
            {
                double d = -Math.PI * j * p[j]; // -π · (j p_j c^(j-1)) · (1 + c²)
                next[j - 1] += d;
                next[j + 1] += d;
            }
            p = next;
        }
        return p.Reverse().ToArray();
    }

    private static Value Power(Emitter e, Value x, int k)
    {
        var r = x;
        for (int i = 1; i < k; i++) r = e.Mul(r, x);
        return r;
    }

    private static double Factorial(int k)
    {
        double f = 1;
        for (int i = 2; i <= k; i++) f *= i;
        return f;
    }
}
