using Axle.Bench.Peers.Onnx;

namespace Axle.Bench.Peers.Tests;

/// <summary>The hand-written ONNX encoding, checked by ONNX Runtime loading and running what it builds.</summary>
public class OnnxGraphTests
{
    [Fact]
    public void ElementwiseModelWithScalarInitializersComputesTheFormula()
    {
        var g = new OnnxGraph("t");
        string x = g.Input("x", OnnxType.Float, 3);
        g.Identity(g.Node("Add", [g.Node("Mul", [x, g.Scalar(2, OnnxType.Float)]), g.Scalar(0.5, OnnxType.Float)]), "y");
        g.Output("y", OnnxType.Float, 3);
        using var ort = new OrtModel(g.ToModel(), ["x"], ["y"]);
        using var xv = OrtModel.Tensor(new[] { 1f, -2f, 3.5f }, 3);
        Assert.Equal(new[] { 2.5f, -3.5f, 7.5f }, ort.RunToArray<float>(0, xv));
    }

    [Fact]
    public void ReductionAttributesAndInt64InputsAreEncoded()
    {
        // ReduceMax takes axes as an INTS attribute at opset 17, ReduceSum as an int64 input.
        var g = new OnnxGraph("t");
        string x = g.Input("x", OnnxType.Double, 2, 3);
        g.Identity(g.Reduce("ReduceMax", x, [1], keepDims: false), "max");
        g.Identity(g.Node("ReduceSum", [x, g.Int64s(0)], ("keepdims", 0)), "sum");
        g.Output("max", OnnxType.Double, 2);
        g.Output("sum", OnnxType.Double, 3);
        using var ort = new OrtModel(g.ToModel(), ["x"], ["max", "sum"]);
        using var xv = OrtModel.Tensor(new[] { 1.0, 5, -2, 4, 0, 7 }, 2, 3);
        Assert.Equal(new[] { 5.0, 7 }, ort.RunToArray<double>(0, xv));
        Assert.Equal(new[] { 5.0, 5, 5 }, ort.RunToArray<double>(1, xv));
    }

    [Fact]
    public void BothThreadSettingsRunTheSameModel()
    {
        var g = new OnnxGraph("t");
        string a = g.Input("a", OnnxType.Float, 2, 2);
        g.Identity(g.Node("MatMul", [a, g.Weights([1f, 2f, 3f, 4f], 2, 2)]), "c");
        g.Output("c", OnnxType.Float, 2, 2);
        using var ort = new OrtModel(g.ToModel(), ["a"], ["c"]);
        using var av = OrtModel.Tensor(new[] { 1f, 0f, 0f, 1f }, 2, 2);
        foreach (int threads in new[] { 1, 2 })
        {
            ort.Threads = threads;
            Assert.Equal(new[] { 1f, 2f, 3f, 4f }, ort.RunToArray<float>(0, av));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => ort.Threads = 3);
    }

    [Fact]
    public void VarintsOfLargeValuesUseSevenBitGroups()
    {
        // 300 = 0b1_0010_1100 → 0xAC 0x02 after the tag (field 1, varint: 0x08).
        Assert.Equal(new byte[] { 0x08, 0xAC, 0x02 }, new ProtoWriter().Int(1, 300).ToArray());
        // Field 20 (AttributeProto.type) needs a two-byte tag: (20 << 3) | 0 = 160 → 0xA0 0x01.
        Assert.Equal(new byte[] { 0xA0, 0x01, 0x07 }, new ProtoWriter().Int(20, 7).ToArray());
    }
}
