using System.Globalization;

namespace Axle;

/// <summary>
/// A size-list primitive parameter (a shape, new sizes) that names symbolic dimensions. It only
/// appears in the nodes of a symbolic graph: when <c>Ax.Function</c> replays the graph for
/// concrete arguments it becomes the <c>int[]</c> every primitive rule expects.
/// </summary>
internal sealed class SymbolicSizes : IEquatable<SymbolicSizes>, IFormattable
{
    public SymbolicSizes(IEnumerable<Dim> dims) => Dims = [.. dims];

    public Dim[] Dims { get; }

    public IEnumerable<string> Symbols => Dims.Where(d => !d.IsKnown).Select(d => d.Symbol!);

    /// <summary>The parameter value for <paramref name="shape"/>: <c>int[]</c> when every dimension is known.</summary>
    public static object Param(Shape shape) => shape.IsKnown ? shape.ToArray() : new SymbolicSizes(shape);

    /// <summary>The sizes, with each symbol's size looked up in <paramref name="sizes"/>.</summary>
    public int[] Resolve(IReadOnlyDictionary<string, int> sizes) =>
        Dims.Select(d => d.IsKnown ? d.Value : sizes[d.Symbol!]).ToArray();

    /// <summary><paramref name="p"/> with every symbolic size list resolved.</summary>
    public static Params Resolve(Params p, IReadOnlyDictionary<string, int> sizes) =>
        AnyIn(p) ? p.Map((_, v) => v is SymbolicSizes s ? s.Resolve(sizes) : v) : p;

    public static bool AnyIn(Params p) => p.Any(kv => kv.Value is SymbolicSizes);

    public bool Equals(SymbolicSizes? other) => other is not null && Dims.AsSpan().SequenceEqual(other.Dims);

    public override bool Equals(object? obj) => Equals(obj as SymbolicSizes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (Dim d in Dims) hash.Add(d);
        return hash.ToHashCode();
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => $"[{string.Join(", ", Dims)}]";

    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
