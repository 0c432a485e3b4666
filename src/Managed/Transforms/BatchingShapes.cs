namespace Axle;

/// <summary>
/// Batch rules of the structural primitives, registered in their stanzas with
/// <c>.DefBatch(Batching.X)</c> (or the generic helpers below). Each states where the batch axis
/// ends up; most move it to the front, where StableHLO's leading-dimension conventions want it.
/// </summary>
internal static partial class Batching
{
    /// <summary>
    /// Gives a primitive whose operands and results all carry leading batch dimensions
    /// (cholesky, lu, triangular_solve) its rule: every operand batched at the front
    /// (broadcast if unbatched), <paramref name="shift"/> adjusts params that name operand axes.
    /// </summary>
    public static Primitive LeadingBatching(this Primitive primitive, Func<Params, Params>? shift = null) =>
        primitive.DefBatch((xs, axes, p) =>
        {
            int n = Size(xs, axes);
            var ins = xs.Select((x, i) => ToFront(x, axes[i], n)).ToArray();
            Tensor[] outs = primitive.Bind(ins, shift is null ? p : shift(p));
            return (outs, outs.Select(_ => (int?)0).ToArray());
        });

    /// <summary>params with the int axis param <paramref name="name"/> shifted past a batch axis at the front.</summary>
    public static Func<Params, Params> ShiftAxisParam(string name) => p => p.With(name, p.Get<int>(name) + 1);

    public static (Tensor[], int?[]) BroadcastInDim(Tensor[] xs, int?[] axes, Params p)
    {
        int a = axes[0]!.Value, n = xs[0].Shape[a];
        var x = MoveAxis(xs[0], a, 0);
        int[] shape = Insert(p.Get<int[]>("shape"), 0, n);
        int[] dims = Insert(p.Get<int[]>("broadcast_dimensions").Select(d => d + 1).ToArray(), 0, 0);
        return ([Prims.BroadcastInDim.Bind1([x], Params.Of(("shape", shape), ("broadcast_dimensions", dims)))], [0]);
    }

    public static (Tensor[], int?[]) Reshape(Tensor[] xs, int?[] axes, Params p)
    {
        int a = axes[0]!.Value, n = xs[0].Shape[a];
        var x = MoveAxis(xs[0], a, 0);
        return ([Prims.Reshape.Bind1([x], p.With("new_sizes", Insert(p.Get<int[]>("new_sizes"), 0, n)))], [0]);
    }

    public static (Tensor[], int?[]) Transpose(Tensor[] xs, int?[] axes, Params p)
    {
        int a = axes[0]!.Value;
        int[] perm = Insert(Shift(p.Get<int[]>("permutation"), a), 0, a);
        return ([Prims.Transpose.Bind1([xs[0]], p.With("permutation", perm))], [0]);
    }

    public static (Tensor[], int?[]) Slice(Tensor[] xs, int?[] axes, Params p)
    {
        int a = axes[0]!.Value, n = xs[0].Shape[a];
        var q = p.With("start_indices", Insert(p.Get<int[]>("start_indices"), a, 0))
            .With("limit_indices", Insert(p.Get<int[]>("limit_indices"), a, n))
            .With("strides", Insert(p.Get<int[]>("strides"), a, 1));
        return ([Prims.Slice.Bind1([xs[0]], q)], [a]);
    }

    public static (Tensor[], int?[]) Pad(Tensor[] xs, int?[] axes, Params p)
    {
        if (axes[1] is null)
        {
            int a = axes[0]!.Value;
            var q = p.With("low", Insert(p.Get<int[]>("low"), a, 0)).With("high", Insert(p.Get<int[]>("high"), a, 0))
                .With("interior", Insert(p.Get<int[]>("interior"), a, 0));
            return ([Prims.Pad.Bind1([xs[0], xs[1]], q)], [a]);
        }
        // A per-example padding value: pad with a constant, then select the value where a
        // padded mask says the element is padding.
        int n = Size(xs, axes);
        var x = ToFront(xs[0], axes[0], n);
        var front = p.With("low", Insert(p.Get<int[]>("low"), 0, 0)).With("high", Insert(p.Get<int[]>("high"), 0, 0))
            .With("interior", Insert(p.Get<int[]>("interior"), 0, 0));
        var padded = Prims.Pad.Bind1([x, Ops.ConvertElementType(0, x.DType, weak: false)], front);
        var ones = Ops.Full(x.Shape.ToArray(), true);
        var inside = Prims.Pad.Bind1([ones, Ops.ConvertElementType(false, DType.Bool, weak: false)], front);
        var value = Prims.BroadcastInDim.Bind1([xs[1]], Params.Of(("shape", padded.Shape.ToArray()), ("broadcast_dimensions", new[] { 0 })));
        return ([Prims.Select.Bind1([inside, value, padded])], [0]);
    }

    public static (Tensor[], int?[]) Concatenate(Tensor[] xs, int?[] axes, Params p)
    {
        int n = Size(xs, axes);
        var ins = xs.Select((x, i) => ToFront(x, axes[i], n)).ToArray();
        return ([Prims.Concatenate.Bind1(ins, p.With("dimension", p.Get<int>("dimension") + 1))], [0]);
    }

    public static (Tensor[], int?[]) Sort(Tensor[] xs, int?[] axes, Params p)
    {
        int n = Size(xs, axes);
        var ins = xs.Select((x, i) => ToFront(x, axes[i], n)).ToArray();
        Tensor[] outs = Prims.Sort.Bind(ins, p.With("dimension", p.Get<int>("dimension") + 1));
        return (outs, outs.Select(_ => (int?)0).ToArray());
    }

    /// <summary>
    /// dot_general: a batch axis on both operands becomes a leading dot batch dimension; on one
    /// operand it stays a free dimension of that operand and lands among the result's free dims.
    /// </summary>
    public static (Tensor[], int?[]) DotGeneral(Tensor[] xs, int?[] axes, Params p)
    {
        int[] lc = p.Get<int[]>("lhs_contracting"), rc = p.Get<int[]>("rhs_contracting");
        int[] lb = p.Get<int[]>("lhs_batch"), rb = p.Get<int[]>("rhs_batch");
        var (x, y) = (xs[0], xs[1]);
        if (axes[0] is int a0 && axes[1] is int b0)
        {
            x = MoveAxis(x, a0, 0);
            y = MoveAxis(y, b0, 0);
            var q = p.With("lhs_contracting", Shift(lc, 0)).With("rhs_contracting", Shift(rc, 0))
                .With("lhs_batch", Insert(Shift(lb, 0), 0, 0)).With("rhs_batch", Insert(Shift(rb, 0), 0, 0));
            return ([Prims.DotGeneral.Bind1([x, y], q)], [0]);
        }
        if (axes[0] is int a)
        {
            int[] lc2 = Shift(lc, a), lb2 = Shift(lb, a);
            int before = Enumerable.Range(0, a).Count(d => !lc2.Contains(d) && !lb2.Contains(d));
            var q = p.With("lhs_contracting", lc2).With("lhs_batch", lb2);
            return ([Prims.DotGeneral.Bind1([x, y], q)], [lb.Length + before]);
        }
        int b = axes[1]!.Value;
        int[] rc2 = Shift(rc, b), rb2 = Shift(rb, b);
        int lhsFree = x.Rank - lc.Length - lb.Length;
        int beforeR = Enumerable.Range(0, b).Count(d => !rc2.Contains(d) && !rb2.Contains(d));
        var qr = p.With("rhs_contracting", rc2).With("rhs_batch", rb2);
        return ([Prims.DotGeneral.Bind1([x, y], qr)], [lb.Length + lhsFree + beforeR]);
    }
}
