namespace Axle.Tests.Core;

/// <summary>
/// The promotion lattice against JAX's documented binary promotion table
/// (docs.jax.dev type_promotion, complex columns left out). Byte-size names: u1 = uint8, i4 = int32, f2 = float16.
/// </summary>
public class TypePromotionTests
{
    private static readonly string[] Names = ["b1", "u1", "u2", "u4", "u8", "i1", "i2", "i4", "i8", "bf", "f2", "f4", "f8", "i*", "f*"];

    private static readonly string[] Table =
    [
        "b1 u1 u2 u4 u8 i1 i2 i4 i8 bf f2 f4 f8 i* f*",
        "u1 u1 u2 u4 u8 i2 i2 i4 i8 bf f2 f4 f8 u1 f*",
        "u2 u2 u2 u4 u8 i4 i4 i4 i8 bf f2 f4 f8 u2 f*",
        "u4 u4 u4 u4 u8 i8 i8 i8 i8 bf f2 f4 f8 u4 f*",
        "u8 u8 u8 u8 u8 f* f* f* f* bf f2 f4 f8 u8 f*",
        "i1 i2 i4 i8 f* i1 i2 i4 i8 bf f2 f4 f8 i1 f*",
        "i2 i2 i4 i8 f* i2 i2 i4 i8 bf f2 f4 f8 i2 f*",
        "i4 i4 i4 i8 f* i4 i4 i4 i8 bf f2 f4 f8 i4 f*",
        "i8 i8 i8 i8 f* i8 i8 i8 i8 bf f2 f4 f8 i8 f*",
        "bf bf bf bf bf bf bf bf bf bf f4 f4 f8 bf bf",
        "f2 f2 f2 f2 f2 f2 f2 f2 f2 f4 f2 f4 f8 f2 f2",
        "f4 f4 f4 f4 f4 f4 f4 f4 f4 f4 f4 f4 f8 f4 f4",
        "f8 f8 f8 f8 f8 f8 f8 f8 f8 f8 f8 f8 f8 f8 f8",
        "i* u1 u2 u4 u8 i1 i2 i4 i8 bf f2 f4 f8 i* f*",
        "f* f* f* f* f* f* f* f* f* bf f2 f4 f8 f* f*",
    ];

    private static Aval Parse(string name) => name switch
    {
        "b1" => new(DType.Bool, Shape.Scalar),
        "u1" => new(DType.U8, Shape.Scalar),
        "u2" => new(DType.U16, Shape.Scalar),
        "u4" => new(DType.U32, Shape.Scalar),
        "u8" => new(DType.U64, Shape.Scalar),
        "i1" => new(DType.I8, Shape.Scalar),
        "i2" => new(DType.I16, Shape.Scalar),
        "i4" => new(DType.I32, Shape.Scalar),
        "i8" => new(DType.I64, Shape.Scalar),
        "bf" => new(DType.BF16, Shape.Scalar),
        "f2" => new(DType.F16, Shape.Scalar),
        "f4" => new(DType.F32, Shape.Scalar),
        "f8" => new(DType.F64, Shape.Scalar),
        // Weak values are the default int/float, as C# literals are.
        "i*" => new(DType.I32, Shape.Scalar, Weak: true),
        "f*" => new(DType.F32, Shape.Scalar, Weak: true),
        _ => throw new ArgumentException(name),
    };

    [Fact]
    public void MatchesJaxPromotionTable()
    {
        for (int r = 0; r < Names.Length; r++)
        {
            string[] row = Table[r].Split(' ');
            for (int c = 0; c < Names.Length; c++)
            {
                var expected = Parse(row[c]);
                var (dtype, weak) = TypePromotion.Result(Parse(Names[r]), Parse(Names[c]));
                Assert.True(expected.DType == dtype && expected.Weak == weak,
                    $"{Names[r]} + {Names[c]}: expected {row[c]}, got {dtype}{(weak ? " (weak)" : "")}");
            }
        }
    }

    [Fact]
    public void LiteralsYieldToTensors()
    {
        var i8 = Tensor.From(new sbyte[] { 1, 2 });
        Assert.Equal(DType.I8, (i8 + 1).DType);
        Assert.Equal(DType.F32, (i8 * 1.5).DType);
        Assert.True((i8 * 1.5).IsWeak);
        var f16 = Tensor.From(new Half[] { (Half)1, (Half)2 });
        Assert.Equal(DType.F16, (f16 * 2.0).DType);
        Assert.Equal(DType.F64, (Tensor.From(new double[] { 1 }) + Tensor.From(new float[] { 1 })).DType);
        Assert.Equal(DType.I64, (Tensor.From(new long[] { 1 }) + Tensor.From(new int[] { 1 })).DType);
    }

    [Fact]
    public void WeakDoubleKeepsItsPrecisionWhenMeetingF64()
    {
        var x = Tensor.From(new double[] { 0 });
        double third = 1.0 / 3;
        Assert.Equal(third, (x + third).ToArray<double>()[0]);
    }
}
