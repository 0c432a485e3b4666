namespace Axle;

/// <summary>
/// The primitives of the differentiation machinery itself (JAX's ad_util / custom_derivatives):
/// <c>stop_gradient</c>, and <c>custom_lin</c>, the linear stand-in for a CustomVjp function's
/// tangent, which is never lowered: reverse mode transposes it into the user's backward function.
/// </summary>
internal static partial class Prims
{
    // stop_gradient(x) = x, with a zero derivative.
    public static readonly Primitive StopGradient = new Primitive("stop_gradient", (ins, _) =>
    {
        Elementwise.Expect("stop_gradient", ins, 1);
        return [ins[0]];
    }, (_, xs, _) => [xs[0]])
        .DefZeroJvp()
        .DefBatch((xs, axes, _) => ([xs[0]], [axes[0]]));

    // custom_lin[num_res, bwd, out_avals](residuals..., tangents...): the tangents of a CustomVjp
    // function's outputs, linear in `tangents`; transposing it calls `bwd(residuals, cotangents)`.
    public static readonly Primitive CustomLin = new Primitive("custom_lin",
        (_, p) => p.Get<Aval[]>("out_avals"),
        (_, _, _) => throw new InvalidOperationException(
            "forward-mode differentiation (Jvp, JacFwd, Hessian) of a CustomVjp function is not supported: give it a CustomJvp rule"))
        .DefTranspose((cts, ins, avals, p) =>
        {
            int nres = p.Get<int>("num_res");
            var bwd = p.Get<Func<Tensor[], Tensor[], Tensor[]>>("bwd");
            var outAvals = p.Get<Aval[]>("out_avals");
            var res = ins[..nres].Select(r => r ?? throw Ad.NotLinear("custom_lin", "residuals")).ToArray();
            var filled = cts.Select((c, i) => c ?? Ad.Zeros(outAvals[i].Strong())).ToArray();
            Tensor[] inCts = bwd(res, filled) ?? throw new InvalidOperationException("the CustomVjp backward function returned null");
            if (inCts.Length != ins.Length - nres)
                throw new InvalidOperationException($"the CustomVjp backward function returned {inCts.Length} cotangent(s) for {ins.Length - nres} input(s)");
            var result = new Tensor?[ins.Length];
            for (int i = 0; i < inCts.Length; i++)
            {
                var want = avals[nres + i];
                if (inCts[i] is null || inCts[i].Shape != want.Shape)
                    throw new InvalidOperationException($"the CustomVjp backward function returned {inCts[i]?.Aval.ToString() ?? "null"} for input {i}, which is {want}");
                result[nres + i] = inCts[i];
            }
            return result;
        });
}

/// <summary>Functions with user-given derivatives (<c>Ax.CustomJvp</c>, <c>Ax.CustomVjp</c>).</summary>
internal static class CustomDerivatives
{
    /// <summary>
    /// Calls <paramref name="f"/>; under forward or reverse mode (the innermost transform being
    /// differentiation) the output tangents come from <paramref name="jvp"/> instead of from
    /// differentiating <paramref name="f"/>'s body.
    /// </summary>
    public static Tensor[] CallJvp(Func<Tensor[], Tensor[]> f, Func<Tensor[], Tensor[], (Tensor[] Outs, Tensor[] Tangents)> jvp, Tensor[] args)
    {
        if (Jvp.Current is not JvpTrace trace) return f(args);
        return trace.ProcessCustom(args, f, (primals, tangents) =>
        {
            var full = tangents.Select((t, i) => t ?? Ad.ZerosLike(primals[i])).ToArray();
            var (outs, touts) = jvp(primals, full);
            if (outs is null || touts is null) throw new InvalidOperationException("a CustomJvp rule returned null");
            return (outs, touts.Select((t, i) => outs[i].DType.IsFloat() ? Cast(t, outs[i]) : null).ToArray());
        });
    }

    /// <summary>
    /// Calls <paramref name="f"/>; under differentiation the forward pass is <paramref name="fwd"/>
    /// (outputs and residuals) and reverse mode pulls cotangents back with <paramref name="bwd"/>.
    /// </summary>
    public static Tensor[] CallVjp(Func<Tensor[], Tensor[]> f, Func<Tensor[], (Tensor[] Outs, Tensor[] Residuals)> fwd,
        Func<Tensor[], Tensor[], Tensor[]> bwd, Tensor[] args)
    {
        if (Jvp.Current is not JvpTrace trace) return f(args);
        return trace.ProcessCustom(args, f, (primals, tangents) =>
        {
            var (outs, res) = fwd(primals);
            if (outs is null || res is null) throw new InvalidOperationException("a CustomVjp forward function returned null");
            var full = tangents.Select((t, i) => t ?? Ad.ZerosLike(primals[i])).ToArray();
            var outAvals = outs.Select(o => o.Aval.Strong()).ToArray();
            var p = Params.Of(("num_res", res.Length), ("bwd", bwd), ("out_avals", outAvals));
            var touts = Prims.CustomLin.Bind([.. res, .. full], p);
            return (outs, touts.Select((t, i) => outs[i].DType.IsFloat() ? t : null).ToArray());
        });
    }

    private static Tensor Cast(Tensor t, Tensor like)
    {
        if (t.Shape != like.Shape)
            throw new InvalidOperationException($"a CustomJvp rule returned a tangent of shape {t.Shape} for an output of shape {like.Shape}");
        return t.DType == like.DType && !t.IsWeak ? t : Ops.ConvertElementType(t, like.DType, weak: false);
    }
}
