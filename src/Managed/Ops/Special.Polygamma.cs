namespace Axle;

public static partial class Ops
{
    /// <summary>
    /// Elementwise polygamma <c>ψ⁽ⁿ⁾(x)</c>, the n-th derivative of <see cref="Digamma"/> (n = 0 is
    /// digamma itself, n = 1 trigamma), for a static order 0 ≤ n ≤ 10. At the poles 0, -1, -2, ...
    /// odd orders give +inf and even orders NaN.
    /// </summary>
    public static Tensor Polygamma(int n, Tensor x)
    {
        Check(x);
        if (n == 0) return Digamma(x);
        if (n < 0 || n > Prims.MaxPolygammaOrder)
            throw Errors.Arg("polygamma", "n", $"the order n must be in [0, {Prims.MaxPolygammaOrder}]; got {n}");
        return Prims.Polygamma.Bind1([ToFloat(x)], new PolygammaParams(n));
    }

    /// <summary>Elementwise trigamma <c>ψ⁽¹⁾(x)</c>, the derivative of <see cref="Digamma"/> (+inf at the poles).</summary>
    public static Tensor Trigamma(Tensor x) => Polygamma(1, x);
}
