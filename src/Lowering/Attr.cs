using System.Globalization;
using System.Text;

namespace Axle.Lowering;

/// <summary>
/// An MLIR attribute, held as the exact text that is emitted. Factories cover the forms StableHLO
/// ops take in generic syntax; dialect attributes are written as opaque <c>#stablehlo&lt;...&gt;</c>
/// text because consumers without the StableHLO dialect (the bundled plugin) parse them that way.
/// </summary>
public sealed record Attr(string Text)
{
    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>A dense i64 array, <c>array&lt;i64: 0, 1&gt;</c> (dimension lists).</summary>
    public static Attr I64Array(params long[] values) =>
        new(values.Length == 0 ? "array<i64>" : $"array<i64: {string.Join(", ", values)}>");

    /// <summary>A signless integer, <c>3 : i64</c>.</summary>
    public static Attr Int(long value, string type = "i64") => new($"{value} : {type}");

    /// <summary>A boolean, <c>true</c> or <c>false</c>.</summary>
    public static Attr Bool(bool value) => new(value ? "true" : "false");

    /// <summary>A quoted string with MLIR escapes.</summary>
    public static Attr String(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c < 0x20 || c > 0x7e)
                foreach (byte b in Encoding.UTF8.GetBytes(c.ToString()))
                    sb.Append('\\').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return new(sb.Append('"').ToString());
    }

    /// <summary>A StableHLO enum attribute, e.g. <c>#stablehlo&lt;comparison_direction LT&gt;</c>.</summary>
    public static Attr Enum(string kind, string value) => new($"#stablehlo<{kind} {value}>");

    /// <summary>
    /// <c>#stablehlo.dot&lt;...&gt;</c> dimension numbers of <c>dot_general</c>; empty lists are omitted,
    /// as StableHLO's own printer does.
    /// </summary>
    public static Attr DotDimensions(long[] lhsBatching, long[] rhsBatching, long[] lhsContracting, long[] rhsContracting)
    {
        var parts = new List<string>();
        void Add(string name, long[] dims)
        {
            if (dims.Length > 0) parts.Add($"{name} = [{string.Join(", ", dims)}]");
        }
        Add("lhs_batching_dimensions", lhsBatching);
        Add("rhs_batching_dimensions", rhsBatching);
        Add("lhs_contracting_dimensions", lhsContracting);
        Add("rhs_contracting_dimensions", rhsContracting);
        return new($"#stablehlo.dot<{string.Join(", ", parts)}>");
    }

    /// <summary>
    /// A dense elements literal of <paramref name="type"/> from its row-major little-endian bytes,
    /// written as a hex blob so every value (NaN payloads, -0.0, denormals) round-trips exactly.
    /// </summary>
    public static Attr Dense(TensorType type, ReadOnlySpan<byte> data)
    {
        long expected = type.ElementCount * type.Element.ByteSize();
        if (data.Length != expected)
            throw new ArgumentException(
                $"dense literal of {type} needs {expected} bytes; got {data.Length}", nameof(data));
        if (type.ElementCount == 0) return new($"dense<> : {type}");
        if (type.Element == ElementType.Pred)
        {
            // MLIR's hex form packs i1 as bits, not one byte per element; spell booleans out, nested by shape.
            byte[] bools = data.ToArray();
            var sb = new StringBuilder();
            int next = 0;
            void Emit(int axis)
            {
                if (axis == type.Rank)
                {
                    sb.Append(bools[next++] != 0 ? "true" : "false");
                    return;
                }
                sb.Append('[');
                for (long i = 0; i < type.Dims[axis]; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Emit(axis + 1);
                }
                sb.Append(']');
            }
            Emit(0);
            return new($"dense<{sb}> : {type}");
        }
        return new($"dense<\"0x{Convert.ToHexString(data)}\"> : {type}");
    }

    /// <summary>A splat literal: every element of <paramref name="type"/> equals the one element in <paramref name="element"/>.</summary>
    public static Attr Splat(TensorType type, ReadOnlySpan<byte> element)
    {
        if (element.Length != type.Element.ByteSize())
            throw new ArgumentException(
                $"a splat of {type.Element.MlirName()} needs {type.Element.ByteSize()} bytes; got {element.Length}", nameof(element));
        if (type.Element == ElementType.Pred)
            return new($"dense<{(element[0] != 0 ? "true" : "false")}> : {type}");
        return new($"dense<\"0x{Convert.ToHexString(element)}\"> : {type}");
    }
}
