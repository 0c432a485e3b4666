using Axle.Lowering;

namespace Axle;

/// <summary>
/// Control flow as JAX does it: primitives whose params hold closed graphs (captured values are
/// explicit operands). <c>scan</c> and <c>while</c> lower to <c>stablehlo.while</c>, <c>cond</c> to
/// <c>stablehlo.case</c>; their transform rules live in Transforms/ControlFlow*.cs.
/// <list type="bullet">
/// <item><c>scan</c>: operands (consts, init carry, xs); params body (consts, carry, x → carry, y),
/// num_consts, num_carry, length, reverse; results (final carry, stacked ys).</item>
/// <item><c>while</c>: operands (cond consts, body consts, carry); params cond (cond consts,
/// carry → bool scalar), body (body consts, carry → carry), num_cond_consts, num_body_consts.</item>
/// <item><c>cond</c>: operands (index i32 scalar, operands); params branches (Graph[]); index is
/// clamped (out of range takes the last branch, as stablehlo.case does).</item>
/// </list>
/// </summary>
internal static partial class Prims
{
    public static readonly Primitive Scan = new Primitive("scan", ControlFlowShapes.InferScan, ControlFlowLowering.Scan)
        .DefJvp(ScanRules.Jvp).DefTranspose(ScanRules.Transpose).DefBatch(ScanRules.Batch).Linear();

    public static readonly Primitive While = new Primitive("while", ControlFlowShapes.InferWhile, ControlFlowLowering.While)
        .DefJvp(WhileRules.Jvp).DefTranspose(WhileRules.Transpose).DefBatch(WhileRules.Batch).Linear();

    public static readonly Primitive Cond = new Primitive("cond", ControlFlowShapes.InferCond, ControlFlowLowering.Cond)
        .DefJvp(CondRules.Jvp).DefTranspose(CondRules.Transpose).DefBatch(CondRules.Batch).Linear();
}

/// <summary>Shape rules of the control-flow primitives: operands must match the graphs' inputs exactly.</summary>
internal static class ControlFlowShapes
{
    public static Aval[] InferScan(Aval[] ins, Params p)
    {
        var body = p.Get<Graph>("body");
        int nc = p.Get<int>("num_consts"), nk = p.Get<int>("num_carry"), length = p.Get<int>("length");
        var expected = body.InputAvals.Select((a, i) => i < nc + nk ? a : ControlFlowGraphs.WithBatch(a, length)).ToArray();
        Check("scan", ins, expected);
        var outs = body.OutputAvals;
        return [.. outs.Take(nk).Select(a => a.Strong()), .. outs.Skip(nk).Select(a => ControlFlowGraphs.WithBatch(a.Strong(), length))];
    }

    public static Aval[] InferWhile(Aval[] ins, Params p)
    {
        var cond = p.Get<Graph>("cond");
        var body = p.Get<Graph>("body");
        int ncc = p.Get<int>("num_cond_consts");
        Check("while", ins, [.. cond.InputAvals.Take(ncc), .. body.InputAvals]);
        return body.OutputAvals.Select(a => a.Strong()).ToArray();
    }

    public static Aval[] InferCond(Aval[] ins, Params p)
    {
        var branches = p.Get<Graph[]>("branches");
        if (ins.Length == 0 || ins[0].DType != DType.I32 || ins[0].Rank != 0)
            throw new ArgumentException("cond: the index must be an i32 scalar");
        foreach (var b in branches) Check("cond", ins[1..], b.InputAvals);
        return branches[0].OutputAvals.Select(a => a.Strong()).ToArray();
    }

    private static void Check(string op, Aval[] ins, Aval[] expected)
    {
        if (ins.Length != expected.Length)
            throw new ArgumentException($"{op}: {ins.Length} operand(s) for a graph of {expected.Length}");
        for (int i = 0; i < ins.Length; i++)
            if (ins[i].DType != expected[i].DType || ins[i].Shape != expected[i].Shape)
                throw new ArgumentException($"{op}: operand {i} is {ins[i]} but the graph expects {expected[i]}");
    }
}

/// <summary>Lowerings: the loop state is carried explicitly; bodies are traced graphs inlined into regions.</summary>
internal static class ControlFlowLowering
{
    public static Value[] Scan(LoweringContext ctx, Value[] xs, Params p)
    {
        var body = p.Get<Graph>("body");
        int nc = p.Get<int>("num_consts"), nk = p.Get<int>("num_carry"), length = p.Get<int>("length");
        bool reverse = p.Get<bool>("reverse");
        var outs = ctx.OutAvals;
        var ysAvals = outs.Skip(nk).ToArray();
        var counter = new Aval(DType.I32, Shape.Scalar);
        Aval[] state = [counter, .. ctx.InAvals.Select(a => a.Strong()), .. ysAvals];
        int nx = xs.Length - nc - nk;

        var ys0 = ysAvals.Select(a => ctx.Op("stablehlo.broadcast_in_dim", [ctx.Scalar(a.DType, 0)],
            LoweringContext.TypeOf(a), ("broadcast_dimensions", Attr.I64Array()))).ToArray();
        var cond = Region(ctx, state, s => [Ops.Less(s[0], length)]);
        var step = Region(ctx, state, s =>
        {
            var i = s[0];
            var idx = reverse ? Ops.Subtract(length - 1, i) : i;
            var consts = s[1..(1 + nc)];
            var carry = s[(1 + nc)..(1 + nc + nk)];
            var stacked = s[(1 + nc + nk)..(1 + nc + nk + nx)];
            var ys = s[(1 + nc + nk + nx)..];
            var x = stacked.Select(a => Ops.Reshape(Ops.DynamicSlice(a, Starts(idx, a.Rank),
                [1, .. a.Shape.ToArray()[1..]]), a.Shape.ToArray()[1..])).ToArray();
            var r = body.Evaluate([.. consts, .. carry, .. x]);
            var newYs = ys.Select((y, j) => Ops.DynamicUpdateSlice(y, Ops.ExpandDims(r[nk + j], 0), Starts(idx, y.Rank))).ToArray();
            return [Ops.Add(i, 1), .. consts, .. r[..nk], .. stacked, .. newYs];
        });
        var types = state.Select(LoweringContext.TypeOf).ToArray();
        var results = ctx.Block.Op("stablehlo.while", [ctx.Scalar(DType.I32, 0), .. xs, .. ys0], types, null, [cond, step]);
        return [.. results.Skip(1 + nc).Take(nk), .. results.Skip(1 + xs.Length)];
    }

    public static Value[] While(LoweringContext ctx, Value[] xs, Params p)
    {
        var cond = p.Get<Graph>("cond");
        var body = p.Get<Graph>("body");
        int ncc = p.Get<int>("num_cond_consts"), nbc = p.Get<int>("num_body_consts");
        var types = ctx.InAvals.Select(a => LoweringContext.TypeOf(a.Strong())).ToArray();
        var condRegion = ctx.Region(types, a => GraphLowering.Emit(ctx, cond, [.. a.Take(ncc), .. a.Skip(ncc + nbc)]));
        var bodyRegion = ctx.Region(types, b => [.. b.Take(ncc + nbc), .. GraphLowering.Emit(ctx, body, [.. b.Skip(ncc)])]);
        var results = ctx.Block.Op("stablehlo.while", xs, types, null, [condRegion, bodyRegion]);
        return results[(ncc + nbc)..];
    }

    public static Value[] Cond(LoweringContext ctx, Value[] xs, Params p)
    {
        var branches = p.Get<Graph[]>("branches");
        var regions = branches.Select(g => ctx.Region(Array.Empty<TensorType>(), _ => GraphLowering.Emit(ctx, g, xs[1..]))).ToList();
        var types = ctx.OutAvals.Select(LoweringContext.TypeOf).ToArray();
        return ctx.Block.Op("stablehlo.case", [xs[0]], types, null, regions);
    }

    private static Tensor[] Starts(Tensor idx, int rank) =>
        [idx, .. Enumerable.Range(1, rank - 1).Select(_ => (Tensor)0)];

    /// <summary>A region over <paramref name="state"/> whose body is <paramref name="f"/>, traced and inlined.</summary>
    private static Block Region(LoweringContext ctx, Aval[] state, Func<Tensor[], Tensor[]> f)
    {
        var graph = ControlFlowGraphs.TraceClosed(f, state, "scan lowering");
        return ctx.Region(state.Select(LoweringContext.TypeOf).ToArray(), args => GraphLowering.Emit(ctx, graph, args));
    }
}
