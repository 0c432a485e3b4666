namespace Axle;

/// <summary>
/// Building blocks for batch rules (<see cref="BatchRule"/>). Rules run in the parent trace on
/// the batched values, so everything here is written with ops and binds and composes with every
/// other transform. At least one input of a rule is batched.
/// </summary>
internal static partial class Batching
{
    /// <summary>
    /// The rule of an elementwise primitive (all operands of one shape): batched operands are
    /// moved to the first batched operand's axis, unbatched ones broadcast along it.
    /// </summary>
    public static (Tensor[] Outputs, int?[] OutAxes) Elementwise(Primitive primitive, Tensor[] xs, int?[] axes, Params p)
    {
        int first = Array.FindIndex(axes, a => a is not null);
        int axis = axes[first]!.Value, size = xs[first].Shape[axis];
        var ins = new Tensor[xs.Length];
        for (int i = 0; i < xs.Length; i++) ins[i] = MoveOrBroadcast(xs[i], axes[i], axis, size);
        Tensor[] outs = primitive.Bind(ins, p);
        return (outs, outs.Select(_ => (int?)axis).ToArray());
    }

    /// <summary>Gives <paramref name="primitive"/> the elementwise batch rule; returns it.</summary>
    public static Primitive ElementwiseBatching(this Primitive primitive) =>
        primitive.DefBatch((xs, axes, p) => Elementwise(primitive, xs, axes, p));

    /// <summary>The batch size: the size of the first batched input along its axis.</summary>
    public static int Size(Tensor[] xs, int?[] axes)
    {
        for (int i = 0; i < xs.Length; i++)
            if (axes[i] is int a) return xs[i].Shape[a];
        throw new InvalidOperationException("a batch rule ran with no batched input");
    }

    /// <summary><paramref name="x"/> with axis <paramref name="from"/> moved to position <paramref name="to"/>.</summary>
    public static Tensor MoveAxis(Tensor x, int from, int to)
    {
        if (from == to) return x;
        var perm = Enumerable.Range(0, x.Rank).Where(i => i != from).ToList();
        perm.Insert(to, from);
        return Prims.Transpose.Bind1([x], new TransposeParams(perm.ToArray()));
    }

    /// <summary>
    /// <paramref name="x"/> batched along <paramref name="to"/>: moved there if batched at
    /// <paramref name="from"/>, else broadcast to <paramref name="size"/> copies along it.
    /// </summary>
    public static Tensor MoveOrBroadcast(Tensor x, int? from, int to, int size)
    {
        if (from is int f) return MoveAxis(x, f, to);
        var shape = x.Shape.ToArray().ToList();
        shape.Insert(to, size);
        int[] dims = Enumerable.Range(0, x.Rank).Select(i => i < to ? i : i + 1).ToArray();
        return Prims.BroadcastInDim.Bind1([x], new BroadcastInDimParams(shape.ToArray(), dims));
    }

    /// <summary><paramref name="x"/> batched along axis 0 (moved or broadcast).</summary>
    public static Tensor ToFront(Tensor x, int? from, int size) => MoveOrBroadcast(x, from, 0, size);

    /// <summary>
    /// Where an operand dimension <paramref name="d"/> of the per-example value lives in the
    /// batched value whose batch axis is <paramref name="batchAxis"/>.
    /// </summary>
    public static int Shift(int d, int batchAxis) => d < batchAxis ? d : d + 1;

    /// <summary><see cref="Shift(int, int)"/> for every dimension of a list.</summary>
    public static int[] Shift(int[] dims, int batchAxis) => dims.Select(d => Shift(d, batchAxis)).ToArray();

    /// <summary><paramref name="values"/> with <paramref name="value"/> inserted at <paramref name="at"/>.</summary>
    public static int[] Insert(int[] values, int at, int value)
    {
        var list = values.ToList();
        list.Insert(at, value);
        return [.. list];
    }

    /// <summary>
    /// Gives a one-operand primitive whose param <paramref name="axesParam"/> lists operand axes
    /// (reductions, rev, ...) its batch rule: the axes shift past the batch axis. With
    /// <paramref name="keepsRank"/> false the listed axes disappear from the result.
    /// </summary>
    public static Primitive AxesBatching(this Primitive primitive, string axesParam, bool keepsRank) =>
        primitive.DefBatch((xs, axes, p) =>
        {
            int b = axes[0]!.Value;
            int[] dims = p.Get<int[]>(axesParam);
            var r = primitive.Bind1([xs[0]], p.With(axesParam, Shift(dims, b)));
            int outAxis = keepsRank ? b : b - dims.Count(d => d < b);
            return ([r], [outAxis]);
        });

    /// <summary>An integer scalar of <paramref name="dtype"/> (host constant, so it stays a literal).</summary>
    public static Tensor IndexScalar(int value, DType dtype) => Ops.ConvertElementType(value, dtype, weak: false);

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
}
