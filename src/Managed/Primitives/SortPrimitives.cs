using Axle.Lowering;
using static Axle.Batching;

namespace Axle;

/// <summary>sort: the axis sorted along, how many leading operands are keys, the order, and stability.</summary>
internal sealed record SortParams(int Dimension, int NumKeys, bool Descending, bool IsStable) : Params;

/// <summary>
/// sort[dimension, num_keys, descending, is_stable](x_0, ..., x_{n-1}): sorts n same-shaped
/// operands together along <c>dimension</c>, ordered lexicographically by the first
/// <c>num_keys</c> of them. Float keys compare in IEEE total order, so the public ops
/// canonicalize NaN (to +NaN, hence last) and -0.0 first, as JAX does.
/// </summary>
internal static partial class Prims
{
    public static readonly Primitive Sort = new Primitive("sort", (ins, p) =>
    {
        if (ins.Length == 0) throw new ArgumentException("sort: needs at least one operand");
        var (dim, keys, _, _) = (SortParams)p;
        var x = ins[0];
        if (dim < 0 || dim >= x.Rank) throw Errors.Axis("sort", dim, x.Rank);
        if (keys < 1 || keys > ins.Length) throw Errors.Arg("sort", "num_keys", $"num_keys {keys} must lie in [1, {ins.Length}]");
        for (int i = 0; i < ins.Length; i++)
        {
            if (ins[i].Shape != x.Shape) throw Errors.Shapes("sort", $"xs[{i}]", ins[i].Shape, "xs[0]", x.Shape);
            if (i < keys) Elementwise.CheckKind("sort", $"xs[{i}]", ins[i].DType, Kinds.Numeric);
        }
        return ins.Select(a => a.Strong()).ToArray();
    }, (ctx, xs, p) =>
    {
        var q = (SortParams)p;
        int keys = q.NumKeys;
        string direction = q.Descending ? "GT" : "LT";
        var types = ctx.InAvals.SelectMany(a => new[] { a.DType, a.DType }).ToArray();
        var comparator = ctx.Region(types, args =>
        {
            var boolType = LoweringContext.TypeOf(DType.Bool);
            Value Compare(int k, string dir)
            {
                DType t = ctx.InAvals[k].DType;
                string type = t.IsFloat() ? "TOTALORDER" : t.IsSignedInteger() ? "SIGNED" : "UNSIGNED";
                return ctx.Op("stablehlo.compare", [args[2 * k], args[2 * k + 1]], boolType,
                    ("comparison_direction", Attr.Enum("comparison_direction", dir)),
                    ("compare_type", Attr.Enum("comparison_type", type)));
            }
            // Lexicographic: key k decides unless equal, then key k+1 does.
            Value result = Compare(keys - 1, direction);
            for (int k = keys - 2; k >= 0; k--)
            {
                var tie = ctx.Op("stablehlo.and", [Compare(k, "EQ"), result], boolType);
                result = ctx.Op("stablehlo.or", [Compare(k, direction), tie], boolType);
            }
            return [result];
        });
        return ctx.Block.Op("stablehlo.sort", xs, ctx.OutAvals.Select(LoweringContext.TypeOf).ToArray(),
            [new("dimension", Attr.Int(q.Dimension)), new("is_stable", Attr.Bool(q.IsStable))],
            [comparator]);
    })
        .DefJvp(SortJvp)
        .DefTranspose(SortTranspose)
        .DefBatch(SortBatch).Linear();

    // === rules ===

    /// <summary>
    /// sort: the tangents ride along as extra non-key operands, so they are permuted exactly as
    /// the primals; that second sort is linear in them (see <see cref="SortTranspose"/>).
    /// </summary>
    private static (Tensor[] Primals, Tensor?[] Tangents) SortJvp(Tensor[] xs, Tensor?[] ts, Params p)
    {
        var outs = Prims.Sort.Bind(xs, p);
        int n = xs.Length;
        var withTangents = Prims.Sort.Bind([.. xs, .. xs.Select((x, i) => ts[i] ?? Ad.ZerosLike(x))], p);
        return (outs, withTangents.Skip(n).Select((t, i) => ts[i] is null ? null : t).ToArray());
    }

    /// <summary>
    /// sort with linear non-key operands: sorting the cotangents by the forward permutation
    /// (itself got by sorting an iota along with the keys) applies the inverse permutation.
    /// </summary>
    private static Tensor?[] SortTranspose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var (dim, keys, _, _) = (SortParams)p;
        for (int k = 0; k < keys; k++)
            if (ins[k] is null) throw Ad.NotLinear("sort", $"keys[{k}]");
        var shape = avals[0].Shape.ToArray();
        var iota = Prims.Iota.Bind1([], new IotaParams(DType.I32, shape, dim));
        var perm = Prims.Sort.Bind([.. ins.Take(keys).Select(t => t!), iota], p)[keys];
        var byPerm = new SortParams(dim, NumKeys: 1, Descending: false, IsStable: true);
        var result = new Tensor?[ins.Length];
        for (int i = keys; i < ins.Length; i++)
            if (ins[i] is null)
                result[i] = Prims.Sort.Bind([perm, cts[i] ?? Ad.Zeros(avals[i])], byPerm)[1];
        return result;
    }

    private static (Tensor[], int?[]) SortBatch(Tensor[] xs, int?[] axes, Params p)
    {
        int n = Size(xs, axes);
        var ins = xs.Select((x, i) => ToFront(x, axes[i], n)).ToArray();
        Tensor[] outs = Prims.Sort.Bind(ins, (SortParams)p with { Dimension = ((SortParams)p).Dimension + 1 });
        return (outs, outs.Select(_ => (int?)0).ToArray());
    }
}
