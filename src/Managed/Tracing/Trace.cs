namespace Axle;

/// <summary>
/// An interpreter of primitives (JAX's trace). The current trace is thread-local: with none set
/// it is <see cref="EagerTrace"/>; transforms set their trace while running user code and set
/// the trace's <see cref="Parent"/> while running their rules, so a rule's own binds go one
/// level out (JAX omnistaging: inside a trace every op is handled by it, even on concrete inputs).
/// </summary>
internal abstract class Trace
{
    [ThreadStatic]
    private static Trace? _current;

    protected Trace(Trace parent)
    {
        Parent = parent;
        Level = parent.Level + 1;
    }

    private protected Trace()
    {
        Parent = null;
        Level = 0;
    }

    /// <summary>The innermost active trace on this thread.</summary>
    public static Trace Current => _current ?? EagerTrace.Instance;

    /// <summary>The trace this one's rules bind into; null only for the eager root.</summary>
    public Trace? Parent { get; }

    /// <summary>Nesting depth (eager is 0); for messages and sanity checks.</summary>
    public int Level { get; }

    /// <summary>False once the transform that owns this trace has finished.</summary>
    public bool IsActive { get; private set; } = true;

    /// <summary>Applies <paramref name="primitive"/> to <paramref name="inputs"/> (any mix of this trace's tracers, outer tracers and concrete tensors).</summary>
    public abstract Tensor[] Process(Primitive primitive, Tensor[] inputs, Params p);

    /// <summary>Makes <paramref name="trace"/> current until the returned scope is disposed.</summary>
    public static Scope Enter(Trace trace) => new(trace);

    /// <summary>Marks the trace finished: its tracers may no longer be used.</summary>
    public void Finish() => IsActive = false;

    /// <summary>Restores the previous current trace on dispose.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Trace? _previous;

        internal Scope(Trace trace)
        {
            _previous = _current;
            _current = trace;
        }

        /// <inheritdoc/>
        public void Dispose() => _current = _previous;
    }

    /// <summary>The error for a tracer used after its transform finished (JAX's escaped tracer).</summary>
    public static InvalidOperationException Escaped(Tensor t) =>
        new($"a traced tensor {t.Aval} escaped from the transform that created it (was it stored in a field or captured and used after Jit/Grad/Vmap returned?)");
}

/// <summary>What a traced <see cref="Tensor"/> holds: the trace that owns it and its abstract value.</summary>
internal abstract class TracerState
{
    protected TracerState(Trace trace, Aval aval)
    {
        Trace = trace;
        Aval = aval;
    }

    public Trace Trace { get; }

    public Aval Aval { get; }
}
