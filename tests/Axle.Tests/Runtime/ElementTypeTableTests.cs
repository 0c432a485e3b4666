using Axle.IO;
using Axle.Lowering;
using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>The element-type table agrees with the enums that name its rows, and the old spellings still hold.</summary>
public class ElementTypeTableTests
{
    [Fact]
    public void RowsWithAnElementTypeComeFirstInTheEnumsOrder()
    {
        var elements = Enum.GetValues<ElementType>();
        for (int i = 0; i < elements.Length; i++)
        {
            Assert.Equal(elements[i], ElementTypeTable.All[i].Element);
            Assert.Same(ElementTypeTable.All[i], ElementTypeTable.Of(elements[i]));
        }
        Assert.All(ElementTypeTable.All.Skip(elements.Length), r => Assert.Null(r.Element));
    }

    [Fact]
    public void EveryDTypeIsItsElementTypeByValueAndName()
    {
        foreach (DType d in Enum.GetValues<DType>())
        {
            ElementType e = d.ToElementType();
            Assert.Equal((int)d, (int)e);
            Assert.Equal(d == DType.Bool ? "Pred" : d.ToString(), e.ToString());
            Assert.True(DTypes.TryFromElementType(e, out var back));
            Assert.Equal(d, back);
        }
        Assert.Equal(Enum.GetValues<ElementType>().Length, Enum.GetValues<DType>().Length);
    }

    [Fact]
    public void PjrtElementTypeValuesAreTheTablesPjrtTypes()
    {
        foreach (PjrtElementType p in Enum.GetValues<PjrtElementType>())
        {
            if (p == PjrtElementType.Invalid)
            {
                Assert.Null(ElementTypeTable.FromPjrt((int)p));
                continue;
            }
            ElementTypeInfo row = ElementTypeTable.FromPjrt((int)p)!;
            Assert.NotNull(row);
            // The enum's names are XLA's (S32, Pred); the table's short names are Axle's (i32, bool).
            string expected = row.Kind switch
            {
                ElementKind.Bool => "Pred",
                ElementKind.SignedInteger => "S" + row.BitWidth,
                ElementKind.Complex => "C" + row.BitWidth,
                _ => row.ShortName.ToUpperInvariant(),
            };
            Assert.Equal(expected, p.ToString());
        }
        Assert.Equal(ElementTypeTable.All.Count, Enum.GetValues<PjrtElementType>().Length - 1);
    }

    [Theory]
    [InlineData(DType.Bool, "bool", 1, "|b1", "i1")]
    [InlineData(DType.I8, "i8", 1, "|i1", "i8")]
    [InlineData(DType.U16, "u16", 2, "<u2", "ui16")]
    [InlineData(DType.BF16, "bf16", 2, "<V2", "bf16")]
    [InlineData(DType.F32, "f32", 4, "<f4", "f32")]
    [InlineData(DType.U64, "u64", 8, "<u8", "ui64")]
    [InlineData(DType.F64, "f64", 8, "<f8", "f64")]
    public void EachLayerKeepsItsSpelling(DType d, string shortName, int bytes, string descr, string mlir)
    {
        Assert.Equal(shortName, d.ShortName());
        Assert.Equal(bytes, d.ByteSize());
        Assert.Equal(descr, Npy.Descr(d));
        Assert.Equal(mlir, d.ToElementType().MlirName());
        Assert.Equal(bytes, d.ToElementType().ByteSize());
    }

    [Fact]
    public void ClrTypesMapAsBefore()
    {
        Assert.Equal(DType.F16, DTypes.Of<Half>());
        Assert.Equal(DType.U8, DTypes.Of<byte>());
        Assert.Equal(DType.Bool, DTypes.Of<bool>());
        Assert.Throws<ArgumentException>(() => DTypes.Of<System.Numerics.Complex>());
        Assert.Throws<ArgumentException>(() => DTypes.Of<char>());
        Assert.Equal(PjrtElementType.S16, PjrtElementTypes.Of<short>());
        Assert.Equal(PjrtElementType.S32, PjrtElementTypes.FromMlir("si32"));
        Assert.Null(PjrtElementTypes.FromMlir("sf32"));
        Assert.Equal(16, PjrtElementTypes.ByteSize(PjrtElementType.C128));
        Assert.Equal(0, PjrtElementTypes.ByteSize(PjrtElementType.Invalid));
    }

    [Theory]
    [InlineData(DType.I8, sbyte.MinValue, sbyte.MaxValue)]
    [InlineData(DType.I16, short.MinValue, short.MaxValue)]
    [InlineData(DType.I32, int.MinValue, int.MaxValue)]
    [InlineData(DType.I64, long.MinValue, long.MaxValue)]
    [InlineData(DType.U8, 0, byte.MaxValue)]
    [InlineData(DType.U16, 0, ushort.MaxValue)]
    [InlineData(DType.U32, 0, uint.MaxValue)]
    [InlineData(DType.Bool, 0, 1)]
    public void IntegerExtremesFollowTheBitWidth(DType d, long min, long max)
    {
        Assert.Equal(min, HostData.ReadLong(HostData.Extreme(d, max: false), d, 0));
        Assert.Equal(max, HostData.ReadLong(HostData.Extreme(d, max: true), d, 0));
    }

    [Fact]
    public void U64ExtremesAreZeroAndAllOnes()
    {
        Assert.Equal(new byte[8], HostData.Extreme(DType.U64, max: false));
        Assert.Equal(Enumerable.Repeat((byte)0xFF, 8), HostData.Extreme(DType.U64, max: true));
    }
}
