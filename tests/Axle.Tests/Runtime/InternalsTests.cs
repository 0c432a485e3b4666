using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>Unit tests of the runtime's plugin-independent helpers.</summary>
public class InternalsTests
{
    [Fact]
    public void CompileOptionsMatchTheKnownEncoding()
    {
        Assert.Equal(new byte[] { 0x1a, 0x04, 0x20, 0x01, 0x28, 0x01 }, CompileOptionsEncoder.Encode(1, 1));
        Assert.Equal(new byte[] { 0x1a, 0x05, 0x20, 0x80, 0x01, 0x28, 0x02 }, CompileOptionsEncoder.Encode(128, 2));
    }

    [Fact]
    public void MainSignatureIsRead()
    {
        var parameters = MlirSignature.ParseMainParameters(AcceptanceTests.Program);
        Assert.NotNull(parameters);
        Assert.Equal(2, parameters!.Count);
        Assert.Equal(PjrtElementType.F32, parameters[0].ElementType);
        Assert.Equal(new long[] { 2, 3 }, parameters[0].Dimensions);
        Assert.Equal("tensor<3x4xf32>", parameters[1].Text);
    }

    [Theory]
    [InlineData("func.func @main() -> tensor<f32> {", 0)]
    [InlineData("func.func public @main(%x: tensor<f64>, %k: tensor<2xui32> {jax.arg = \"a,b\"}, %p: tensor<?x3xi1>) -> () {", 3)]
    public void SignaturesWithAttributesScalarsAndDynamicDims(string text, int count)
    {
        var parameters = MlirSignature.ParseMainParameters(text);
        Assert.NotNull(parameters);
        Assert.Equal(count, parameters!.Count);
        if (count == 3)
        {
            Assert.Empty(parameters[0].Dimensions!);
            Assert.Equal(PjrtElementType.U32, parameters[1].ElementType);
            Assert.Equal(new long[] { -1, 3 }, parameters[2].Dimensions);
            Assert.True(parameters[2].Accepts(PjrtElementType.Pred, new long[] { 7, 3 }));
            Assert.False(parameters[2].Accepts(PjrtElementType.Pred, new long[] { 7, 4 }));
        }
    }

    [Fact]
    public void TextWithoutMainGivesNoSignature()
    {
        Assert.Null(MlirSignature.ParseMainParameters("garbage"));
        var unknown = MlirSignature.ParseMainParameters("func.func @main(%t: !stablehlo.token) -> () {");
        Assert.Null(Assert.Single(unknown!).Dimensions);
    }
}
