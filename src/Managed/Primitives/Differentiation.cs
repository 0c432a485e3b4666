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
        .DefBatch((xs, axes, _) => ([xs[0]], [axes[0]])).NonLinear();

    // custom_lin[num_res, bwd, out_avals](residuals..., tangents...): the tangents of a CustomVjp
    // function's outputs, linear in `tangents`; transposing it calls `bwd(residuals, cotangents)`.
    public static readonly Primitive CustomLin = new Primitive("custom_lin",
        (_, p) => ((CustomLinParams)p).OutAvals,
        (_, _, _) => throw new InvalidOperationException(
            "forward-mode differentiation (Jvp, JacFwd, Hessian) of a CustomVjp function is not supported: give it a CustomJvp rule"))
        .DefTranspose((cts, ins, avals, p) =>
        {
            var (nres, backward, outAvals) = (CustomLinParams)p;
            var bwd = backward.Function;
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
        }).Linear();
}

/// <summary>
/// custom_lin's parameters: how many leading inputs are residuals, the CustomVjp backward function and the
/// outputs' avals. Both the function and the aval array compare by reference: a custom_lin equation is
/// one call's, never shared with another call's.
/// </summary>
internal sealed record CustomLinParams(int NumRes, CustomLinParams.Backward Bwd, Aval[] OutAvals) : Params
{
    /// <summary>The backward function, in a class of its own so that equality is identity (a delegate's is its target and method).</summary>
    internal sealed class Backward(Func<Tensor[], Tensor[], Tensor[]> function)
    {
        public Func<Tensor[], Tensor[], Tensor[]> Function { get; } = function;
    }
}
