using System.Collections.Concurrent;

namespace Axle;

/// <summary>
/// Symbolic tensors (Aesara/Theano style): named inputs whose shape may be unknown until a
/// function built from them is called. Ops on them build a graph instead of computing; their
/// <c>Shape</c> holds symbolic <see cref="Dim"/>s (<c>X.Shape[^1]</c>) that any size argument
/// accepts; <c>Ax.Function</c> turns the graph into a function, specialized and compiled once per
/// concrete input signature.
/// </summary>
/// <remarks>
/// An unknown dimension gets a fresh symbol named after its tensor, <c>X.shape[1]</c>. To make
/// several inputs share a dimension, pass it: <c>Sym.Vector("w", DType.F64, X.Shape[1])</c>, or
/// create one with <see cref="Dim.Symbolic"/>. A call must then give both the same size.
/// </remarks>
public static class Sym
{
    private static readonly ConcurrentDictionary<string, int> Uses = new(StringComparer.Ordinal);

    /// <summary>A symbolic scalar.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static Axle.Tensor Scalar(string name, DType dtype = DType.F32) => Tensor(name, dtype, Array.Empty<Dim?>());

    /// <summary>A symbolic vector; its length is <paramref name="length"/>, or a fresh symbol when null.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static Axle.Tensor Vector(string name, DType dtype = DType.F32, Dim? length = null) => Tensor(name, dtype, [length]);

    /// <summary>A symbolic matrix; unknown (null) dimensions get fresh symbols.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static Axle.Tensor Matrix(string name, DType dtype = DType.F32, Dim? rows = null, Dim? columns = null) =>
        Tensor(name, dtype, [rows, columns]);

    /// <summary>A symbolic tensor of <paramref name="rank"/> unknown dimensions.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is negative.</exception>
    public static Axle.Tensor Tensor(string name, DType dtype, int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        return Tensor(name, dtype, new Dim?[rank]);
    }

    /// <summary>
    /// A symbolic tensor whose dimensions are given: known sizes, symbols (shared with other
    /// tensors), or null for a fresh symbol.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static Axle.Tensor Tensor(string name, DType dtype, Dim?[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        // A second tensor with the same name must not share the first one's fresh symbols.
        int use = Uses.AddOrUpdate(name, 1, (_, n) => n + 1);
        string stem = use == 1 ? name : $"{name}#{use}";
        var dims = shape.Select((d, i) => d ?? Dim.Symbolic($"{stem}.shape[{i}]"));
        return SymbolicTrace.Instance.NewInput(name, new Aval(dtype, new Shape(dims)));
    }

    /// <summary>True when <paramref name="x"/> is a symbolic tensor (an input made here, or computed from one).</summary>
    public static bool IsSymbolic(Axle.Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Tracer is SymTracer;
    }
}
