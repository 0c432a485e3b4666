using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Axle.Runtime;

namespace Axle;

/// <summary>Axle's entry points: transforms (<see cref="Jit(Func{Tensor, Tensor}, int[])"/>, ...), inspection and devices.</summary>
public static partial class Ax
{
    private static readonly ConditionalWeakTable<Delegate, ConcurrentDictionary<string, Delegate>> Memo = new();

    /// <summary>The device tensors live on by default (the first addressable device of the default plugin).</summary>
    public static PjrtDevice DefaultDevice => Backend.DefaultDevice;

    /// <summary>The devices of the default plugin.</summary>
    public static IReadOnlyList<PjrtDevice> Devices() => Backend.Client.AddressableDevices;

    /// <summary>
    /// Compiles <paramref name="f"/> once per input signature (dtypes, shapes, weak types, values of
    /// <paramref name="staticArgnums"/> arguments) and caches it. Memoized: jitting the same
    /// delegate again returns the same function.
    /// </summary>
    public static Func<Tensor, Tensor> Jit(Func<Tensor, Tensor> f, int[]? staticArgnums = null) =>
        Memoized(f, staticArgnums, j => new Func<Tensor, Tensor>(x => j.Call([x])[0]));

    /// <inheritdoc cref="Jit(Func{Tensor, Tensor}, int[])"/>
    public static Func<Tensor, Tensor, Tensor> Jit(Func<Tensor, Tensor, Tensor> f, int[]? staticArgnums = null) =>
        Memoized(f, staticArgnums, j => new Func<Tensor, Tensor, Tensor>((a, b) => j.Call([a, b])[0]));

    /// <inheritdoc cref="Jit(Func{Tensor, Tensor}, int[])"/>
    public static Func<Tensor, Tensor, Tensor, Tensor> Jit(Func<Tensor, Tensor, Tensor, Tensor> f, int[]? staticArgnums = null) =>
        Memoized(f, staticArgnums, j => new Func<Tensor, Tensor, Tensor, Tensor>((a, b, c) => j.Call([a, b, c])[0]));

    /// <inheritdoc cref="Jit(Func{Tensor, Tensor}, int[])"/>
    public static Func<Tensor, Tensor, Tensor, Tensor, Tensor> Jit(Func<Tensor, Tensor, Tensor, Tensor, Tensor> f, int[]? staticArgnums = null) =>
        Memoized(f, staticArgnums, j => new Func<Tensor, Tensor, Tensor, Tensor, Tensor>((a, b, c, d) => j.Call([a, b, c, d])[0]));

    /// <inheritdoc cref="Jit(Func{Tensor, Tensor}, int[])"/>
    public static Func<Tensor[], Tensor[]> Jit(Func<Tensor[], Tensor[]> f, int[]? staticArgnums = null) =>
        Memoized(f, staticArgnums, j => new Func<Tensor[], Tensor[]>(j.Call));

    /// <inheritdoc cref="Jit(Func{Tensor, Tensor}, int[])"/>
    public static Func<Tensor[], Tensor> Jit(Func<Tensor[], Tensor> f, int[]? staticArgnums = null) =>
        Memoized(f, staticArgnums, j => new Func<Tensor[], Tensor>(args => j.Call(args)[0]));

    /// <summary>
    /// Jit for functions of pytrees (<see cref="Tensor"/>s, value tuples, arrays, records or classes
    /// with Tensor properties): arguments are flattened to tensors, and the structure is part of
    /// the signature. A result of type <see cref="Tensor"/> is a single tensor, never a 1-tuple.
    /// </summary>
    public static Func<TIn, TOut> Jit<TIn, TOut>(Func<TIn, TOut> f)
    {
        // C# prefers this overload for a lambda of Tensors, so the common case lands here; a tree
        // that is one leaf needs no flattening, so it takes the plain path (same cache semantics).
        if (typeof(TIn) == typeof(Tensor) && typeof(TOut) == typeof(Tensor))
            return (Func<TIn, TOut>)(object)Jit((Func<Tensor, Tensor>)(object)f, staticArgnums: null);
        return Memo1(f, "pytree", () => PytreeJit.Wrap(f));
    }

    /// <inheritdoc cref="Jit{TIn, TOut}(Func{TIn, TOut})"/>
    public static Func<T1, T2, TOut> Jit<T1, T2, TOut>(Func<T1, T2, TOut> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (typeof(T1) == typeof(Tensor) && typeof(T2) == typeof(Tensor) && typeof(TOut) == typeof(Tensor))
            return (Func<T1, T2, TOut>)(object)Jit((Func<Tensor, Tensor, Tensor>)(object)f, staticArgnums: null);
        if (Memo.TryGetValue(f, out var table) && table.TryGetValue("jit|pytree", out var done)) return (Func<T1, T2, TOut>)done;
        var inner = Jit<(T1, T2), TOut>(args => f(args.Item1, args.Item2));
        return Memo1(f, "pytree", () => new Func<T1, T2, TOut>((a, b) => inner((a, b))));
    }

    /// <summary>
    /// Traces and lowers <paramref name="f"/> (any supported delegate, or one returned by <c>Ax.Jit</c>)
    /// for the signature of <paramref name="args"/>; nothing is compiled until <see cref="Lowered.Compile"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong number of arguments for <paramref name="f"/>.</exception>
    public static Lowered Lower(Delegate f, params Tensor[] args)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(args);
        var jit = JitFunction.Behind(f) ?? new JitFunction(f, null);
        return new Lowered(jit.TraceFor(args), jit.Name);
    }

    private static T Memo1<T>(T f, string options, Func<T> make) where T : Delegate
    {
        ArgumentNullException.ThrowIfNull(f);
        return (T)Memo.GetOrCreateValue(f).GetOrAdd("jit|" + options, _ => make());
    }

    private static T Memoized<T>(T f, int[]? staticArgnums, Func<JitFunction, T> wrap) where T : Delegate
    {
        ArgumentNullException.ThrowIfNull(f);
        // Jit of a jitted function is that function.
        if (staticArgnums is null && JitFunction.Behind(f) is not null) return f;
        string statics = string.Join(",", (staticArgnums ?? []).Distinct().Order());
        var table = Memo.GetOrCreateValue(f);
        return (T)table.GetOrAdd($"jit|{typeof(T).Name}|{statics}", _ =>
        {
            var jit = new JitFunction(f, staticArgnums);
            return jit.Register(wrap(jit));
        });
    }
}
