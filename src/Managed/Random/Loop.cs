using Axle.Lowering;

namespace Axle;

/// <summary>
/// random_while[cond, body](state...): JAX's <c>lax.while_loop</c>, lowered to <c>stablehlo.while</c>.
/// The cond and body are graphs traced on the state's avals (params compared by reference);
/// they read only their arguments and literals, so everything a loop needs is carried in its
/// state. Batching follows JAX: the batched loop runs while any example's cond holds, and an
/// example whose cond is false keeps its state (a select), so each example computes exactly
/// what it would alone. No derivative flows through a loop (the samplers' loops are integer
/// or rejection loops).
/// </summary>
internal static partial class Prims
{
    public static readonly Primitive RandomWhile = new Primitive("random_while", (ins, p) =>
    {
        var body = p.Get<Graph>("body");
        Aval[] want = body.InputAvals;
        if (ins.Length != want.Length)
            throw new ArgumentException($"while: the loop state has {want.Length} values; got {ins.Length}");
        for (int i = 0; i < ins.Length; i++)
            if (ins[i].DType != want[i].DType || ins[i].Shape != want[i].Shape)
                throw Errors.Arg("while", $"state[{i}]", $"state value {i} must be {want[i]}; got {ins[i]}");
        return body.OutputAvals;
    }, Loop.Lower)
        .DefBatch(Loop.Batch)
        .DefJvp((xs, ts, p) =>
        {
            if (ts.Any(t => t is not null))
                throw new NotImplementedException("'jvp' rule for primitive 'random_while' is not implemented (no derivative flows through a sampling loop)");
            var outs = RandomWhile!.Bind(xs, p);
            return (outs, new Tensor?[outs.Length]);
        });
}

/// <summary>Builds, lowers and batches <see cref="Prims.RandomWhile"/> loops.</summary>
internal static class Loop
{
    /// <summary>
    /// Runs <paramref name="body"/> on the state while <paramref name="cond"/> (a bool scalar) holds.
    /// Both are traced once on the state's (strong) avals; they must not capture tensors.
    /// </summary>
    public static Tensor[] While(Tensor[] init, Func<Tensor[], Tensor> cond, Func<Tensor[], Tensor[]> body)
    {
        init = init.Select(t => t.IsWeak ? Ops.ConvertElementType(t, t.DType, weak: false) : t).ToArray();
        Aval[] avals = init.Select(t => t.Aval.Strong()).ToArray();
        var c = Traced(xs => [cond(xs)], avals, "cond");
        if (c.OutputAvals.Length != 1 || c.OutputAvals[0].DType != DType.Bool || c.OutputAvals[0].Rank != 0)
            throw new InvalidOperationException("while: the condition must return a bool scalar");
        var b = Traced(body, avals, "body");
        return Prims.RandomWhile.Bind(init, Params.Of(("cond", c), ("body", b)));
    }

    private static Graph Traced(Func<Tensor[], Tensor[]> f, Aval[] avals, string what)
    {
        var g = Tracer.Trace(f, avals);
        if (g.ConstVars.Count != 0)
            throw new InvalidOperationException($"while: the loop {what} captured a tensor; carry it in the loop state instead");
        var outs = g.OutputAvals;
        if (what == "body" && (outs.Length != avals.Length || outs.Zip(avals).Any(z => z.First.DType != z.Second.DType || z.First.Shape != z.Second.Shape)))
            throw new InvalidOperationException($"while: the body must return the state's types ({string.Join(", ", avals)}); got ({string.Join(", ", outs)})");
        return g;
    }

    public static Value[] Lower(LoweringContext ctx, Value[] xs, Params p)
    {
        Graph cond = p.Get<Graph>("cond"), body = p.Get<Graph>("body");
        var types = ctx.OutAvals.Select(LoweringContext.TypeOf).ToArray();
        var c = Region(ctx, cond, types);
        var b = Region(ctx, body, types);
        return ctx.Block.Op("stablehlo.while", xs, types, null, [c, b]);
    }

    private static Block Region(LoweringContext ctx, Graph graph, TensorType[] types)
    {
        var region = ctx.Function.NewRegion(types);
        var saved = ctx.Block;
        ctx.Block = region;
        try
        {
            region.Return(GraphLowering.Emit(ctx, graph, region.Arguments));
        }
        finally
        {
            ctx.Block = saved;
        }
        return region;
    }

    /// <summary>Every state value batched on axis 0; loop while any example's cond holds; finished examples keep their state.</summary>
    public static (Tensor[] Outputs, int?[] OutAxes) Batch(Tensor[] xs, int?[] axes, Params p)
    {
        Graph cond = p.Get<Graph>("cond"), body = p.Get<Graph>("body");
        int size = Batching.Size(xs, axes);
        var init = xs.Select((x, i) => Batching.ToFront(x, axes[i], size)).ToArray();
        int?[] zeros = init.Select(_ => (int?)0).ToArray();
        Tensor Pred(Tensor[] s) => VmapTransform.Call(a => cond.Evaluate(a), s, zeros, [0], size)[0];
        var outs = While(init, s => Ops.Any(Pred(s)), s =>
        {
            var pred = Pred(s);
            var next = VmapTransform.Call(a => body.Evaluate(a), s, zeros, [0], size);
            return next.Select((n, i) => Ops.Where(Ops.Reshape(pred, [size, .. Enumerable.Repeat(1, n.Rank - 1)]), n, s[i])).ToArray();
        });
        return (outs, outs.Select(_ => (int?)0).ToArray());
    }
}
