namespace Axle;

/// <summary>
/// The jvp of <c>reduce_prod</c> that stays exact where factors are zero (JAX's approach): the
/// reduced axes are flattened into one leading axis, and the product is taken as a balanced tree
/// of pairwise products, each step applying the product rule <c>d(ab) = da·b + a·db</c>. No
/// division, so a zero factor gives the product of the others, as it should.
/// </summary>
internal static class JvpProd
{
    public static (Tensor[] Primals, Tensor?[] Tangents) Prod(Tensor[] xs, Tensor?[] ts, Params p)
    {
        var y = Prims.ReduceProd.Bind1(xs, p);
        if (ts[0] is not Tensor t) return ([y], [null]);
        var x = xs[0];
        int[] axes = p.Get<int[]>("axes");
        int[] kept = Enumerable.Range(0, x.Rank).Where(d => !axes.Contains(d)).ToArray();
        int[] rest = kept.Select(d => (int)x.Shape[d]).ToArray();
        int count = axes.Aggregate(1, (a, d) => a * x.Shape[d]);
        if (count == 0) return ([y], [Ad.Zeros(y.Aval)]);

        int[] perm = [.. axes, .. kept];
        int[] flat = [count, .. rest];
        var (a, da) = (Ops.Reshape(Ops.Transpose(x, perm), flat), Ops.Reshape(Ops.Transpose(t, perm), flat));
        while (count > 1)
        {
            if (count % 2 == 1)
            {
                // An odd factor out pairs with the identity (tangent zero).
                int[] one = [1, .. rest];
                a = Ops.Concatenate([a, Ops.Ones(one, x.DType)], 0);
                da = Ops.Concatenate([da, Ops.Zeros(one, x.DType)], 0);
                count++;
            }
            int half = count / 2;
            var (lo, hi) = (Half(a, 0, half), Half(a, half, count));
            var (dlo, dhi) = (Half(da, 0, half), Half(da, half, count));
            da = Ops.Add(Ops.Multiply(dlo, hi), Ops.Multiply(lo, dhi));
            a = Ops.Multiply(lo, hi);
            count = half;
        }
        return ([y], [Ops.Reshape(da, rest)]);
    }

    private static Tensor Half(Tensor x, int from, int to)
    {
        var start = new int[x.Rank];
        var limit = x.Shape.ToArray();
        (start[0], limit[0]) = (from, to);
        return Ops.Slice(x, start, limit, Enumerable.Repeat(1, x.Rank).ToArray());
    }
}
