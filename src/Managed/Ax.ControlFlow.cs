namespace Axle;

/// <summary>Structured control flow (JAX's <c>lax.cond</c>, <c>switch</c>, <c>while_loop</c>, <c>fori_loop</c>, <c>scan</c>).</summary>
public static partial class Ax
{
    /// <summary>
    /// <c>pred ? trueFn(operands) : falseFn(operands)</c> as one <c>stablehlo.case</c>: only the taken
    /// branch runs. Both branches must return outputs of the same dtypes and shapes. Differentiable
    /// (forward and reverse) and batchable; a batched predicate runs both branches and selects.
    /// </summary>
    /// <param name="pred">A bool scalar.</param>
    /// <param name="trueFn">The branch taken when <paramref name="pred"/> is true.</param>
    /// <param name="falseFn">The branch taken otherwise.</param>
    /// <param name="operands">The values passed to the branch.</param>
    public static Tensor[] Cond(Tensor pred, Func<Tensor[], Tensor[]> trueFn, Func<Tensor[], Tensor[]> falseFn, params Tensor[] operands)
    {
        ArgumentNullException.ThrowIfNull(pred);
        if (pred.Rank != 0) throw new ArgumentException($"Cond: the predicate must be a scalar; got shape {pred.Shape}", nameof(pred));
        var index = Ops.ConvertElementType(Ops.ConvertElementType(pred, DType.Bool, weak: false), DType.I32, weak: false);
        return ControlFlow.Switch(index, [falseFn, trueFn], operands, ["falseFn", "trueFn"]);
    }

    /// <summary>Single-operand, single-output <see cref="Cond(Tensor, Func{Tensor[], Tensor[]}, Func{Tensor[], Tensor[]}, Tensor[])"/>.</summary>
    /// <param name="pred">A bool scalar.</param>
    /// <param name="trueFn">The branch taken when <paramref name="pred"/> is true.</param>
    /// <param name="falseFn">The branch taken otherwise.</param>
    /// <param name="operand">The value passed to the branch.</param>
    public static Tensor Cond(Tensor pred, Func<Tensor, Tensor> trueFn, Func<Tensor, Tensor> falseFn, Tensor operand)
    {
        ArgumentNullException.ThrowIfNull(trueFn);
        ArgumentNullException.ThrowIfNull(falseFn);
        return Cond(pred, a => [trueFn(a[0])], a => [falseFn(a[0])], operand)[0];
    }

    /// <summary>
    /// <c>branches[index](operands)</c> as one <c>stablehlo.case</c>. The index is clamped to
    /// <c>[0, branches.Length - 1]</c>, as in JAX.
    /// </summary>
    /// <param name="index">An integer scalar.</param>
    /// <param name="branches">The branches; all must return outputs of the same dtypes and shapes.</param>
    /// <param name="operands">The values passed to the branch.</param>
    public static Tensor[] Switch(Tensor index, Func<Tensor[], Tensor[]>[] branches, params Tensor[] operands)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(branches);
        if (branches.Length == 0) throw new ArgumentException("Switch needs at least one branch", nameof(branches));
        if (index.Rank != 0 || !index.DType.IsInteger())
            throw new ArgumentException($"Switch: the index must be an integer scalar; got {index.DType.ShortName()}{index.Shape}", nameof(index));
        var i = Ops.ConvertElementType(index, DType.I32, weak: false);
        i = Ops.Where(Ops.Less(i, 0), 0, Ops.Where(Ops.Greater(i, branches.Length - 1), branches.Length - 1, i));
        return ControlFlow.Switch(i, branches, operands, branches.Select((_, k) => $"branches[{k}]").ToArray());
    }

    /// <summary>
    /// <c>while (condFn(carry)) carry = bodyFn(carry);</c> as one <c>stablehlo.while</c>.
    /// Forward-differentiable and batchable; reverse mode throws (the trip count is dynamic):
    /// use <see cref="ForiLoop(int, int, Func{Tensor, Tensor[], Tensor[]}, Tensor[])"/> or <see cref="Scan(Func{Tensor[], Tensor[], ValueTuple{Tensor[], Tensor[]}}, Tensor[], Tensor[], int?, bool)"/>.
    /// </summary>
    /// <param name="condFn">Returns a bool scalar: whether to run the body again.</param>
    /// <param name="bodyFn">Returns the next carry (same dtypes and shapes).</param>
    /// <param name="initVal">The initial carry.</param>
    public static Tensor[] WhileLoop(Func<Tensor[], Tensor> condFn, Func<Tensor[], Tensor[]> bodyFn, Tensor[] initVal) =>
        ControlFlow.While(condFn, bodyFn, initVal);

    /// <summary>Single-carry <see cref="WhileLoop(Func{Tensor[], Tensor}, Func{Tensor[], Tensor[]}, Tensor[])"/>.</summary>
    /// <param name="condFn">Returns a bool scalar: whether to run the body again.</param>
    /// <param name="bodyFn">Returns the next carry.</param>
    /// <param name="initVal">The initial carry.</param>
    public static Tensor WhileLoop(Func<Tensor, Tensor> condFn, Func<Tensor, Tensor> bodyFn, Tensor initVal)
    {
        ArgumentNullException.ThrowIfNull(condFn);
        ArgumentNullException.ThrowIfNull(bodyFn);
        return ControlFlow.While(c => condFn(c[0]), c => [bodyFn(c[0])], [initVal])[0];
    }

    /// <summary>
    /// <c>for (i = lower; i &lt; upper; i++) carry = bodyFn(i, carry);</c> with static bounds:
    /// implemented with <c>Scan</c>, so it is reverse-differentiable. <c>i</c> is an i32 scalar.
    /// </summary>
    /// <param name="lower">The first index.</param>
    /// <param name="upper">One past the last index.</param>
    /// <param name="bodyFn">Returns the next carry from the index and the carry.</param>
    /// <param name="initVal">The initial carry.</param>
    public static Tensor[] ForiLoop(int lower, int upper, Func<Tensor, Tensor[], Tensor[]> bodyFn, Tensor[] initVal)
    {
        ArgumentNullException.ThrowIfNull(bodyFn);
        ArgumentNullException.ThrowIfNull(initVal);
        var i0 = Ops.ConvertElementType(lower, DType.I32, weak: false);
        var (carry, _) = Scan((c, _) => ([Ops.Add(c[0], 1), .. bodyFn(c[0], c[1..])], []),
            [i0, .. initVal], [], Math.Max(0, upper - lower));
        return carry[1..];
    }

    /// <summary>Single-carry <see cref="ForiLoop(int, int, Func{Tensor, Tensor[], Tensor[]}, Tensor[])"/>.</summary>
    /// <param name="lower">The first index.</param>
    /// <param name="upper">One past the last index.</param>
    /// <param name="bodyFn">Returns the next carry from the index and the carry.</param>
    /// <param name="initVal">The initial carry.</param>
    public static Tensor ForiLoop(int lower, int upper, Func<Tensor, Tensor, Tensor> bodyFn, Tensor initVal)
    {
        ArgumentNullException.ThrowIfNull(bodyFn);
        return ForiLoop(lower, upper, (i, c) => [bodyFn(i, c[0])], [initVal])[0];
    }

    /// <summary>
    /// <see cref="ForiLoop(int, int, Func{Tensor, Tensor[], Tensor[]}, Tensor[])"/> with traced
    /// (integer scalar) bounds: a <c>WhileLoop</c>, so forward-differentiable only.
    /// </summary>
    /// <param name="lower">The first index (integer scalar).</param>
    /// <param name="upper">One past the last index (integer scalar).</param>
    /// <param name="bodyFn">Returns the next carry from the index and the carry.</param>
    /// <param name="initVal">The initial carry.</param>
    public static Tensor[] ForiLoop(Tensor lower, Tensor upper, Func<Tensor, Tensor[], Tensor[]> bodyFn, Tensor[] initVal)
    {
        ArgumentNullException.ThrowIfNull(bodyFn);
        ArgumentNullException.ThrowIfNull(initVal);
        CheckBound(lower, nameof(lower));
        CheckBound(upper, nameof(upper));
        var lo = Ops.ConvertElementType(lower, DType.I32, weak: false);
        var hi = Ops.ConvertElementType(upper, DType.I32, weak: false);
        var r = ControlFlow.While(c => Ops.Less(c[0], c[1]), c => [Ops.Add(c[0], 1), c[1], .. bodyFn(c[0], c[2..])], [lo, hi, .. initVal]);
        return r[2..];
    }

    /// <summary>
    /// JAX's <c>lax.scan</c>: <c>for t in 0..length: (carry, ys[t]) = f(carry, xs[t])</c> as one
    /// <c>stablehlo.while</c>; xs are sliced along their leading axis and ys stacked along it.
    /// Differentiable in both modes (reverse mode saves residuals per step) and batchable.
    /// </summary>
    /// <param name="f">The step: (carry, x slices) → (next carry, y slices).</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="xs">The scanned inputs (same leading size); may be empty when <paramref name="length"/> is given.</param>
    /// <param name="length">The number of steps; needed when <paramref name="xs"/> is empty.</param>
    /// <param name="reverse">Run from the last slice to the first (ys are still stored at their index).</param>
    public static (Tensor[] Carry, Tensor[] Ys) Scan(Func<Tensor[], Tensor[], (Tensor[] Carry, Tensor[] Ys)> f, Tensor[] init,
        Tensor[] xs, int? length = null, bool reverse = false) =>
        ControlFlow.Scan(f, init, xs, length, reverse);

    /// <summary>Single-carry, single-x <see cref="Scan(Func{Tensor[], Tensor[], ValueTuple{Tensor[], Tensor[]}}, Tensor[], Tensor[], int?, bool)"/>.</summary>
    /// <param name="f">The step: (carry, x) → (next carry, y).</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="xs">The scanned input.</param>
    /// <param name="reverse">Run from the last slice to the first.</param>
    public static (Tensor Carry, Tensor Ys) Scan(Func<Tensor, Tensor, (Tensor Carry, Tensor Y)> f, Tensor init, Tensor xs, bool reverse = false)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (c, ys) = ControlFlow.Scan((c, x) =>
        {
            var (c1, y) = f(c[0], x[0]);
            return ([c1], [y]);
        }, [init], [xs], null, reverse);
        return (c[0], ys[0]);
    }

    private static void CheckBound(Tensor bound, string name)
    {
        ArgumentNullException.ThrowIfNull(bound, name);
        if (bound.Rank != 0 || !bound.DType.IsInteger())
            throw new ArgumentException($"ForiLoop: {name} must be an integer scalar; got {bound.Aval.Strong()}{Errors.CallSite()}", name);
    }
}
