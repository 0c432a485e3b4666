using System.Runtime.CompilerServices;

namespace Axle;

/// <summary>
/// A function compiled per input signature (dtypes, shapes, weak flags, static argument values).
/// Outside transforms a call looks the signature up in <see cref="ExecutableCache"/> — a hit
/// neither traces nor compiles. Inside another trace the function is inlined: it runs in that
/// trace, so outer transforms see its primitives rather than an opaque call.
/// </summary>
internal sealed class JitFunction
{
    private static readonly ConditionalWeakTable<Delegate, JitFunction> ByWrapper = new();

    private readonly FunctionAdapter _f;
    private readonly int[] _static;

    public JitFunction(Delegate f, int[]? staticArgnums)
    {
        _f = FunctionAdapter.Of(f);
        _static = staticArgnums?.Distinct().Order().ToArray() ?? [];
        foreach (int i in _static)
            if (i < 0 || (_f.Arity is int n && i >= n))
                throw new ArgumentOutOfRangeException(nameof(staticArgnums), $"static argument number {i} is out of range for {_f.Arity} argument(s)");
        Name = "jit_" + ProgramCompiler.SafeName(_f.Name);
    }

    public string Name { get; }

    /// <summary>The jit function behind a delegate returned by <c>Ax.Jit</c>, if it is one.</summary>
    public static JitFunction? Behind(Delegate d) => ByWrapper.TryGetValue(d, out var j) ? j : null;

    public T Register<T>(T wrapper) where T : Delegate
    {
        ByWrapper.AddOrUpdate(wrapper, this);
        return wrapper;
    }

    public Tensor[] Call(Tensor[] args)
    {
        CheckArgs(args);
        if (Trace.Current is not EagerTrace) return _f.Call(args);
        var compiled = Compiled(args);
        return compiled.Run(Dynamic(args));
    }

    /// <summary>The compiled program for the signature of <paramref name="args"/> (cached).</summary>
    public CompiledGraph Compiled(Tensor[] args)
    {
        var key = new ExecutableCache.Key(this, SignatureOf(args));
        return ExecutableCache.GetOrCompile(key, () => (TraceFor(args), Name));
    }

    /// <summary>Traces the function for the signature of <paramref name="args"/>.</summary>
    public Graph TraceFor(Tensor[] args)
    {
        CheckArgs(args);
        var statics = new Tensor?[args.Length];
        foreach (int i in _static) statics[i] = args[i];
        var all = Tracer.Trace(_f.Call, args.Select(a => a.Aval).ToArray(), statics);
        return all;
    }

    public Tensor[] Dynamic(Tensor[] args) => args.Where((_, i) => Array.BinarySearch(_static, i) < 0).ToArray();

    private Signature SignatureOf(Tensor[] args)
    {
        var statics = string.Join(",", _static.Select(i => $"{i}:{args[i].Aval}={Convert.ToHexString(args[i].HostBytes())}"));
        return Signature.Of(Dynamic(args).Select(a => a.Aval), statics);
    }

    private void CheckArgs(Tensor[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (_f.Arity is int n && args.Length != n)
            throw new ArgumentException($"{Name} takes {n} argument(s); got {args.Length}", nameof(args));
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is null) throw new ArgumentNullException(nameof(args), $"argument {i} of {Name} is null");
            args[i].ThrowIfDisposed();
        }
        foreach (int i in _static)
        {
            if (i >= args.Length) throw new ArgumentException($"static argument {i} of {Name} is missing", nameof(args));
            if (args[i].IsTraced)
                throw new ArgumentException($"static argument {i} of {Name} must be concrete; got a traced tensor {args[i].Aval}", nameof(args));
        }
    }
}
