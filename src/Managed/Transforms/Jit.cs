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

    // Enough for a function alternating among a few shapes; more fall back to the process-wide cache.
    private const int RecentCapacity = 4;

    private readonly FunctionAdapter _f;
    private readonly int[] _static;
    private RecentCall[] _recent = [];

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
        // A function is usually called again with the signature of a recent call: compare avals
        // (and static values) directly, with no key to build, before asking the process-wide cache.
        foreach (var recent in Volatile.Read(ref _recent))
        {
            if (recent.Matches(args))
            {
                ExecutableCache.CountHit();
                return recent.Compiled;
            }
        }
        var key = new ExecutableCache.Key(this, SignatureOf(args));
        var compiled = ExecutableCache.GetOrCompile(key, () => (TraceFor(args), Name));
        Remember(args, compiled);
        return compiled;
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

    public Tensor[] Dynamic(Tensor[] args) =>
        _static.Length == 0 ? args : args.Where((_, i) => Array.BinarySearch(_static, i) < 0).ToArray();

    private void Remember(Tensor[] args, CompiledGraph compiled)
    {
        var avals = new Aval[args.Length];
        var statics = new byte[]?[args.Length];
        for (int i = 0; i < args.Length; i++) avals[i] = args[i].Aval;
        foreach (int i in _static) statics[i] = args[i].HostBytes();
        var entry = new RecentCall(avals, statics, compiled);
        // Copy on write, newest first: readers never lock; a lost race only loses a shortcut.
        var old = Volatile.Read(ref _recent);
        var next = new RecentCall[Math.Min(old.Length + 1, RecentCapacity)];
        next[0] = entry;
        Array.Copy(old, 0, next, 1, next.Length - 1);
        Volatile.Write(ref _recent, next);
    }

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

    /// <summary>A signature this function was called with, as the avals and static values themselves.</summary>
    private sealed class RecentCall(Aval[] avals, byte[]?[] statics, CompiledGraph compiled)
    {
        public CompiledGraph Compiled { get; } = compiled;

        public bool Matches(Tensor[] args)
        {
            if (args.Length != avals.Length) return false;
            for (int i = 0; i < args.Length; i++)
            {
                var a = args[i].Aval;
                if (!ReferenceEquals(a, avals[i]) && !a.Equals(avals[i])) return false;
                if (statics[i] is { } bytes && !args[i].HostBytes().AsSpan().SequenceEqual(bytes)) return false;
            }
            return true;
        }
    }
}
