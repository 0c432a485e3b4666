using System.Globalization;
using System.Text.RegularExpressions;

namespace Axle.Runtime;

/// <summary>
/// Reads the parameter types of <c>@main</c> from StableHLO text. PJRT (at the
/// API versions Axle binds) has no portable query for an executable's
/// parameter types, so the runtime reads them from the program it compiled to
/// check arguments before any native call. Text it cannot read yields null and
/// the check is left to the plugin.
/// </summary>
internal static partial class MlirSignature
{
    /// <summary>The parameters of <c>@main</c>, or null when the signature cannot be read.</summary>
    internal static IReadOnlyList<MlirTensorType>? ParseMainParameters(string program)
    {
        Match main = MainFunction().Match(program);
        if (!main.Success)
        {
            return null;
        }

        int open = main.Index + main.Length - 1;
        int close = FindClosing(program, open);
        if (close < 0)
        {
            return null;
        }

        string parameterList = program.Substring(open + 1, close - open - 1);
        if (string.IsNullOrWhiteSpace(parameterList))
        {
            return Array.Empty<MlirTensorType>();
        }

        try
        {
            return SplitTopLevel(parameterList, ',').Select(ParseParameter).ToArray();
        }
        catch (OverflowException)
        {
            // A dimension too large for long: leave the checking to the plugin.
            return null;
        }
    }

    private static MlirTensorType ParseParameter(string parameter)
    {
        int colon = parameter.IndexOf(':', StringComparison.Ordinal);
        string type = (colon >= 0 ? parameter[(colon + 1)..] : parameter).Trim();
        Match tensor = RankedTensor().Match(type);
        if (!tensor.Success)
        {
            return new MlirTensorType(null, null, type);
        }

        int open = tensor.Index + tensor.Length - 1;
        int close = FindClosing(type, open);
        if (close < 0)
        {
            return new MlirTensorType(null, null, type);
        }

        // Drop a trailing encoding (`tensor<4xf32, #enc>`); it does not change what a buffer must look like.
        string body = SplitTopLevel(type.Substring(open + 1, close - open - 1), ',')[0].Trim();
        var dimensions = new List<long>();
        Match dimension;
        while ((dimension = LeadingDimension().Match(body)).Success)
        {
            string size = dimension.Groups[1].Value;
            dimensions.Add(size == "?" ? -1 : long.Parse(size, CultureInfo.InvariantCulture));
            body = body[dimension.Length..];
        }

        if (body.StartsWith('*'))
        {
            return new MlirTensorType(null, null, type[..(close + 1)]);
        }

        return new MlirTensorType(PjrtElementTypes.FromMlir(body), dimensions.ToArray(), type[..(close + 1)]);
    }

    private static int FindClosing(string text, int open)
    {
        int depth = 0;
        bool inString = false;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '(' or '<' or '[' or '{':
                    depth++;
                    break;
                case ')' or '>' or ']' or '}':
                    // `->` in a function type is an arrow, not a closing bracket.
                    if (c == '>' && i > 0 && text[i - 1] == '-')
                    {
                        break;
                    }

                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        int depth = 0;
        int start = 0;
        bool inString = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c is '(' or '<' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or '>' or ']' or '}' && !(c == '>' && i > 0 && text[i - 1] == '-'))
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    [GeneratedRegex(@"@main\s*\(")]
    private static partial Regex MainFunction();

    [GeneratedRegex(@"^tensor\s*<")]
    private static partial Regex RankedTensor();

    [GeneratedRegex(@"^\s*(\d+|\?)\s*x")]
    private static partial Regex LeadingDimension();
}
