using System.Globalization;
using Axle.Lowering.Text;

namespace Axle.Runtime;

/// <summary>
/// A parameter type read from a program's <c>@main</c> signature: its element
/// type (null when not one PJRT names) and dimensions (-1 for a dynamic <c>?</c>;
/// null when the parameter is not a ranked tensor, so anything is accepted).
/// </summary>
internal sealed record MlirTensorType(PjrtElementType? ElementType, long[]? Dimensions, string Text)
{
    /// <summary>
    /// The parameters of <c>@main</c>, or null when the signature cannot be read. PJRT (at the API
    /// versions Axle binds) has no portable query for an executable's parameter types, so the runtime
    /// reads them from the program it compiled to check arguments before any native call; text it
    /// cannot read leaves the check to the plugin.
    /// </summary>
    internal static IReadOnlyList<MlirTensorType>? ReadMainParameters(string program)
    {
        IReadOnlyList<MlirValue>? parameters = GenericParser.TryReadParameters(program, "main");
        try
        {
            return parameters?.Select(p => Parse(p.Type)).ToArray();
        }
        catch (OverflowException)
        {
            // A dimension too large for long: leave the checking to the plugin.
            return null;
        }
    }

    /// <summary>Reads <c>tensor&lt;2x?xf32&gt;</c>; a type that is not a ranked tensor accepts anything.</summary>
    /// <exception cref="OverflowException">A dimension does not fit a long.</exception>
    internal static MlirTensorType Parse(string type)
    {
        const string prefix = "tensor<";
        if (!type.StartsWith(prefix, StringComparison.Ordinal) || !type.EndsWith('>'))
        {
            return new MlirTensorType(null, null, type);
        }

        // Drop a trailing encoding (`tensor<4xf32, #enc>`); it does not change what a buffer must look like.
        string body = type[prefix.Length..^1];
        int comma = TopLevelComma(body);
        body = (comma < 0 ? body : body[..comma]).Trim();
        var dimensions = new List<long>();
        while (LeadingDimension(body) is { } end)
        {
            string size = body[..end].Trim();
            dimensions.Add(size == "?" ? -1 : long.Parse(size, NumberStyles.None, CultureInfo.InvariantCulture));
            body = body[(end + 1)..].TrimStart();
        }

        if (body.StartsWith('*'))
        {
            return new MlirTensorType(null, null, type);
        }

        return new MlirTensorType(PjrtElementTypes.FromMlir(body), dimensions.ToArray(), type);
    }

    /// <summary>Whether a buffer of <paramref name="type"/> and <paramref name="dimensions"/> fits this parameter.</summary>
    internal bool Accepts(PjrtElementType type, long[] dimensions)
    {
        if (ElementType is { } expected && expected != type)
        {
            return false;
        }

        if (Dimensions is null)
        {
            return true;
        }

        if (Dimensions.Length != dimensions.Length)
        {
            return false;
        }

        for (int i = 0; i < dimensions.Length; i++)
        {
            if (Dimensions[i] >= 0 && Dimensions[i] != dimensions[i])
            {
                return false;
            }
        }

        return true;
    }

    // The index of the 'x' ending a leading `12x` or `?x`, or null when the text does not start with one.
    private static int? LeadingDimension(string body)
    {
        int i = 0;
        if (i < body.Length && body[i] == '?')
        {
            i++;
        }
        else
        {
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
            }
        }

        if (i == 0)
        {
            return null;
        }

        while (i < body.Length && char.IsWhiteSpace(body[i]))
        {
            i++;
        }

        return i < body.Length && body[i] == 'x' ? i : null;
    }

    private static int TopLevelComma(string body)
    {
        int depth = 0;
        for (int i = 0; i < body.Length; i++)
        {
            switch (body[i])
            {
                case '<' or '(' or '[' or '{':
                    depth++;
                    break;
                case '>' or ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return -1;
    }
}
