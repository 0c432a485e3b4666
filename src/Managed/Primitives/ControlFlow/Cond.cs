using Axle.Lowering;

namespace Axle;

/// <summary>cond: the branch graphs; the array is compared by reference, as sub-programs are.</summary>
internal sealed record CondParams(Graph[] Branches) : Params;

/// <summary>
/// cond[branches](index, operands...): index is an i32 scalar, clamped (out of range takes the
/// last branch, as <c>stablehlo.case</c> does); params branches (Graph[]). Lowers to
/// <c>stablehlo.case</c> (JAX's <c>lax.switch</c> / <c>lax.cond</c>).
/// </summary>
internal static partial class Prims
{
    public static readonly Primitive Cond = new Primitive("cond", CondRules.Infer, CondRules.Lower)
        .DefJvp(CondRules.Jvp).DefTranspose(CondRules.Transpose).DefBatch(CondRules.Batch).Linear();
}

/// <summary>
/// Shape rule, lowering and transform rules of <c>cond</c>. The jvp splits like scan's: a primal cond returns the outputs
/// and the residuals of every branch (zeros in the slots of the branches not taken, as JAX joins
/// them), and a linear cond maps tangents through the taken branch's linear part; its transpose
/// is the cond of the transposed branches.
/// </summary>
internal static class CondRules
{
    /// <summary>Shape rule: operands must match the graphs' inputs exactly.</summary>
    public static Aval[] Infer(Aval[] ins, Params p)
    {
        var branches = ((CondParams)p).Branches;
        if (ins.Length == 0 || ins[0].DType != DType.I32 || ins[0].Rank != 0)
            throw new ArgumentException("cond: the index must be an i32 scalar");
        foreach (var b in branches) ControlFlowGraphs.CheckOperands("cond", ins[1..], b.InputAvals);
        return branches[0].OutputAvals.Select(a => a.Strong()).ToArray();
    }

    /// <summary>Lowering: the loop state is carried explicitly; bodies are traced graphs inlined into regions.</summary>
    public static Value[] Lower(LoweringContext ctx, Value[] xs, Params p)
    {
        var branches = ((CondParams)p).Branches;
        var regions = branches.Select(g => ctx.Region(Array.Empty<TensorType>(), _ => GraphToStablehlo.Emit(ctx, g, xs[1..]))).ToList();
        var types = ctx.OutAvals.Select(LoweringContext.TypeOf).ToArray();
        return ctx.Block.Op("stablehlo.case", [xs[0]], types, null, regions);
    }

    public static (Tensor[] Primals, Tensor?[] Tangents) Jvp(Tensor[] xs, Tensor?[] ts, Params p)
    {
        var branches = ((CondParams)p).Branches;
        var ops = xs[1..];
        var withT = ts[1..].Select((t, i) => t is not null && ControlFlowGraphs.Differentiable(ops[i].Aval)).ToArray();
        int nOut = branches[0].Outputs.Count;
        var nonZero = new bool[nOut];
        foreach (var b in branches)
        {
            var (_, nz) = ControlFlowGraphs.JvpGraph(b, withT);
            for (int i = 0; i < nOut; i++) nonZero[i] |= nz[i];
        }
        if (!nonZero.Any(z => z)) return (Prims.Cond.Bind(xs, p), new Tensor?[nOut]);

        var splits = branches.Select(b =>
        {
            var (jvp, _) = ControlFlowGraphs.JvpGraph(b, withT, nonZero);
            return ControlFlowGraphs.Split(jvp, ops.Length, nOut);
        }).ToArray();
        var resAvals = splits.SelectMany(s => s.Residuals.Select(r => r.Aval.Strong())).ToArray();
        var offsets = new int[splits.Length];
        for (int b = 1; b < splits.Length; b++) offsets[b] = offsets[b - 1] + splits[b - 1].Residuals.Length;

        var known = splits.Select((s, b) => ControlFlowGraphs.TraceClosed(a =>
        {
            var r = s.Known.Evaluate(a);
            var res = resAvals.Select((av, j) => j >= offsets[b] && j < offsets[b] + s.Residuals.Length
                ? Ops.ConvertElementType(r[nOut + j - offsets[b]], av.DType, weak: false) : Transposer.Zeros(av)).ToArray();
            return [.. r[..nOut], .. res];
        }, ops.Select(o => o.Aval.Strong()).ToArray(), "jvp of cond")).ToArray();
        var fwd = Prims.Cond.Bind(xs, new CondParams(known));

        var tanAvals = ops.Where((_, i) => withT[i]).Select(o => o.Aval.Strong()).ToArray();
        var lin = splits.Select((s, b) => ControlFlowGraphs.TraceClosed(a =>
            s.Linear.Evaluate([.. a[offsets[b]..(offsets[b] + s.Residuals.Length)], .. a[resAvals.Length..]]),
            [.. resAvals, .. tanAvals], "jvp of cond")).ToArray();
        var tanOut = Prims.Cond.Bind([xs[0], .. fwd[nOut..], .. ts[1..].Where((_, i) => withT[i]).Select(t => t!)],
            new CondParams(lin));
        var tangents = new Tensor?[nOut];
        int at = 0;
        for (int i = 0; i < nOut; i++)
            if (nonZero[i]) tangents[i] = tanOut[at++];
        return (fwd[..nOut], tangents);
    }

    public static Tensor?[] Transpose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var branches = ((CondParams)p).Branches;
        if (ins[0] is not Tensor index) throw new InvalidOperationException("cond: the index cannot be linear");
        int n = ins.Length - 1;
        int[] knownIdx = Enumerable.Range(0, n).Where(i => ins[1 + i] is not null).ToArray();
        int[] linIdx = Enumerable.Range(0, n).Where(i => ins[1 + i] is null).ToArray();
        var outAvals = branches[0].OutputAvals.Select(a => a.Strong()).ToArray();
        Aval[] tAvals = [.. knownIdx.Select(i => avals[1 + i]), .. outAvals];
        var transposed = branches.Select(b => ControlFlowGraphs.TraceClosed(a =>
        {
            var known = new Tensor?[n];
            for (int j = 0; j < knownIdx.Length; j++) known[knownIdx[j]] = a[j];
            var inCts = ControlFlowGraphs.Transpose(b, known, a[knownIdx.Length..]);
            return linIdx.Select(i => inCts[i]!).ToArray();
        }, tAvals, "transpose of cond")).ToArray();
        Tensor[] args = [index, .. knownIdx.Select(i => ins[1 + i]!), .. cts.Select((c, i) => c ?? Transposer.Zeros(outAvals[i]))];
        var outs = Prims.Cond.Bind(args, new CondParams(transposed));
        var result = new Tensor?[ins.Length];
        for (int j = 0; j < linIdx.Length; j++) result[1 + linIdx[j]] = outs[j];
        return result;
    }

    /// <summary>
    /// An unbatched index keeps one cond over batched branches; a batched index runs every
    /// branch on the whole batch and selects per example (what stablehlo.case would pick).
    /// </summary>
    public static (Tensor[] Outputs, int?[] OutAxes) Batch(Tensor[] xs, int?[] axes, Params p)
    {
        var branches = ((CondParams)p).Branches;
        int size = Batching.Size(xs, axes);
        var ops = xs[1..].Select((x, i) => axes[1 + i] is int a ? Batching.MoveAxis(x, a, 0) : x).ToArray();
        var batched = axes[1..].Select(a => a is not null).ToArray();
        if (axes[0] is null)
        {
            var bBranches = branches.Select(b => ControlFlowGraphs.Batched(b, batched, size)).ToArray();
            var outs = Prims.Cond.Bind([xs[0], .. ops], new CondParams(bBranches));
            return (outs, outs.Select(_ => (int?)0).ToArray());
        }
        var index = Batching.MoveAxis(xs[0], axes[0]!.Value, 0);
        var results = branches.Select(b => ControlFlowGraphs.EvalBatched(b, ops, batched, size)).ToArray();
        var sel = results[^1];
        for (int b = branches.Length - 2; b >= 0; b--)
        {
            var taken = Ops.Equal(index, b);
            var r = results[b];
            sel = sel.Select((s, k) => Ops.Where(Ops.Reshape(taken, [size, .. Enumerable.Repeat(1, s.Rank - 1)]), r[k], s)).ToArray();
        }
        return (sel, sel.Select(_ => (int?)0).ToArray());
    }
}
