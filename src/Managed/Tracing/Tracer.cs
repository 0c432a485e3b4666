namespace Axle;

/// <summary>Entry points that turn C# functions into graphs.</summary>
internal static class Tracer
{
    private static long _traces;

    /// <summary>Graphs traced so far in this process (tests assert that cache hits trace nothing).</summary>
    public static long Traces => Interlocked.Read(ref _traces);

    /// <summary>
    /// Traces <paramref name="f"/> on abstract inputs into a graph. Runs in the current context:
    /// tensors of enclosing traces that <paramref name="f"/> uses become const vars.
    /// </summary>
    public static Graph Trace(Func<Tensor[], Tensor[]> f, Aval[] inputs) =>
        Trace(f, inputs, staticArgs: null);

    /// <summary>
    /// As <see cref="Trace(Func{Tensor[], Tensor[]}, Aval[])"/>, but positions where
    /// <paramref name="staticArgs"/> is non-null are passed that tensor as-is (not traced, not an input).
    /// </summary>
    public static Graph Trace(Func<Tensor[], Tensor[]> f, Aval[] inputs, Tensor?[]? staticArgs)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        Interlocked.Increment(ref _traces);
        var trace = new GraphTrace(Axle.Trace.Current);
        try
        {
            using (Axle.Trace.Enter(trace))
            {
                var args = new Tensor[inputs.Length];
                for (int i = 0; i < inputs.Length; i++)
                    args[i] = staticArgs?[i] ?? trace.NewInput(inputs[i]);
                Tensor[] outs = f(args) ?? throw new InvalidOperationException("the traced function returned null");
                for (int i = 0; i < outs.Length; i++)
                    if (outs[i] is null) throw new InvalidOperationException($"the traced function returned null as output {i}");
                return trace.Build(outs);
            }
        }
        finally
        {
            trace.Finish();
        }
    }
}
