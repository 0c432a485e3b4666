namespace Axle;

/// <summary>
/// The batching interpreter (JAX's BatchTrace): each of its tracers stands for a value of the
/// per-example function and holds the value of the whole batch, a tensor of the parent trace,
/// with the axis the examples run along (null when every example sees the same value).
/// A primitive on batched inputs runs its batch rule in the parent trace; a primitive on
/// unbatched inputs is simply bound in the parent trace, so nothing is broadcast needlessly.
/// </summary>
internal sealed class BatchTrace : Trace
{
    public BatchTrace(Trace parent, int axisSize) : base(parent) => AxisSize = axisSize;

    /// <summary>The number of examples (the size of every batch axis).</summary>
    public int AxisSize { get; }

    private sealed class BatchTracer(BatchTrace trace, Tensor value, int axis)
        : TracerState(trace, Unbatched(value.Aval, axis))
    {
        public Tensor Value { get; } = value;

        public int Axis { get; } = axis;
    }

    /// <summary>
    /// A tensor of this trace for <paramref name="value"/> batched along <paramref name="axis"/>
    /// (which must be a valid, non-negative axis); an unbatched value is returned as it is.
    /// </summary>
    public Tensor Wrap(Tensor value, int? axis)
    {
        if (axis is not int a) return value;
        if (a < 0 || a >= value.Rank || value.Shape[a] != AxisSize)
            throw new InvalidOperationException($"batch axis {a} of {value.Aval} does not have the batch size {AxisSize} (a batching rule is wrong)");
        return new Tensor(new BatchTracer(this, value, a));
    }

    /// <summary>The parent-trace value behind <paramref name="t"/> and its batch axis (null: not batched).</summary>
    public (Tensor Value, int? Axis) Unwrap(Tensor t)
    {
        if (t.Tracer is BatchTracer own && own.Trace == this) return (own.Value, own.Axis);
        if (t.Tracer is { Trace.IsActive: false }) throw Escaped(t);
        return (t, null);
    }

    public override Tensor[] Process(Primitive primitive, Tensor[] inputs, Params p)
    {
        var values = new Tensor[inputs.Length];
        var axes = new int?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) (values[i], axes[i]) = Unwrap(inputs[i]);
        if (axes.All(a => a is null))
        {
            using (Enter(Parent!)) return primitive.Bind(values, p);
        }

        // Check the aval rule on the per-example avals first, so a user error names the user's
        // shapes rather than the batched ones a rule would build.
        primitive.Infer(inputs.Select(t => t.Aval).ToArray(), p);
        var rule = primitive.RequireBatch();
        Tensor[] outs;
        int?[] outAxes;
        using (Enter(Parent!)) (outs, outAxes) = rule(values, axes, p);
        if (outs.Length != outAxes.Length)
            throw new InvalidOperationException($"the batch rule of '{primitive.Name}' returned {outs.Length} outputs but {outAxes.Length} axes");
        var result = new Tensor[outs.Length];
        for (int i = 0; i < outs.Length; i++) result[i] = Wrap(outs[i], outAxes[i]);
        return result;
    }

    private static Aval Unbatched(Aval batched, int axis) =>
        batched.WithShape(new Shape(batched.Shape.Where((_, i) => i != axis)));
}
