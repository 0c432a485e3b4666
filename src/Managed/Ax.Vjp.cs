namespace Axle;

public static partial class Ax
{
    /// <summary>
    /// Forward mode: <paramref name="f"/>'s output at <paramref name="primal"/> and its directional
    /// derivative along <paramref name="tangent"/> (JAX's <c>jax.jvp</c>).
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="primal">The point.</param>
    /// <param name="tangent">The direction: the primal's shape; its dtype is converted to the primal's.</param>
    /// <exception cref="ArgumentException">The tangent's shape differs from the primal's.</exception>
    public static (Tensor Output, Tensor Tangent) Jvp(Func<Tensor, Tensor> f, Tensor primal, Tensor tangent)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(primal);
        ArgumentNullException.ThrowIfNull(tangent);
        var (outs, tangents) = Jvp(xs => [f(xs[0])], [primal], [tangent]);
        return (outs[0], tangents[0]);
    }

    /// <summary>Forward mode for functions of several tensors: outputs and output tangents (zeros where an output does not depend on the inputs).</summary>
    /// <param name="f">The function.</param>
    /// <param name="primals">The point, one tensor per argument.</param>
    /// <param name="tangents">The direction, one tensor per argument with its shape.</param>
    /// <exception cref="ArgumentException">Counts or shapes of primals and tangents differ.</exception>
    public static (Tensor[] Outputs, Tensor[] Tangents) Jvp(Func<Tensor[], Tensor[]> f, Tensor[] primals, Tensor[] tangents)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(primals);
        ArgumentNullException.ThrowIfNull(tangents);
        if (primals.Length != tangents.Length)
            throw new ArgumentException($"jvp: {primals.Length} primal(s) but {tangents.Length} tangent(s)", nameof(tangents));
        var ts = new Tensor?[primals.Length];
        for (int i = 0; i < primals.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(primals[i], nameof(primals));
            ArgumentNullException.ThrowIfNull(tangents[i], nameof(tangents));
            if (tangents[i].Shape != primals[i].Shape)
                throw new ArgumentException($"jvp: tangent {i} has shape {tangents[i].Shape} but its primal has shape {primals[i].Shape}", nameof(tangents));
            if (!primals[i].DType.IsFloat()) continue;
            ts[i] = tangents[i].DType == primals[i].DType && !tangents[i].IsWeak
                ? tangents[i] : Ops.ConvertElementType(tangents[i], primals[i].DType, weak: false);
        }
        var (outs, touts) = Axle.Jvp.Run(f, primals, ts);
        return (outs, touts.Select((t, i) => t ?? Ad.ZerosLike(outs[i])).ToArray());
    }

    /// <summary>
    /// Reverse mode: <paramref name="f"/>'s output at <paramref name="primal"/> and the pullback,
    /// which maps a cotangent of the output (its shape) to the cotangent of the input (JAX's <c>jax.vjp</c>).
    /// The pullback may be called several times.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="primal">The point.</param>
    public static (Tensor Output, Func<Tensor, Tensor> Pullback) Vjp(Func<Tensor, Tensor> f, Tensor primal)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(primal);
        var (outs, pullback) = Vjp(xs => [f(xs[0])], primal);
        return (outs[0], ct => pullback([ct])[0]);
    }

    /// <summary>Reverse mode for a function of two tensors: the pullback returns both input cotangents.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static (Tensor Output, Func<Tensor, Tensor[]> Pullback) Vjp(Func<Tensor, Tensor, Tensor> f, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (outs, pullback) = Vjp(xs => [f(xs[0], xs[1])], x, y);
        return (outs[0], ct => pullback([ct]));
    }

    /// <summary>
    /// Reverse mode for functions of several tensors: outputs and a pullback from output
    /// cotangents to input cotangents. Integer and bool inputs get zero cotangents.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="primals">The point, one tensor per argument.</param>
    /// <exception cref="ArgumentException">(from the pullback) Wrong number or shapes of cotangents.</exception>
    public static (Tensor[] Outputs, Func<Tensor[], Tensor[]> Pullback) Vjp(Func<Tensor[], Tensor[]> f, params Tensor[] primals)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(primals);
        foreach (var p in primals) ArgumentNullException.ThrowIfNull(p, nameof(primals));
        bool[] wrt = primals.Select(p => p.DType.IsFloat()).ToArray();
        var lin = Linearized.Of(f, primals, wrt, withOutputs: true);
        var outAvals = lin.OutputAvals;
        return (lin.Outputs, Pullback);

        Tensor[] Pullback(Tensor[] cts)
        {
            ArgumentNullException.ThrowIfNull(cts);
            if (cts.Length != outAvals.Length)
                throw new ArgumentException($"the pullback takes {outAvals.Length} cotangent(s); got {cts.Length}", nameof(cts));
            var seeds = new Tensor?[cts.Length];
            for (int i = 0; i < cts.Length; i++)
            {
                ArgumentNullException.ThrowIfNull(cts[i], nameof(cts));
                if (cts[i].Shape != outAvals[i].Shape)
                    throw new ArgumentException($"cotangent {i} has shape {cts[i].Shape} but output {i} has shape {outAvals[i].Shape}", nameof(cts));
                if (outAvals[i].DType.IsFloat())
                    seeds[i] = cts[i].DType == outAvals[i].DType && !cts[i].IsWeak ? cts[i] : Ops.ConvertElementType(cts[i], outAvals[i].DType, weak: false);
            }
            var grads = lin.Pullback(seeds);
            var result = new Tensor[primals.Length];
            for (int i = 0, k = 0; i < primals.Length; i++)
                result[i] = wrt[i] ? grads[k++] : Ad.ZerosLike(primals[i]);
            return result;
        }
    }

    /// <summary>
    /// The Jacobian by forward mode (one jvp per input element, vectorized with <c>Vmap</c>):
    /// shape <c>output.Shape + input.Shape</c>. Cheaper than <see cref="JacRev"/> for few inputs.
    /// </summary>
    /// <param name="f">A function of one floating-point tensor.</param>
    public static Func<Tensor, Tensor> JacFwd(Func<Tensor, Tensor> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Func<Tensor, Tensor>)GradMemo.GetOrCreateValue(f).GetOrAdd("jacfwd", _ => new Func<Tensor, Tensor>(x =>
        {
            ArgumentNullException.ThrowIfNull(x);
            var basis = Basis(x.Aval);
            var columns = Vmap(v => Jvp(f, x, v).Tangent)(basis);        // (n, *out)
            var outShape = columns.Shape.Skip(1).Select(d => d.Value).ToArray();
            var moved = columns.Rank == 1 ? columns : Ops.MoveAxis(columns, 0, -1);
            return Ops.Reshape(moved, [.. outShape, .. x.Shape.ToArray()]);
        }));
    }

    /// <summary>
    /// The Jacobian by reverse mode (one pullback per output element, vectorized with <c>Vmap</c>):
    /// shape <c>output.Shape + input.Shape</c>. Cheaper than <see cref="JacFwd"/> for few outputs.
    /// </summary>
    /// <param name="f">A function of one floating-point tensor.</param>
    public static Func<Tensor, Tensor> JacRev(Func<Tensor, Tensor> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Func<Tensor, Tensor>)GradMemo.GetOrCreateValue(f).GetOrAdd("jacrev", _ => new Func<Tensor, Tensor>(x =>
        {
            ArgumentNullException.ThrowIfNull(x);
            var (y, pullback) = Vjp(f, x);
            var rows = Vmap(pullback)(Basis(y.Aval));                       // (m, *in)
            return Ops.Reshape(rows, [.. y.Shape.ToArray(), .. x.Shape.ToArray()]);
        }));
    }

    /// <summary>
    /// The Hessian of a scalar function: forward-over-reverse, <c>JacFwd(Grad(f))</c>; shape
    /// <c>input.Shape + input.Shape</c>.
    /// </summary>
    /// <param name="f">A function returning a floating-point scalar.</param>
    public static Func<Tensor, Tensor> Hessian(Func<Tensor, Tensor> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Func<Tensor, Tensor>)GradMemo.GetOrCreateValue(f).GetOrAdd("hessian", _ => JacFwd(Grad(f)));
    }

    /// <summary>
    /// <paramref name="f"/> with a custom derivative (JAX's <c>custom_jvp</c>): under <c>Jvp</c>,
    /// <c>Grad</c> and the Jacobians the output tangent is <paramref name="jvp"/>(x, t) instead of
    /// the derivative of <paramref name="f"/>'s body; use it for numerically stable or cheaper
    /// rules. The rule must be linear in the tangent. It applies when differentiation is the
    /// innermost transform around the call (a <c>Vmap</c> between them traces <paramref name="f"/>'s body).
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="jvp">(primal, tangent) → (output, output tangent).</param>
    public static Func<Tensor, Tensor> CustomJvp(Func<Tensor, Tensor> f, Func<Tensor, Tensor, (Tensor Output, Tensor Tangent)> jvp)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(jvp);
        return x => CustomDerivatives.CallJvp(xs => [f(xs[0])], (ps, ts) =>
        {
            var (y, t) = jvp(ps[0], ts[0]);
            return ([y], [t]);
        }, [x])[0];
    }

    /// <inheritdoc cref="CustomJvp(Func{Tensor, Tensor}, Func{Tensor, Tensor, ValueTuple{Tensor, Tensor}})"/>
    public static Func<Tensor[], Tensor[]> CustomJvp(Func<Tensor[], Tensor[]> f, Func<Tensor[], Tensor[], (Tensor[] Outputs, Tensor[] Tangents)> jvp)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(jvp);
        return xs => CustomDerivatives.CallJvp(f, (ps, ts) => jvp(ps, ts), xs);
    }

    /// <summary>
    /// <paramref name="f"/> with a custom reverse-mode derivative (JAX's <c>custom_vjp</c>):
    /// <paramref name="fwd"/> computes the output and residuals, <paramref name="bwd"/> maps the
    /// residuals and the output cotangent to the input cotangent. Forward mode (<c>Jvp</c>,
    /// <c>JacFwd</c>) of such a function is not supported, as in JAX; <c>Hessian</c> (forward over reverse) is.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="fwd">x → (output, residuals).</param>
    /// <param name="bwd">(residuals, output cotangent) → input cotangent.</param>
    public static Func<Tensor, Tensor> CustomVjp(Func<Tensor, Tensor> f, Func<Tensor, (Tensor Output, Tensor[] Residuals)> fwd,
        Func<Tensor[], Tensor, Tensor> bwd)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(fwd);
        ArgumentNullException.ThrowIfNull(bwd);
        return x => CustomDerivatives.CallVjp(xs => [f(xs[0])], xs =>
        {
            var (y, res) = fwd(xs[0]);
            return ([y], res);
        }, (res, cts) => [bwd(res, cts[0])], [x])[0];
    }

    /// <inheritdoc cref="CustomVjp(Func{Tensor, Tensor}, Func{Tensor, ValueTuple{Tensor, Tensor[]}}, Func{Tensor[], Tensor, Tensor})"/>
    public static Func<Tensor[], Tensor[]> CustomVjp(Func<Tensor[], Tensor[]> f, Func<Tensor[], (Tensor[] Outputs, Tensor[] Residuals)> fwd,
        Func<Tensor[], Tensor[], Tensor[]> bwd)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(fwd);
        ArgumentNullException.ThrowIfNull(bwd);
        return xs => CustomDerivatives.CallVjp(f, ps => fwd(ps), bwd, xs);
    }

    // The standard basis of aval's space, stacked: shape (n, *aval.Shape).
    private static Tensor Basis(Aval aval)
    {
        int n = aval.Shape.ElementCount;
        if (!aval.DType.IsFloat())
            throw new ArgumentException($"Jacobians need a floating-point input; x is {aval.Strong()}", "x");
        return Ops.Reshape(Ops.Eye(n, dtype: aval.DType), [n, .. aval.Shape.ToArray()]);
    }
}
