using System.Globalization;

namespace Axle.Lowering.Text;

/// <summary>Reads type and attribute text of the forms Axle emits back into values.</summary>
public static class MlirTypes
{
    private static readonly Dictionary<string, ElementType> Elements =
        Enum.GetValues<ElementType>().ToDictionary(e => e.MlirName());

    /// <summary>
    /// The <see cref="TensorType"/> of <c>tensor&lt;2x3xf32&gt;</c> text; null for anything else
    /// (dynamic or unranked tensors, element types Axle does not have, non-tensor types).
    /// </summary>
    public static TensorType? TryParseTensor(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.StartsWith("tensor<", StringComparison.Ordinal) || !type.EndsWith('>')) return null;
        string body = type[7..^1];
        int comma = body.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0) body = body[..comma]; // an encoding does not change the shape
        string[] parts = body.Split('x');
        if (!Elements.TryGetValue(parts[^1].Trim(), out var element)) return null;
        var dims = new long[parts.Length - 1];
        for (int i = 0; i < dims.Length; i++)
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i])) return null;
        return new TensorType(element, dims);
    }

    /// <summary>The element type named <paramref name="mlirName"/> (<c>f32</c>, <c>ui8</c>, <c>i1</c>), or null.</summary>
    public static ElementType? TryParseElement(string mlirName) =>
        Elements.TryGetValue(mlirName, out var e) ? e : null;

    /// <summary>Short readable form of a tensor type: <c>f32[2,3]</c>, <c>f32[]</c>; other types as they are.</summary>
    public static string Short(string type)
    {
        var t = TryParseTensor(type);
        return t is null ? type : $"{t.Element.MlirName()}[{string.Join(",", t.Dims)}]";
    }

    /// <summary>The integers of <c>array&lt;i64: 0, 1&gt;</c> or <c>[0, 1]</c>; null when the text is neither.</summary>
    public static long[]? TryParseIntArray(string? text)
    {
        if (text is null) return null;
        string t = text.Trim();
        if (t.StartsWith("array<", StringComparison.Ordinal) && t.EndsWith('>'))
        {
            int colon = t.IndexOf(':', StringComparison.Ordinal);
            t = colon < 0 ? "" : t[(colon + 1)..^1];
        }
        else if (t.StartsWith('[') && t.EndsWith(']')) t = t[1..^1];
        else return null;
        if (string.IsNullOrWhiteSpace(t)) return [];
        var parts = t.Split(',');
        var values = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i])) return null;
        return values;
    }

    /// <summary>The integer of <c>3 : i64</c> (or a bare <c>3</c>); null otherwise.</summary>
    public static long? TryParseInt(string? text)
    {
        if (text is null) return null;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string t = (colon < 0 ? text : text[..colon]).Trim();
        return long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null;
    }

    /// <summary>The word inside a StableHLO enum attribute: <c>LT</c> of <c>#stablehlo&lt;comparison_direction LT&gt;</c>.</summary>
    public static string? TryParseEnum(string? text, string kind)
    {
        string prefix = $"#stablehlo<{kind} ";
        if (text is null || !text.StartsWith(prefix, StringComparison.Ordinal) || !text.EndsWith('>')) return null;
        return text[prefix.Length..^1].Trim();
    }

    /// <summary>
    /// A named list inside a dialect attribute: <c>[1]</c> for <c>lhs_contracting_dimensions</c> of
    /// <c>#stablehlo.dot&lt;lhs_contracting_dimensions = [1], ...&gt;</c>; empty when the name is absent.
    /// </summary>
    public static long[] NamedList(string attribute, string name)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        int at = 0;
        while ((at = attribute.IndexOf(name, at, StringComparison.Ordinal)) >= 0)
        {
            bool wordStart = at == 0 || !(char.IsAsciiLetterOrDigit(attribute[at - 1]) || attribute[at - 1] == '_');
            int after = at + name.Length;
            string rest = attribute[after..].TrimStart();
            if (wordStart && rest.StartsWith('='))
            {
                rest = rest[1..].TrimStart();
                int close = rest.IndexOf(']', StringComparison.Ordinal);
                if (rest.StartsWith('[') && close > 0) return TryParseIntArray(rest[..(close + 1)]) ?? [];
            }
            at = after;
        }
        return [];
    }
}
