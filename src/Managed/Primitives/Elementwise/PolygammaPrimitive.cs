namespace Axle;

/// <summary>polygamma: the static order n ≥ 1.</summary>
internal sealed record PolygammaParams(int N) : Params;

/// <summary>polygamma[n](x) = ψ⁽ⁿ⁾(x) for a static order n ≥ 1, expanded into StableHLO arithmetic.</summary>
internal static partial class Prims
{
    public static readonly Primitive Polygamma = new Primitive("polygamma", (ins, p) =>
    {
        Elementwise.Expect("polygamma", ins, 1);
        Elementwise.CheckKind("polygamma", "x", ins[0].DType, Kinds.Float);
        int n = ((PolygammaParams)p).N;
        if (n < 1 || n > MaxPolygammaOrder)
            throw Errors.Arg("polygamma", "n", $"the order n must be in [1, {MaxPolygammaOrder}]; got {n}");
        return [ins[0]];
    }, (ctx, xs, p) => [Emitter.Lower(ctx, xs[0], (e, x) => PolygammaExpansions.Polygamma(e, x, ((PolygammaParams)p).N))])
        .ElementwiseBatching()
        .DefJvp(self => (xs, ts, p) =>
        {
            var y = self.Bind1(xs, p);
            if (ts[0] is not Tensor t) return ([y], [null]);
            // d/dx ψ⁽ⁿ⁾ = ψ⁽ⁿ⁺¹⁾; past the highest order the rule says so rather than guessing.
            int n = ((PolygammaParams)p).N;
            if (n >= MaxPolygammaOrder)
                throw new NotSupportedException($"polygamma: the derivative of order {n} needs order {n + 1}, above the supported {MaxPolygammaOrder}");
            return ([y], [Ad.Mul(t, self.Bind1(xs, new PolygammaParams(n + 1)))]);
        }).NonLinear();

    /// <summary>The highest order whose expansion keeps double precision (the series' shift grows with n).</summary>
    internal const int MaxPolygammaOrder = 10;
}
