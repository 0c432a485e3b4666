using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Axle;

public static partial class Ax
{
    private static readonly ConditionalWeakTable<Delegate, ConcurrentDictionary<string, Delegate>> VmapMemo = new();

    /// <summary>
    /// Vectorizes <paramref name="f"/> over a batch axis: the result maps <paramref name="f"/>
    /// over the examples along each argument's axis in <paramref name="inAxes"/> (default 0;
    /// negative axes count from the end; null = the argument is not mapped, every example sees
    /// it whole) and stacks each output along its axis in <paramref name="outAxes"/> (default 0;
    /// null = the output does not depend on the batch and is returned unstacked). No loop runs:
    /// every primitive has a batching rule, so the batched function is one computation. Composes
    /// with <c>Jit</c> (<c>Ax.Jit(Ax.Vmap(f))</c> compiles one batched program), with other
    /// transforms and with itself (nested vmaps).
    /// </summary>
    /// <param name="f">The per-example function.</param>
    /// <param name="inAxes">One entry per argument.</param>
    /// <param name="outAxes">One entry per output, or a single entry for all outputs.</param>
    /// <param name="axisSize">The number of examples; required only when no argument is mapped.</param>
    /// <exception cref="ArgumentException">
    /// (when called) Axes out of range or of the wrong count, mapped axes of different sizes
    /// (the message names each argument and its size), no mapped argument and no
    /// <paramref name="axisSize"/>, or a batched output with a null out axis.
    /// </exception>
    public static Func<Tensor, Tensor> Vmap(Func<Tensor, Tensor> f, int?[]? inAxes = null, int?[]? outAxes = null, int? axisSize = null) =>
        VmapMemoized(f, inAxes, outAxes, axisSize, v => new Func<Tensor, Tensor>(x => v([x])[0]));

    /// <inheritdoc cref="Vmap(Func{Tensor, Tensor}, int?[], int?[], int?)"/>
    public static Func<Tensor, Tensor, Tensor> Vmap(Func<Tensor, Tensor, Tensor> f, int?[]? inAxes = null, int?[]? outAxes = null, int? axisSize = null) =>
        VmapMemoized(f, inAxes, outAxes, axisSize, v => new Func<Tensor, Tensor, Tensor>((a, b) => v([a, b])[0]));

    /// <inheritdoc cref="Vmap(Func{Tensor, Tensor}, int?[], int?[], int?)"/>
    public static Func<Tensor, Tensor, Tensor, Tensor> Vmap(Func<Tensor, Tensor, Tensor, Tensor> f, int?[]? inAxes = null, int?[]? outAxes = null, int? axisSize = null) =>
        VmapMemoized(f, inAxes, outAxes, axisSize, v => new Func<Tensor, Tensor, Tensor, Tensor>((a, b, c) => v([a, b, c])[0]));

    /// <inheritdoc cref="Vmap(Func{Tensor, Tensor}, int?[], int?[], int?)"/>
    public static Func<Tensor, Tensor, Tensor, Tensor, Tensor> Vmap(Func<Tensor, Tensor, Tensor, Tensor, Tensor> f, int?[]? inAxes = null, int?[]? outAxes = null, int? axisSize = null) =>
        VmapMemoized(f, inAxes, outAxes, axisSize, v => new Func<Tensor, Tensor, Tensor, Tensor, Tensor>((a, b, c, d) => v([a, b, c, d])[0]));

    /// <inheritdoc cref="Vmap(Func{Tensor, Tensor}, int?[], int?[], int?)"/>
    public static Func<Tensor[], Tensor[]> Vmap(Func<Tensor[], Tensor[]> f, int?[]? inAxes = null, int?[]? outAxes = null, int? axisSize = null) =>
        VmapMemoized(f, inAxes, outAxes, axisSize, v => new Func<Tensor[], Tensor[]>(v));

    /// <inheritdoc cref="Vmap(Func{Tensor, Tensor}, int?[], int?[], int?)"/>
    public static Func<Tensor[], Tensor> Vmap(Func<Tensor[], Tensor> f, int?[]? inAxes = null, int?[]? outAxes = null, int? axisSize = null) =>
        VmapMemoized(f, inAxes, outAxes, axisSize, v => new Func<Tensor[], Tensor>(args => v(args)[0]));

    /// <summary>
    /// <see cref="Vmap(Func{Tensor, Tensor}, int?[], int?[], int?)"/> for any other delegate type
    /// that takes Tensors (or one <c>params Tensor[]</c>) and returns a Tensor or Tensor[] — for
    /// example the delegates <c>Ax.Function</c> returns. The result has the same delegate type.
    /// </summary>
    /// <typeparam name="TDelegate">The delegate type of <paramref name="f"/> and of the result.</typeparam>
    /// <param name="f">The per-example function.</param>
    /// <param name="inAxes">One entry per argument.</param>
    /// <param name="outAxes">One entry per output, or a single entry for all outputs.</param>
    /// <param name="axisSize">The number of examples; required only when no argument is mapped.</param>
    /// <exception cref="ArgumentException"><typeparamref name="TDelegate"/> does not take and return tensors.</exception>
    public static TDelegate Vmap<TDelegate>(TDelegate f, int?[]? inAxes = null, int?[]? outAxes = null, int? axisSize = null)
        where TDelegate : Delegate =>
        VmapMemoized(f, inAxes, outAxes, axisSize, v => DelegateOf<TDelegate>(v));

    /// <summary>
    /// Vmap for functions of pytrees (value tuples, arrays, records of tensors): every leaf of the
    /// argument is mapped along <paramref name="inAxis"/> (null: none is) and every leaf of the
    /// result is stacked along <paramref name="outAxis"/>.
    /// </summary>
    /// <typeparam name="TIn">The argument's pytree type.</typeparam>
    /// <typeparam name="TOut">The result's pytree type.</typeparam>
    /// <param name="f">The per-example function.</param>
    /// <param name="inAxis">The mapped axis of every argument leaf (negative counts from the end).</param>
    /// <param name="outAxis">The stacking axis of every result leaf.</param>
    /// <param name="axisSize">The number of examples; required only when <paramref name="inAxis"/> is null.</param>
    public static Func<TIn, TOut> Vmap<TIn, TOut>(Func<TIn, TOut> f, int? inAxis = 0, int? outAxis = 0, int? axisSize = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return input =>
        {
            var (leaves, def) = Pytree.Flatten(input);
            TreeDef? outDef = null;
            Tensor[] flat(Tensor[] xs)
            {
                var (outs, od) = Pytree.Flatten(f((TIn)def.Unflatten(xs)));
                outDef = od;
                return outs;
            }
            Tensor[] results = VmapTransform.Call(flat, leaves, leaves.Select(_ => inAxis).ToArray(), [outAxis], axisSize);
            return (TOut)outDef!.Unflatten(results);
        };
    }

    private static T VmapMemoized<T>(T f, int?[]? inAxes, int?[]? outAxes, int? axisSize, Func<Func<Tensor[], Tensor[]>, T> wrap)
        where T : Delegate
    {
        ArgumentNullException.ThrowIfNull(f);
        // Vmap of the same function with the same axes is the same function, so Jit of it hits its cache.
        string key = $"vmap|{typeof(T).FullName}|{Axes(inAxes)}|{Axes(outAxes)}|{axisSize}";
        var table = VmapMemo.GetOrCreateValue(f);
        return (T)table.GetOrAdd(key, _ =>
        {
            var call = FunctionAdapter.Of(f).Call;
            int?[]? inCopy = (int?[]?)inAxes?.Clone(), outCopy = (int?[]?)outAxes?.Clone();
            return wrap(args => VmapTransform.Call(call, args, inCopy, outCopy, axisSize));
        });
    }

    private static string Axes(int?[]? axes) =>
        axes is null ? "default" : string.Join(",", axes.Select(a => a?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));

    /// <summary>Builds a delegate of type <typeparamref name="T"/> that packs its tensor arguments and calls <paramref name="call"/>.</summary>
    private static T DelegateOf<T>(Func<Tensor[], Tensor[]> call) where T : Delegate
    {
        var invoke = typeof(T).GetMethod("Invoke") ?? throw new ArgumentException($"{typeof(T)} is not a delegate type");
        var ps = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        Expression args;
        if (ps.Length == 1 && ps[0].Type == typeof(Tensor[])) args = ps[0];
        else if (ps.All(p => p.Type == typeof(Tensor))) args = Expression.NewArrayInit(typeof(Tensor), ps);
        else throw new ArgumentException($"vmap: {typeof(T)} must take Tensors or one Tensor[]", "f");
        Expression body = Expression.Invoke(Expression.Constant(call), args);
        if (invoke.ReturnType == typeof(Tensor)) body = Expression.ArrayIndex(body, Expression.Constant(0));
        else if (invoke.ReturnType != typeof(Tensor[]))
            throw new ArgumentException($"vmap: {typeof(T)} must return Tensor or Tensor[]", "f");
        return Expression.Lambda<T>(body, ps).Compile();
    }
}
