using Axle.Lowering;

namespace Axle;

/// <summary>
/// scan: the body graph (compared by reference), how many leading operands are consts and
/// carries, the trip count, and the direction.
/// </summary>
internal sealed record ScanParams(Graph Body, int NumConsts, int NumCarry, int Length, bool Reverse) : Params;

/// <summary>
/// scan[body, num_consts, num_carry, length, reverse](consts..., init carry..., xs...): operands
/// (consts, init carry, xs); params body (consts, carry, x → carry, y); results (final carry,
/// stacked ys). Lowers to <c>stablehlo.while</c> over a counter (JAX's <c>lax.scan</c>). Control
/// flow as JAX does it: params hold closed graphs, captured values are explicit operands.
/// </summary>
internal static partial class Prims
{
    public static readonly Primitive Scan = new Primitive("scan", ScanRules.Infer, ScanRules.Lower)
        .DefJvp(ScanRules.Jvp).DefTranspose(ScanRules.Transpose).DefBatch(ScanRules.Batch).Linear();
}

/// <summary>
/// Shape rule, lowering and transform rules of <c>scan</c>. The jvp is JAX's scan partial evaluation done at once: a
/// forward scan computes the primal results and stacks the residuals the linearized body needs;
/// a second scan, linear in the tangents, consumes them. Reverse mode then only has to transpose
/// that linear scan, which runs it backwards.
/// </summary>
internal static class ScanRules
{
    /// <summary>Shape rule: operands must match the graphs' inputs exactly.</summary>
    public static Aval[] Infer(Aval[] ins, Params p)
    {
        var body = ((ScanParams)p).Body;
        int nc = ((ScanParams)p).NumConsts, nk = ((ScanParams)p).NumCarry, length = ((ScanParams)p).Length;
        var expected = body.InputAvals.Select((a, i) => i < nc + nk ? a : ControlFlowGraphs.WithBatch(a, length)).ToArray();
        ControlFlowGraphs.CheckOperands("scan", ins, expected);
        var outs = body.OutputAvals;
        return [.. outs.Take(nk).Select(a => a.Strong()), .. outs.Skip(nk).Select(a => ControlFlowGraphs.WithBatch(a.Strong(), length))];
    }

    /// <summary>Lowering: the loop state is carried explicitly; bodies are traced graphs inlined into regions.</summary>
    public static Value[] Lower(LoweringContext ctx, Value[] xs, Params p)
    {
        var body = ((ScanParams)p).Body;
        int nc = ((ScanParams)p).NumConsts, nk = ((ScanParams)p).NumCarry, length = ((ScanParams)p).Length;
        bool reverse = ((ScanParams)p).Reverse;
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

    private static Tensor[] Starts(Tensor idx, int rank) =>
        [idx, .. Enumerable.Range(1, rank - 1).Select(_ => (Tensor)0)];

    /// <summary>A region over <paramref name="state"/> whose body is <paramref name="f"/>, traced and inlined.</summary>
    private static Block Region(LoweringContext ctx, Aval[] state, Func<Tensor[], Tensor[]> f)
    {
        var graph = ControlFlowGraphs.TraceClosed(f, state, "scan lowering");
        return ctx.Region(state.Select(LoweringContext.TypeOf).ToArray(), args => GraphToStablehlo.Emit(ctx, graph, args));
    }

    private static ScanParams With(Params p, Graph body, int nc, int nk, bool? reverse = null) =>
        (ScanParams)p with { Body = body, NumConsts = nc, NumCarry = nk, Reverse = reverse ?? ((ScanParams)p).Reverse };

    public static (Tensor[] Primals, Tensor?[] Tangents) Jvp(Tensor[] xs, Tensor?[] ts, Params p)
    {
        var body = ((ScanParams)p).Body;
        int nc = ((ScanParams)p).NumConsts, nk = ((ScanParams)p).NumCarry, length = ((ScanParams)p).Length;
        int n = xs.Length, nx = n - nc - nk;
        int ny = body.Outputs.Count - nk;

        // Which body inputs carry tangents: a carry does if its init does or the body gives its
        // output one (iterate to the fixpoint).
        var withT = ts.Select((t, i) => t is not null && ControlFlowGraphs.Differentiable(body.Inputs[i].Aval)).ToArray();
        Graph jvp;
        bool[] nonZero;
        while (true)
        {
            var inst = Enumerable.Range(0, nk + ny).Select(i => i < nk && withT[nc + i]).ToArray();
            (jvp, nonZero) = ControlFlowGraphs.JvpGraph(body, withT, inst);
            bool changed = false;
            for (int k = 0; k < nk; k++)
                if (nonZero[k] && !withT[nc + k] && ControlFlowGraphs.Differentiable(body.Inputs[nc + k].Aval))
                    withT[nc + k] = changed = true;
            if (!changed) break;
        }
        for (int k = 0; k < nk; k++) nonZero[k] = withT[nc + k];

        var (known, lin, residuals) = ControlFlowGraphs.Split(jvp, n, nk + ny);

        // Forward scan: primal results plus residuals stacked as extra ys, except residuals that
        // are consts of the body (loop-invariant): those are passed to the linear scan as consts.
        var constRes = residuals.Where(r => IndexIn(jvp, r) is int i && i < nc).ToArray();
        var stackedRes = residuals.Where(r => !constRes.Contains(r)).ToArray();
        var fwdBody = new Graph([.. known.Inputs], [], [], [.. known.Equations], [.. known.Outputs.Take(nk + ny), .. stackedRes]);
        var fwd = Prims.Scan.Bind(xs, With(p, fwdBody, nc, nk));

        // Linear scan: consts (const residuals, const tangents), carry tangents, xs (stacked residuals, x tangents).
        int[] tc = Enumerable.Range(0, nc).Where(i => withT[i]).ToArray();
        int[] tk = Enumerable.Range(nc, nk).Where(i => withT[i]).ToArray();
        int[] tx = Enumerable.Range(nc + nk, nx).Where(i => withT[i]).ToArray();
        var tanIn = lin.Inputs.Skip(residuals.Length).ToArray();
        int TanPos(int input) => Array.IndexOf(withT.Select((w, i) => (w, i)).Where(z => z.w).Select(z => z.i).ToArray(), input);
        var linInputs = new List<Var>();
        linInputs.AddRange(constRes.Select(r => lin.Inputs[Array.IndexOf(residuals, r)]));
        linInputs.AddRange(tc.Select(i => tanIn[TanPos(i)]));
        linInputs.AddRange(tk.Select(i => tanIn[TanPos(i)]));
        linInputs.AddRange(stackedRes.Select(r => lin.Inputs[Array.IndexOf(residuals, r)]));
        linInputs.AddRange(tx.Select(i => tanIn[TanPos(i)]));
        var tanOuts = lin.Outputs.ToArray();
        var linBody = new Graph([.. linInputs], [], [], [.. lin.Equations], tanOuts);

        Tensor[] linArgs =
        [
            .. constRes.Select(r => xs[IndexIn(jvp, r)!.Value]),
            .. tc.Select(i => ts[i]!),
            .. tk.Select(i => ts[i] ?? Transposer.Zeros(xs[i].Aval.Strong())),
            .. fwd.Skip(nk + ny),
            .. tx.Select(i => ts[i]!),
        ];
        var linOut = Prims.Scan.Bind(linArgs, With(p, linBody, constRes.Length + tc.Length, tk.Length));

        var tangents = new Tensor?[nk + ny];
        int at = 0;
        for (int i = 0; i < nk + ny; i++)
            if (nonZero[i]) tangents[i] = linOut[at++];
        return (fwd.Take(nk + ny).ToArray(), tangents);
    }

    private static int? IndexIn(Graph g, Var v)
    {
        for (int i = 0; i < g.Inputs.Count; i++)
            if (g.Inputs[i] == v) return i;
        return null;
    }

    /// <summary>
    /// A scan linear in its null operands (all carries are taken as linear): the transposed body
    /// runs in the other direction, carrying the cotangents of the carry and accumulating those
    /// of the linear consts; the cotangents of linear xs come out as its ys.
    /// </summary>
    public static Tensor?[] Transpose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var body = ((ScanParams)p).Body;
        int nc = ((ScanParams)p).NumConsts, nk = ((ScanParams)p).NumCarry, length = ((ScanParams)p).Length;
        int n = ins.Length, nx = n - nc - nk, ny = body.Outputs.Count - nk;
        int[] knownC = Enumerable.Range(0, nc).Where(i => ins[i] is not null).ToArray();
        int[] linC = Enumerable.Range(0, nc).Where(i => ins[i] is null).ToArray();
        int[] knownX = Enumerable.Range(nc + nk, nx).Where(i => ins[i] is not null).ToArray();
        int[] linX = Enumerable.Range(nc + nk, nx).Where(i => ins[i] is null).ToArray();
        var bodyAvals = body.InputAvals;
        var outAvals = body.OutputAvals;

        // Transposed body: consts (known consts), carry (const cts, carry cts), xs (known xs, y cts).
        Aval[] tAvals =
        [
            .. knownC.Select(i => bodyAvals[i]),
            .. linC.Select(i => bodyAvals[i].Strong()),
            .. Enumerable.Range(nc, nk).Select(i => bodyAvals[i].Strong()),
            .. knownX.Select(i => bodyAvals[i]),
            .. outAvals.Skip(nk).Select(a => a.Strong()),
        ];
        var tBody = ControlFlowGraphs.TraceClosed(a =>
        {
            int o = 0;
            var known = new Tensor?[n];
            foreach (int i in knownC) known[i] = a[o++];
            var ctC = a[o..(o + linC.Length)];
            o += linC.Length;
            var ctK = a[o..(o + nk)];
            o += nk;
            foreach (int i in knownX) known[i] = a[o++];
            var ctY = a[o..];
            var inCts = ControlFlowGraphs.Transpose(body, known, [.. ctK, .. ctY]);
            return
            [
                .. linC.Select((i, j) => Ops.Add(ctC[j], inCts[i]!)),
                .. Enumerable.Range(nc, nk).Select(i => inCts[i]!),
                .. linX.Select(i => inCts[i]!),
            ];
        }, tAvals, "transpose of scan");

        Tensor[] args =
        [
            .. knownC.Select(i => ins[i]!),
            .. linC.Select(i => Transposer.Zeros(avals[i].Strong())),
            .. Enumerable.Range(0, nk).Select(k => cts[k] ?? Transposer.Zeros(avals[nc + k].Strong())),
            .. knownX.Select(i => ins[i]!),
            .. Enumerable.Range(0, ny).Select(j => cts[nk + j] ?? Transposer.Zeros(ControlFlowGraphs.WithBatch(outAvals[nk + j].Strong(), length))),
        ];
        var outs = Prims.Scan.Bind(args, With(p, tBody, knownC.Length, linC.Length + nk, !((ScanParams)p).Reverse));
        var result = new Tensor?[n];
        for (int j = 0; j < linC.Length; j++) result[linC[j]] = outs[j];
        for (int k = 0; k < nk; k++) result[nc + k] = ins[nc + k] is null ? outs[linC.Length + k] : null;
        for (int j = 0; j < linX.Length; j++) result[linX[j]] = outs[linC.Length + nk + j];
        return result;
    }

    /// <summary>Batches the body: carries are always batched (at 0), xs at axis 1, ys come out at axis 1.</summary>
    public static (Tensor[] Outputs, int?[] OutAxes) Batch(Tensor[] xs, int?[] axes, Params p)
    {
        var body = ((ScanParams)p).Body;
        int nc = ((ScanParams)p).NumConsts, nk = ((ScanParams)p).NumCarry;
        int size = Batching.Size(xs, axes);
        var batched = new bool[xs.Length];
        var args = new Tensor[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            if (i >= nc && i < nc + nk)
            {
                batched[i] = true;
                args[i] = Batching.ToFront(xs[i], axes[i], size);
            }
            else if (axes[i] is int a)
            {
                batched[i] = true;
                args[i] = Batching.MoveAxis(xs[i], a, i < nc ? 0 : 1);
            }
            else args[i] = xs[i];
        }
        var bBody = ControlFlowGraphs.Batched(body, batched, size);
        var outs = Prims.Scan.Bind(args, (ScanParams)p with { Body = bBody });
        return (outs, outs.Select((_, i) => (int?)(i < nk ? 0 : 1)).ToArray());
    }
}
