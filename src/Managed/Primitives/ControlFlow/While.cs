using Axle.Lowering;

namespace Axle;

/// <summary>
/// while: the predicate and body graphs (compared by reference) and how many leading operands
/// are the predicate's and the body's hoisted consts.
/// </summary>
internal sealed record WhileParams(Graph Cond, Graph Body, int NumCondConsts, int NumBodyConsts) : Params;

/// <summary>
/// while[cond, body, num_cond_consts, num_body_consts](cond consts..., body consts..., carry...):
/// params cond (cond consts, carry → bool scalar), body (body consts, carry → carry); lowers to
/// <c>stablehlo.while</c> (JAX's <c>lax.while_loop</c>).
/// </summary>
internal static partial class Prims
{
    public static readonly Primitive While = new Primitive("while", WhileRules.Infer, WhileRules.Lower)
        .DefJvp(WhileRules.Jvp).DefTranspose(WhileRules.Transpose).DefBatch(WhileRules.Batch).Linear();
}

/// <summary>
/// Shape rule, lowering and transform rules of <c>while</c>. Forward mode carries the tangents through the loop. The
/// primal results come from a loop of their own, so under reverse mode the primal outputs do not
/// depend on tangents and only the tangent loop is "linear" — whose transpose is the clear error
/// JAX gives (the trip count is dynamic, so the loop cannot be run backwards).
/// </summary>
internal static class WhileRules
{
    /// <summary>Shape rule: operands must match the graphs' inputs exactly.</summary>
    public static Aval[] Infer(Aval[] ins, Params p)
    {
        var cond = ((WhileParams)p).Cond;
        var body = ((WhileParams)p).Body;
        int ncc = ((WhileParams)p).NumCondConsts;
        ControlFlowGraphs.CheckOperands("while", ins, [.. cond.InputAvals.Take(ncc), .. body.InputAvals]);
        return body.OutputAvals.Select(a => a.Strong()).ToArray();
    }

    /// <summary>Lowering: the loop state is carried explicitly; bodies are traced graphs inlined into regions.</summary>
    public static Value[] Lower(LoweringContext ctx, Value[] xs, Params p)
    {
        var cond = ((WhileParams)p).Cond;
        var body = ((WhileParams)p).Body;
        int ncc = ((WhileParams)p).NumCondConsts, nbc = ((WhileParams)p).NumBodyConsts;
        var types = ctx.InAvals.Select(a => LoweringContext.TypeOf(a.Strong())).ToArray();
        var condRegion = ctx.Region(types, a => GraphToStablehlo.Emit(ctx, cond, [.. a.Take(ncc), .. a.Skip(ncc + nbc)]));
        var bodyRegion = ctx.Region(types, b => [.. b.Take(ncc + nbc), .. GraphToStablehlo.Emit(ctx, body, [.. b.Skip(ncc)])]);
        var results = ctx.Block.Op("stablehlo.while", xs, types, null, [condRegion, bodyRegion]);
        return results[(ncc + nbc)..];
    }

    public const string ReverseError =
        "Reverse-mode differentiation does not work for WhileLoop with a dynamic trip count; use ForiLoop with static bounds or Scan";

    public static (Tensor[] Primals, Tensor?[] Tangents) Jvp(Tensor[] xs, Tensor?[] ts, Params p)
    {
        var cond = ((WhileParams)p).Cond;
        var body = ((WhileParams)p).Body;
        int ncc = ((WhileParams)p).NumCondConsts, nbc = ((WhileParams)p).NumBodyConsts;
        int nk = xs.Length - ncc - nbc;
        var bodyTs = ts[ncc..];
        var withT = bodyTs.Select((t, i) => t is not null && ControlFlowGraphs.Differentiable(body.Inputs[i].Aval)).ToArray();
        Graph jvp;
        while (true)
        {
            var inst = Enumerable.Range(0, nk).Select(k => withT[nbc + k]).ToArray();
            bool[] nonZero;
            (jvp, nonZero) = ControlFlowGraphs.JvpGraph(body, withT, inst);
            bool changed = false;
            for (int k = 0; k < nk; k++)
                if (nonZero[k] && !withT[nbc + k] && ControlFlowGraphs.Differentiable(body.Inputs[nbc + k].Aval))
                    withT[nbc + k] = changed = true;
            if (!changed) break;
        }
        var primal = Prims.While.Bind(xs, p);

        // The jvp loop: body consts (primal, tangent), carry (primal, tangent); the cond ignores tangents.
        int[] tb = Enumerable.Range(0, nbc).Where(i => withT[i]).ToArray();
        int[] tk = Enumerable.Range(nbc, nk).Where(i => withT[i]).ToArray();
        if (tk.Length == 0) return (primal, new Tensor?[nk]);
        var jIn = jvp.Inputs.ToArray();
        var tanVars = jIn[(nbc + nk)..];
        Var[] jvpInputs = [.. jIn[..nbc], .. tanVars[..tb.Length], .. jIn[nbc..(nbc + nk)], .. tanVars[tb.Length..]];
        var jBody = new Graph(jvpInputs, [], [], [.. jvp.Equations], [.. jvp.Outputs]);
        var condAvals = cond.InputAvals;
        var jCond = ControlFlowGraphs.TraceClosed(a => cond.Evaluate(a[..(ncc + nk)]),
            [.. condAvals, .. tk.Select(i => body.Inputs[i].Aval.Strong())], "jvp of while");
        Tensor[] args =
        [
            .. xs[..(ncc + nbc)], .. tb.Select(i => bodyTs[i]!),
            .. xs[(ncc + nbc)..], .. tk.Select(i => bodyTs[i] ?? Transposer.Zeros(xs[ncc + i].Aval.Strong())),
        ];
        var outs = Prims.While.Bind(args, (WhileParams)p with { Cond = jCond, Body = jBody, NumBodyConsts = nbc + tb.Length });
        var tangents = new Tensor?[nk];
        for (int j = 0; j < tk.Length; j++) tangents[tk[j] - nbc] = outs[nk + j];
        return (primal, tangents);
    }

    public static Tensor?[] Transpose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p) =>
        throw new InvalidOperationException(ReverseError);

    private static bool PassesThrough(Graph body, int input, int output) =>
        body.Outputs[output] is Var v && v == body.Inputs[input];

    /// <summary>
    /// Every carry is batched; the loop runs while any example's predicate holds, and an
    /// example whose predicate is false keeps its carry (select per example).
    /// </summary>
    public static (Tensor[] Outputs, int?[] OutAxes) Batch(Tensor[] xs, int?[] axes, Params p)
    {
        var cond = ((WhileParams)p).Cond;
        var body = ((WhileParams)p).Body;
        int ncc = ((WhileParams)p).NumCondConsts, nbc = ((WhileParams)p).NumBodyConsts;
        int nk = xs.Length - ncc - nbc;
        int size = Batching.Size(xs, axes);
        var batched = new bool[xs.Length];
        var args = new Tensor[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            batched[i] = i >= ncc + nbc || axes[i] is not null;
            args[i] = batched[i] ? Batching.ToFront(xs[i], axes[i], size) : xs[i];
        }
        bool[] condB = [.. batched[..ncc], .. batched[(ncc + nbc)..]];
        bool[] bodyB = batched[ncc..];
        var bCond = ControlFlowGraphs.Batched(cond, condB, size);
        var bBody = ControlFlowGraphs.Batched(body, bodyB, size);
        var avals = args.Select(a => a.Aval.Strong()).ToArray();
        Aval[] condAvals = [.. avals[..ncc], .. avals[(ncc + nbc)..]];
        var anyCond = ControlFlowGraphs.TraceClosed(a => [Ops.Any(bCond.Evaluate(a)[0])], condAvals, "vmap of while");
        // The new body takes the cond consts too, to mask finished examples.
        var selBody = ControlFlowGraphs.TraceClosed(a =>
        {
            var carry = a[(ncc + nbc)..];
            var pred = bCond.Evaluate([.. a[..ncc], .. carry])[0];
            var next = bBody.Evaluate(a[ncc..]);
            // A carry the body passes through unchanged needs no select: masking it would copy it every iteration
            // (a sampler's per-chain metric, 320 KB for 4 chains of 100 × 100, on every leapfrog step).
            return next.Select((v, k) => PassesThrough(bBody, nbc + k, k) ? v
                : Ops.Where(Ops.Reshape(pred, [size, .. Enumerable.Repeat(1, v.Rank - 1)]), v, carry[k])).ToArray();
        }, avals, "vmap of while");
        // The new body reads (cond consts, body consts) as its consts, so the cond consts go in twice.
        Tensor[] operands = [.. args[..ncc], .. args];
        var outs = Prims.While.Bind(operands, (WhileParams)p with { Cond = anyCond, Body = selBody, NumBodyConsts = ncc + nbc });
        return (outs, outs.Select(_ => (int?)0).ToArray());
    }
}
