namespace Axle;

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
            var p = new CustomLinParams(res.Length, new CustomLinParams.Backward(bwd), outAvals);
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
