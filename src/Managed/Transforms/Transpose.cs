namespace Axle;

/// <summary>
/// Runs the linear part of a linearized graph backwards (JAX's backward_pass): each linear
/// equation, last first, turns its output cotangents into cotangents of its linear operands
/// with its primitive's transpose rule; cotangents reaching one var are summed.
/// </summary>
internal static class Transposer
{
    /// <summary>
    /// Walks <paramref name="equations"/> backwards. <paramref name="linear"/> holds the vars that
    /// depend on the tangents; <paramref name="forward"/> the values of the others that linear
    /// equations read; <paramref name="cts"/> is seeded with output cotangents and receives the rest.
    /// </summary>
    public static void Backward(IReadOnlyList<Equation> equations, HashSet<Var> linear,
        IReadOnlyDictionary<Var, Tensor> forward, Dictionary<Var, Tensor> cts)
    {
        for (int e = equations.Count - 1; e >= 0; e--)
        {
            var eq = equations[e];
            if (!linear.Contains(eq.Outputs[0])) continue;
            var outCts = eq.Outputs.Select(v => cts.Remove(v, out var ct) ? ct : null).ToArray();
            if (outCts.All(c => c is null)) continue;
            var inputs = new Tensor?[eq.Inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = eq.Inputs[i] switch
                {
                    Literal l => l.Value,
                    Var v when linear.Contains(v) => null,
                    Var v => forward[v],
                    _ => throw new InvalidOperationException("unknown atom"),
                };
            }
            var avals = eq.Inputs.Select(a => a.Aval).ToArray();
            Tensor?[] inCts = eq.Primitive.RequireTranspose()(outCts, inputs, avals, eq.Params);
            if (inCts.Length != inputs.Length)
                throw new InvalidOperationException($"the transpose rule of '{eq.Primitive.Name}' returned {inCts.Length} cotangents for {inputs.Length} operands");
            for (int i = 0; i < inputs.Length; i++)
            {
                if (inputs[i] is not null || inCts[i] is not Tensor ct) continue;
                Accumulate(cts, (Var)eq.Inputs[i], ct);
            }
        }
    }

    /// <summary>Adds <paramref name="ct"/> to the cotangent of <paramref name="v"/>, checking its aval.</summary>
    public static void Accumulate(Dictionary<Var, Tensor> cts, Var v, Tensor ct)
    {
        if (ct.Shape != v.Aval.Shape)
            throw new InvalidOperationException($"a cotangent of shape {ct.Shape} reached a value of shape {v.Aval.Shape} (a transpose rule is wrong)");
        if (ct.DType != v.Aval.DType) ct = Ops.ConvertElementType(ct, v.Aval.DType, weak: false);
        cts[v] = cts.TryGetValue(v, out var prev) ? Prims.Add.Bind1([prev, ct]) : ct;
    }

    /// <summary>A strongly typed zero tensor of <paramref name="aval"/>'s dtype and shape.</summary>
    public static Tensor Zeros(Aval aval) => Ops.Zeros(aval.Shape.ToArray(), aval.DType);
}
