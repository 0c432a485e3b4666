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
        var parameters = MlirTensorType.ReadMainParameters(AcceptanceTests.Program);
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
        var parameters = MlirTensorType.ReadMainParameters(text);
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
        Assert.Null(MlirTensorType.ReadMainParameters("garbage"));
        var unknown = MlirTensorType.ReadMainParameters("func.func @main(%t: !stablehlo.token) -> () {");
        Assert.Null(Assert.Single(unknown!).Dimensions);
    }

    [Fact]
    public void MainIsFoundInsideAModuleAfterOtherFunctionsWhateverTheirBodies()
    {
        const string program = """
            module @m attributes {mhlo.num_partitions = 1 : i32} {
              func.func private @helper(%x: tensor<2xf32>) -> tensor<2xf32> {
                %0 = stablehlo.add %x, %x : tensor<2xf32>
                return %0 : tensor<2xf32>
              }
              func.func public @main(%a: tensor<4xcomplex<f32>>, %b: tensor<3xsi32, #enc<"a, b">>) -> tensor<2xf32> {
                %0 = call @helper(%b) : (tensor<2xf32>) -> tensor<2xf32>
                return %0 : tensor<2xf32>
              }
            }
            """;
        var parameters = MlirTensorType.ReadMainParameters(program);
        Assert.NotNull(parameters);
        Assert.Equal(PjrtElementType.C64, parameters![0].ElementType);
        Assert.Equal(new long[] { 4 }, parameters[0].Dimensions);
        Assert.Equal(PjrtElementType.S32, parameters[1].ElementType);
        Assert.Equal(new long[] { 3 }, parameters[1].Dimensions);
    }

    [Fact]
    public void UnreadableSignaturesLeaveTheCheckToThePlugin()
    {
        Assert.Null(MlirTensorType.ReadMainParameters("func.func @helper() -> () {\n}"));
        Assert.Null(MlirTensorType.ReadMainParameters("func.func @main(%a: tensor<99999999999999999999xf32>) -> () {"));
        var unranked = MlirTensorType.ReadMainParameters("func.func @main(%a: tensor<*xf32>) -> () {");
        Assert.Null(Assert.Single(unranked!).Dimensions);
    }
}
