using System.Collections;
using System.Globalization;

namespace Axle;

/// <summary>
/// A primitive's static parameters, part of every cache key: each primitive declares a sealed
/// record deriving from this one (next to its stanza), whose primary-constructor properties are
/// its parameters in declaration order. Records give structural equality and a hash over the
/// properties; array-valued parameters are <see cref="Ints"/> so they compare element-wise, and
/// sub-programs compare by reference. The canonical text, <c>axes=[0, 1], dtype=f32</c>, is what
/// printed graphs and golden files show: each property under its snake_case name.
/// </summary>
/// <remarks>
/// <see cref="Get{T}"/> and <see cref="With(string, object)"/> read and rewrite a parameter by its
/// canonical name, for the few batching helpers shared by primitives whose records differ but name
/// an axis parameter alike (<c>AxesBatching</c>, <c>ShiftAxisParam</c>).
/// </remarks>
internal abstract record Params : IEnumerable<KeyValuePair<string, object>>
{
    /// <summary>No parameters.</summary>
    public static readonly Params Empty = new NoParams();

    /// <summary>
    /// The parameters as (name, value) pairs in declaration order, values as plain objects
    /// (<see cref="Ints"/> as <c>int[]</c>, <see cref="Sizes"/> as <c>int[]</c> or
    /// <see cref="SymbolicSizes"/>), for printing and for the symbolic-size rewrites.
    /// </summary>
    public virtual IReadOnlyList<KeyValuePair<string, object>> Items => ParamsLayout.Of(GetType()).Read(this);

    /// <summary>How many parameters there are.</summary>
    public int Count => Items.Count;

    /// <summary>Whether a parameter named <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => Items.Any(kv => kv.Key == name);

    /// <summary>The parameter named <paramref name="name"/>, by its <see cref="Items"/> value.</summary>
    public T Get<T>(string name)
    {
        foreach (var kv in Items)
            if (kv.Key == name) return (T)kv.Value;
        throw new KeyNotFoundException($"parameter '{name}' is missing");
    }

    /// <summary>The parameter named <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public T GetOr<T>(string name, T fallback)
    {
        foreach (var kv in Items)
            if (kv.Key == name) return (T)kv.Value;
        return fallback;
    }

    /// <summary>A copy with <paramref name="name"/> set; a typed record only replaces its own parameters.</summary>
    public virtual Params With(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Contains(name)) throw new KeyNotFoundException($"{GetType().Name} has no parameter '{name}'");
        return Map((n, v) => n == name ? value : v);
    }

    /// <summary>A copy with each parameter value replaced by <paramref name="map"/>(name, value).</summary>
    public virtual Params Map(Func<string, object, object> map) => ParamsLayout.Of(GetType()).Rebuild(this, map);

    /// <summary>Equal when of the same record type; derived records then compare their properties.</summary>
    public virtual bool Equals(Params? other) => other is not null && EqualityContract == other.EqualityContract;

    /// <summary>The record type's hash; derived records fold in their properties.</summary>
    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>Canonical text, <c>axes=[0, 1], dtype=f32</c>.</summary>
    public sealed override string ToString() => string.Join(", ", Items.Select(kv => $"{kv.Key}={Format(kv.Value)}"));

    /// <summary>Enumerates <see cref="Items"/>.</summary>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string Format(object value) => value switch
    {
        int[] a => $"[{string.Join(", ", a)}]",
        long[] a => $"[{string.Join(", ", a)}]",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DType t => t.ShortName(),
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        Shape or Enum => value.ToString()!,
        _ => $"<{value.GetType().Name}#{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value)}>",
    };
}

/// <summary>The parameters of a primitive that has none.</summary>
internal sealed record NoParams : Params;
