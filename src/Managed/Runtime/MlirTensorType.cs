namespace Axle.Runtime;

/// <summary>
/// A parameter type read from a program's <c>@main</c> signature: its element
/// type (null when not one PJRT names) and dimensions (-1 for a dynamic <c>?</c>;
/// null when the parameter is not a ranked tensor, so anything is accepted).
/// </summary>
internal sealed record MlirTensorType(PjrtElementType? ElementType, long[]? Dimensions, string Text)
{
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
}
