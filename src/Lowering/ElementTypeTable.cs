namespace Axle.Lowering;

/// <summary>
/// The one table of element types: <c>DType</c>, <see cref="ElementType"/>, the runtime's PJRT types,
/// the <c>.npy</c> reader and writer and <c>axle run</c> all read their facts from these rows.
/// </summary>
public static class ElementTypeTable
{
    private const ElementKind B = ElementKind.Bool, S = ElementKind.SignedInteger, U = ElementKind.UnsignedInteger;
    private const ElementKind F = ElementKind.Float, C = ElementKind.Complex;

    /// <summary>Every element type, those with an <see cref="ElementType"/> first and in its order.</summary>
    public static IReadOnlyList<ElementTypeInfo> All => Rows;

    private static readonly ElementTypeInfo[] Rows =
    [
        Row(ElementType.Pred, "i1", "bool", B, 1, 1, 1, "b1", typeof(bool)),
        Row(ElementType.I8, "i8", "i8", S, 8, 1, 2, "i1", typeof(sbyte)),
        Row(ElementType.I16, "i16", "i16", S, 16, 2, 3, "i2", typeof(short)),
        Row(ElementType.I32, "i32", "i32", S, 32, 4, 4, "i4", typeof(int)),
        Row(ElementType.I64, "i64", "i64", S, 64, 8, 5, "i8", typeof(long)),
        Row(ElementType.U8, "ui8", "u8", U, 8, 1, 6, "u1", typeof(byte)),
        Row(ElementType.U16, "ui16", "u16", U, 16, 2, 7, "u2", typeof(ushort)),
        Row(ElementType.U32, "ui32", "u32", U, 32, 4, 8, "u4", typeof(uint)),
        Row(ElementType.U64, "ui64", "u64", U, 64, 8, 9, "u8", typeof(ulong)),
        Row(ElementType.F16, "f16", "f16", F, 16, 2, 10, "f2", typeof(Half)),
        Row(ElementType.BF16, "bf16", "bf16", F, 16, 2, 13, "V2", null),
        Row(ElementType.F32, "f32", "f32", F, 32, 4, 11, "f4", typeof(float)),
        Row(ElementType.F64, "f64", "f64", F, 64, 8, 12, "f8", typeof(double)),
        Row(null, "complex<f32>", "c64", C, 64, 8, 14, null, null),
        Row(null, "complex<f64>", "c128", C, 128, 16, 15, null, null),
    ];

    private static readonly Dictionary<string, ElementTypeInfo> ByMlir = Rows.ToDictionary(r => r.MlirName);
    private static readonly Dictionary<int, ElementTypeInfo> ByPjrt = Rows.ToDictionary(r => r.PjrtType);
    private static readonly Dictionary<Type, ElementTypeInfo> ByClr = Rows.Where(r => r.ClrType is not null).ToDictionary(r => r.ClrType!);
    private static readonly Dictionary<string, ElementTypeInfo> ByNpy = Rows.Where(r => r.NpyCode is not null).ToDictionary(r => r.NpyCode!);

    /// <summary>The row of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="ElementType"/>.</exception>
    public static ElementTypeInfo Of(ElementType type) =>
        TryOf(type) ?? throw new ArgumentOutOfRangeException(nameof(type), type, "unknown element type");

    /// <summary>The row of <paramref name="type"/>, or null when it is not a defined <see cref="ElementType"/>.</summary>
    // The rows with an element type come first and in the enum's order (a test checks it), so the value is the index.
    public static ElementTypeInfo? TryOf(ElementType type) =>
        (uint)type < (uint)Rows.Length && Rows[(int)type].Element == type ? Rows[(int)type] : null;

    /// <summary>The row spelled <paramref name="mlirName"/> in MLIR (<c>f32</c>, <c>ui8</c>, <c>i1</c>), or null.</summary>
    public static ElementTypeInfo? FromMlir(string mlirName) => ByMlir.GetValueOrDefault(mlirName);

    /// <summary>The row whose <c>PJRT_Buffer_Type</c> is <paramref name="pjrtType"/>, or null.</summary>
    public static ElementTypeInfo? FromPjrt(int pjrtType) => ByPjrt.GetValueOrDefault(pjrtType);

    /// <summary>The row whose .NET type is <paramref name="clrType"/> (<c>float</c> → f32), or null.</summary>
    public static ElementTypeInfo? FromClr(Type clrType) => ByClr.GetValueOrDefault(clrType);

    /// <summary>The row of numpy type code <paramref name="npyCode"/> (<c>f4</c>, without byte order), or null.</summary>
    public static ElementTypeInfo? FromNpy(string npyCode) => ByNpy.GetValueOrDefault(npyCode);

    private static ElementTypeInfo Row(
        ElementType? element, string mlir, string shortName, ElementKind kind, int bits, int bytes, int pjrt, string? npy, Type? clr) =>
        new()
        {
            Element = element,
            MlirName = mlir,
            ShortName = shortName,
            Kind = kind,
            BitWidth = bits,
            ByteSize = bytes,
            PjrtType = pjrt,
            NpyCode = npy,
            ClrType = clr,
        };
}
