namespace Axle;

/// <summary>An operand of a graph equation: a <see cref="Var"/> or a <see cref="Literal"/>.</summary>
internal abstract class Atom
{
    protected Atom(Aval aval) => Aval = aval;

    public Aval Aval { get; }
}

/// <summary>A graph variable: defined once (an input, a const, or an equation's output).</summary>
internal sealed class Var : Atom
{
    private static long _nextId;

    public Var(Aval aval) : base(aval) => Id = Interlocked.Increment(ref _nextId);

    /// <summary>Unique in the process; printing renumbers per graph.</summary>
    public long Id { get; }

    public override string ToString() => $"v{Id}";
}

/// <summary>
/// A scalar constant written into the program text (C# literals and other host scalars).
/// Large constants never become literals: they are graph consts, passed as hidden parameters.
/// </summary>
internal sealed class Literal : Atom
{
    public Literal(Tensor value) : base(value.Aval)
    {
        if (value.Rank != 0 || value.IsTraced) throw new ArgumentException("a literal is a concrete scalar", nameof(value));
        Value = value;
    }

    /// <summary>The concrete scalar (host-resident).</summary>
    public Tensor Value { get; }

    public override string ToString() => $"{Value.FormatScalar()}:{Aval}";
}

/// <summary>One primitive application: <c>outs = prim[params](ins)</c>.</summary>
internal sealed record Equation(Primitive Primitive, Params Params, Atom[] Inputs, Var[] Outputs);
