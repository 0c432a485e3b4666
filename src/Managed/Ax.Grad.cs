using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Axle;

public static partial class Ax
{
    private static readonly ConditionalWeakTable<Delegate, ConcurrentDictionary<string, Delegate>> GradMemo = new();

    /// <summary>
    /// The gradient of a scalar function (reverse mode: JAX's linearize + transpose). The result
    /// is an ordinary function: it composes with <c>Jit</c>, <c>Vmap</c>, <c>Jvp</c> and itself
    /// (<c>Ax.Grad(Ax.Grad(f))</c>), and a jitted function inside <paramref name="f"/> is inlined.
    /// Memoized per (delegate, argnums), so <c>Ax.Jit(Ax.Grad(f))</c> in a loop compiles once.
    /// </summary>
    /// <param name="f">A function returning a floating-point scalar.</param>
    /// <remarks>
    /// Only floating-point arguments have gradients: asking for the gradient of an integer or
    /// bool argument throws <see cref="ArgumentException"/> naming it (JAX's float0 rule);
    /// integer arguments not in argnums are fine. Calls throw <see cref="ArgumentException"/>
    /// (<c>ParamName</c> "f") when the output is not a scalar: "Grad needs a scalar output; got shape (3,)".
    /// </remarks>
    public static Func<Tensor, Tensor> Grad(Func<Tensor, Tensor> f) =>
        GradOf(f, [0], false, g => new Func<Tensor, Tensor>(x => g.Call([x], false).Grads[0]));

    /// <inheritdoc cref="Grad(Func{Tensor, Tensor})"/>
    /// <param name="f">A function returning a floating-point scalar.</param>
    /// <param name="argnums">The argument to differentiate with respect to.</param>
    public static Func<Tensor, Tensor, Tensor> Grad(Func<Tensor, Tensor, Tensor> f, int argnums = 0) =>
        GradOf(f, [argnums], false, g => new Func<Tensor, Tensor, Tensor>((a, b) => g.Call([a, b], false).Grads[0]));

    /// <inheritdoc cref="Grad(Func{Tensor, Tensor})"/>
    /// <param name="f">A function returning a floating-point scalar.</param>
    /// <param name="argnums">The arguments to differentiate with respect to; the gradients come in this order.</param>
    public static Func<Tensor, Tensor, Tensor[]> Grad(Func<Tensor, Tensor, Tensor> f, int[] argnums) =>
        GradOf(f, argnums, false, g => new Func<Tensor, Tensor, Tensor[]>((a, b) => g.Call([a, b], false).Grads));

    /// <inheritdoc cref="Grad(Func{Tensor, Tensor, Tensor}, int)"/>
    public static Func<Tensor, Tensor, Tensor, Tensor> Grad(Func<Tensor, Tensor, Tensor, Tensor> f, int argnums = 0) =>
        GradOf(f, [argnums], false, g => new Func<Tensor, Tensor, Tensor, Tensor>((a, b, c) => g.Call([a, b, c], false).Grads[0]));

    /// <inheritdoc cref="Grad(Func{Tensor, Tensor, Tensor}, int[])"/>
    public static Func<Tensor, Tensor, Tensor, Tensor[]> Grad(Func<Tensor, Tensor, Tensor, Tensor> f, int[] argnums) =>
        GradOf(f, argnums, false, g => new Func<Tensor, Tensor, Tensor, Tensor[]>((a, b, c) => g.Call([a, b, c], false).Grads));

    /// <inheritdoc cref="Grad(Func{Tensor, Tensor, Tensor}, int)"/>
    public static Func<Tensor, Tensor, Tensor, Tensor, Tensor> Grad(Func<Tensor, Tensor, Tensor, Tensor, Tensor> f, int argnums = 0) =>
        GradOf(f, [argnums], false, g => new Func<Tensor, Tensor, Tensor, Tensor, Tensor>((a, b, c, d) => g.Call([a, b, c, d], false).Grads[0]));

    /// <inheritdoc cref="Grad(Func{Tensor, Tensor, Tensor}, int[])"/>
    public static Func<Tensor, Tensor, Tensor, Tensor, Tensor[]> Grad(Func<Tensor, Tensor, Tensor, Tensor, Tensor> f, int[] argnums) =>
        GradOf(f, argnums, false, g => new Func<Tensor, Tensor, Tensor, Tensor, Tensor[]>((a, b, c, d) => g.Call([a, b, c, d], false).Grads));

    /// <inheritdoc cref="Grad(Func{Tensor, Tensor, Tensor}, int)"/>
    public static Func<Tensor[], Tensor> Grad(Func<Tensor[], Tensor> f, int argnums = 0) =>
        GradOf(f, [argnums], false, g => new Func<Tensor[], Tensor>(args => g.Call(args, false).Grads[0]));

    /// <inheritdoc cref="Grad(Func{Tensor, Tensor, Tensor}, int[])"/>
    public static Func<Tensor[], Tensor[]> Grad(Func<Tensor[], Tensor> f, int[] argnums) =>
        GradOf(f, argnums, false, g => new Func<Tensor[], Tensor[]>(args => g.Call(args, false).Grads));

    /// <summary>The gradient of a function built by <c>Ax.Function</c> (or any <see cref="TensorFunction"/>) with respect to argument <paramref name="argnums"/>.</summary>
    /// <inheritdoc cref="Grad(Func{Tensor, Tensor})"/>
    /// <param name="f">A function returning a floating-point scalar.</param>
    /// <param name="argnums">The argument to differentiate with respect to.</param>
    public static TensorFunction Grad(TensorFunction f, int argnums = 0) =>
        GradOf(f, [argnums], false, g => new TensorFunction(args => g.Call(args, false).Grads[0]));

    /// <inheritdoc cref="Grad(TensorFunction, int)"/>
    /// <param name="f">A function returning a floating-point scalar.</param>
    /// <param name="argnums">The arguments to differentiate with respect to; the gradients come in this order.</param>
    public static TensorArrayFunction Grad(TensorFunction f, int[] argnums) =>
        GradOf(f, argnums, false, g => new TensorArrayFunction(args => g.Call(args, false).Grads));

    /// <summary>
    /// The gradient with respect to a pytree of parameters (value tuples, arrays, records or
    /// classes with Tensor properties): the result has the structure of the argument.
    /// </summary>
    /// <typeparam name="TParams">The parameters' pytree type.</typeparam>
    /// <param name="f">A function returning a floating-point scalar.</param>
    public static Func<TParams, TParams> Grad<TParams>(Func<TParams, Tensor> f) where TParams : notnull
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Func<TParams, TParams>)GradMemo.GetOrCreateValue(f).GetOrAdd("grad|tree", _ => new Func<TParams, TParams>(p =>
        {
            var (leaves, def) = Pytree.Flatten(p);
            Func<Tensor[], Tensor> flat = xs => f((TParams)def.Unflatten(xs));
            var g = new GradFunction(flat, Enumerable.Range(0, leaves.Length).ToArray(), hasAux: false);
            return (TParams)def.Unflatten(g.Call(leaves, false).Grads);
        }));
    }

    /// <summary>The gradient with respect to the first argument, a pytree of parameters; the second (data) is not differentiated.</summary>
    /// <typeparam name="TParams">The parameters' pytree type.</typeparam>
    /// <typeparam name="TData">The data's pytree type.</typeparam>
    /// <param name="f">A function returning a floating-point scalar.</param>
    public static Func<TParams, TData, TParams> Grad<TParams, TData>(Func<TParams, TData, Tensor> f)
        where TParams : notnull where TData : notnull
    {
        ArgumentNullException.ThrowIfNull(f);
        return (Func<TParams, TData, TParams>)GradMemo.GetOrCreateValue(f).GetOrAdd("grad|tree2", _ => new Func<TParams, TData, TParams>((p, d) =>
        {
            var (pl, pdef) = Pytree.Flatten(p);
            var (dl, ddef) = Pytree.Flatten(d);
            Func<Tensor[], Tensor> flat = xs => f((TParams)pdef.Unflatten(xs[..pl.Length]), (TData)ddef.Unflatten(xs[pl.Length..]));
            var g = new GradFunction(flat, Enumerable.Range(0, pl.Length).ToArray(), hasAux: false);
            return (TParams)pdef.Unflatten(g.Call([.. pl, .. dl], false).Grads);
        }));
    }

    /// <summary>The value of a scalar function and its gradient, in one pass (see <see cref="Grad(Func{Tensor, Tensor})"/>).</summary>
    /// <param name="f">A function returning a floating-point scalar.</param>
    public static Func<Tensor, (Tensor Value, Tensor Grad)> ValueAndGrad(Func<Tensor, Tensor> f) =>
        GradOf(f, [0], false, g => new Func<Tensor, (Tensor, Tensor)>(x =>
        {
            var (v, gs, _) = g.Call([x], true);
            return (v, gs[0]);
        }), "value");

    /// <inheritdoc cref="ValueAndGrad(Func{Tensor, Tensor})"/>
    /// <param name="f">A function returning a floating-point scalar.</param>
    /// <param name="argnums">The argument to differentiate with respect to.</param>
    public static Func<Tensor, Tensor, (Tensor Value, Tensor Grad)> ValueAndGrad(Func<Tensor, Tensor, Tensor> f, int argnums = 0) =>
        GradOf(f, [argnums], false, g => new Func<Tensor, Tensor, (Tensor, Tensor)>((a, b) =>
        {
            var (v, gs, _) = g.Call([a, b], true);
            return (v, gs[0]);
        }), "value");

    /// <inheritdoc cref="ValueAndGrad(Func{Tensor, Tensor})"/>
    /// <param name="f">A function returning a floating-point scalar.</param>
    /// <param name="argnums">The arguments to differentiate with respect to; the gradients come in this order.</param>
    public static Func<Tensor, Tensor, (Tensor Value, Tensor[] Grads)> ValueAndGrad(Func<Tensor, Tensor, Tensor> f, int[] argnums) =>
        GradOf(f, argnums, false, g => new Func<Tensor, Tensor, (Tensor, Tensor[])>((a, b) =>
        {
            var (v, gs, _) = g.Call([a, b], true);
            return (v, gs);
        }), "value");

    /// <summary>
    /// Value and gradients of a function of several arguments (argnums default [0]). With
    /// <paramref name="hasAux"/>, <paramref name="f"/> returns the scalar first and auxiliary
    /// outputs after it; they come back as <c>Aux</c>, not differentiated.
    /// </summary>
    /// <param name="f">A function whose first output is a floating-point scalar.</param>
    /// <param name="argnums">The arguments to differentiate with respect to (default: the first).</param>
    /// <param name="hasAux">Whether outputs after the first are auxiliary.</param>
    public static Func<Tensor[], (Tensor Value, Tensor[] Grads, Tensor[] Aux)> ValueAndGrad(Func<Tensor[], Tensor[]> f, int[]? argnums = null, bool hasAux = false) =>
        GradOf(f, argnums ?? [0], hasAux, g => new Func<Tensor[], (Tensor, Tensor[], Tensor[])>(args => g.Call(args, true)), "value");

    /// <inheritdoc cref="ValueAndGrad(Func{Tensor[], Tensor[]}, int[], bool)"/>
    public static Func<Tensor[], (Tensor Value, Tensor[] Grads)> ValueAndGrad(TensorFunction f, int[]? argnums = null) =>
        GradOf(f, argnums ?? [0], false, g => new Func<Tensor[], (Tensor, Tensor[])>(args =>
        {
            var (v, gs, _) = g.Call(args, true);
            return (v, gs);
        }), "value");

    /// <summary>
    /// <paramref name="x"/> unchanged, but with a zero derivative: no gradient flows through it
    /// (JAX's <c>lax.stop_gradient</c>).
    /// </summary>
    /// <param name="x">Any tensor.</param>
    public static Tensor StopGradient(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.DType.IsFloat() ? Prims.StopGradient.Bind1([x]) : x;
    }

    private static TOut GradOf<TIn, TOut>(TIn f, int[] argnums, bool hasAux, Func<GradFunction, TOut> wrap, string kind = "grad")
        where TIn : Delegate where TOut : Delegate
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(argnums);
        string key = $"{kind}|{typeof(TOut)}|{string.Join(",", argnums)}|{hasAux}";
        return (TOut)GradMemo.GetOrCreateValue(f).GetOrAdd(key, _ => wrap(new GradFunction(f, argnums, hasAux)));
    }
}
