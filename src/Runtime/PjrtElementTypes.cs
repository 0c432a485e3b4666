using Axle.Lowering;

namespace Axle.Runtime;

/// <summary>The runtime's view of <see cref="ElementTypeTable"/>, keyed by <see cref="PjrtElementType"/>, and shape helpers.</summary>
internal static class PjrtElementTypes
{
    /// <summary>The element type a host array of <typeparamref name="T"/> carries.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no PJRT element type.</exception>
    internal static PjrtElementType Of<T>()
        where T : unmanaged
    {
        // Read once per T: every upload and download asks, and a table lookup per call showed in the round trip.
        if (TypeOf<T>.Value is { } known)
        {
            return known;
        }

        Type type = typeof(T);
        throw new ArgumentException(
            $"{type} has no PJRT element type; use float, double, int, uint, long, ulong, short, ushort, sbyte, byte, bool or Half "
                + "(bfloat16 goes through the raw-bytes overload).",
            nameof(T));
    }

    /// <summary>Bytes per element of a dense host array, or 0 for types Axle cannot move.</summary>
    internal static int ByteSize(PjrtElementType type) =>
        (uint)type < (uint)ByteSizes.Length ? ByteSizes[(int)type] : 0;

    // PJRT_Buffer_Type values are small and dense: an array indexed by them (0 where the table has no row).
    private static readonly int[] ByteSizes = Enumerable.Range(0, 64).Select(t => ElementTypeTable.FromPjrt(t)?.ByteSize ?? 0).ToArray();

    private static class TypeOf<T>
        where T : unmanaged
    {
        public static readonly PjrtElementType? Value =
            ElementTypeTable.FromClr(typeof(T)) is { } row ? (PjrtElementType)row.PjrtType : null;
    }

    /// <summary>
    /// Maps an MLIR element type name (<c>f32</c>, <c>i1</c>, <c>ui32</c>, <c>complex&lt;f32&gt;</c>, ...) to a
    /// PJRT type; the explicitly signed spellings (<c>si32</c>) name the same types as the signless ones.
    /// </summary>
    internal static PjrtElementType? FromMlir(string name)
    {
        ElementTypeInfo? row = ElementTypeTable.FromMlir(name);
        if (row is null && name.StartsWith("si", StringComparison.Ordinal))
        {
            row = ElementTypeTable.FromMlir(name[1..]);
            if (row?.Kind != ElementKind.SignedInteger)
            {
                row = null;
            }
        }

        return row is null ? null : (PjrtElementType)row.PjrtType;
    }

    /// <summary>Product of <paramref name="dimensions"/>, validating each is non-negative.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the count overflows.</exception>
    internal static long ElementCount(ReadOnlySpan<long> dimensions, string paramName)
    {
        long count = 1;
        for (int i = 0; i < dimensions.Length; i++)
        {
            if (dimensions[i] < 0)
            {
                throw new ArgumentException($"Dimension {i} is {dimensions[i]}; dimensions must be non-negative.", paramName);
            }

            try
            {
                count = checked(count * dimensions[i]);
            }
            catch (OverflowException)
            {
                throw new ArgumentException("The element count overflows a 64-bit integer.", paramName);
            }
        }

        return count;
    }

    /// <summary>Formats a shape like MLIR does: <c>f32[2,3]</c>.</summary>
    internal static string Describe(PjrtElementType type, ReadOnlySpan<long> dimensions) =>
        $"{type}[{string.Join(",", dimensions.ToArray())}]";
}
