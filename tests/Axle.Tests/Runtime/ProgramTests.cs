using Axle.Tests.Backends;
using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>Hand-written StableHLO programs run through the plugin, checked against C#.</summary>
public class ProgramTests
{
    [CpuPluginFact]
    public void ElementwiseChainMatchesCSharp()
    {
        const string program = """
            func.func public @main(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
              %0 = "stablehlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
              %1 = "stablehlo.multiply"(%0, %a) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
              %2 = "stablehlo.subtract"(%1, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
              %3 = "stablehlo.divide"(%2, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
              %4 = "stablehlo.negate"(%3) : (tensor<2x3xf32>) -> tensor<2x3xf32>
              %5 = "stablehlo.exponential"(%4) : (tensor<2x3xf32>) -> tensor<2x3xf32>
              %6 = "stablehlo.log"(%b) : (tensor<2x3xf32>) -> tensor<2x3xf32>
              %7 = "stablehlo.maximum"(%5, %6) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
              "func.return"(%7) : (tensor<2x3xf32>) -> ()
            }
            """;
        float[] a = { 0.5f, -1f, 2f, 0.25f, 1.5f, -0.75f };
        float[] b = { 1f, 2f, 3f, 4f, 0.5f, 2.5f };
        float[] expected = a.Zip(b, (x, y) => MathF.Max(MathF.Exp(-(((x + y) * x - y) / y)), MathF.Log(y))).ToArray();

        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer ba = client.BufferFromHost<float>(a, new long[] { 2, 3 });
        using PjrtBuffer bb = client.BufferFromHost<float>(b, new long[] { 2, 3 });
        float[] actual = TestPjrt.RunSingle<float>(client, program, ba, bb);
        AssertClose(expected, actual, 1e-5f);
    }

    [CpuPluginFact]
    public void BroadcastAddsARowToEveryRow()
    {
        const string program = """
            func.func public @main(%m: tensor<2x3xf64>, %v: tensor<3xf64>) -> tensor<2x3xf64> {
              %0 = "stablehlo.broadcast_in_dim"(%v) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf64>) -> tensor<2x3xf64>
              %1 = "stablehlo.add"(%m, %0) : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
              "func.return"(%1) : (tensor<2x3xf64>) -> ()
            }
            """;
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer m = client.BufferFromHost<double>(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        using PjrtBuffer v = client.BufferFromHost<double>(new double[] { 10, 20, 30 }, new long[] { 3 });
        Assert.Equal(new double[] { 11, 22, 33, 14, 25, 36 }, TestPjrt.RunSingle<double>(client, program, m, v));
    }

    [CpuPluginFact]
    public void CompareAndSelectPickTheSmaller()
    {
        const string program = """
            func.func public @main(%a: tensor<5xi32>, %b: tensor<5xi32>) -> (tensor<5xi32>, tensor<5xi1>) {
              %c = "stablehlo.compare"(%a, %b) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<5xi32>, tensor<5xi32>) -> tensor<5xi1>
              %s = "stablehlo.select"(%c, %a, %b) : (tensor<5xi1>, tensor<5xi32>, tensor<5xi32>) -> tensor<5xi32>
              "func.return"(%s, %c) : (tensor<5xi32>, tensor<5xi1>) -> ()
            }
            """;
        int[] a = { 1, 9, -4, 7, 0 };
        int[] b = { 2, 3, -5, 7, 1 };
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer ba = client.BufferFromHost<int>(a, new long[] { 5 });
        using PjrtBuffer bb = client.BufferFromHost<int>(b, new long[] { 5 });
        using PjrtLoadedExecutable executable = client.Compile(program);
        Assert.Equal(2, executable.NumOutputs);
        PjrtBuffer[] outputs = executable.Execute(ba, bb);
        try
        {
            Assert.Equal(2, outputs.Length);
            Assert.Equal(a.Zip(b, Math.Min).ToArray(), outputs[0].ToArray<int>());
            Assert.Equal(PjrtElementType.Pred, outputs[1].ElementType);
            Assert.Equal(a.Zip(b, (x, y) => x < y).ToArray(), outputs[1].ToArray<bool>());
        }
        finally
        {
            Array.ForEach(outputs, o => o.Dispose());
        }
    }

    [CpuPluginFact]
    public void ConvertChangesElementTypes()
    {
        const string program = """
            func.func public @main(%a: tensor<4xi32>, %u: tensor<4xui32>) -> (tensor<4xf32>, tensor<4xf64>) {
              %0 = "stablehlo.convert"(%a) : (tensor<4xi32>) -> tensor<4xf32>
              %1 = "stablehlo.convert"(%u) : (tensor<4xui32>) -> tensor<4xf64>
              "func.return"(%0, %1) : (tensor<4xf32>, tensor<4xf64>) -> ()
            }
            """;
        int[] a = { -3, 0, 5, 1 << 20 };
        uint[] u = { 0, 1, 4_000_000_000, 7 };
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer ba = client.BufferFromHost<int>(a, new long[] { 4 });
        using PjrtBuffer bu = client.BufferFromHost<uint>(u, new long[] { 4 });
        PjrtBuffer[] outputs = TestPjrt.Run(client, program, ba, bu);
        try
        {
            Assert.Equal(a.Select(x => (float)x).ToArray(), outputs[0].ToArray<float>());
            Assert.Equal(u.Select(x => (double)x).ToArray(), outputs[1].ToArray<double>());
        }
        finally
        {
            Array.ForEach(outputs, o => o.Dispose());
        }
    }

    [CpuPluginFact]
    public void ReduceSumsRowsAndReshapeFlattens()
    {
        const string program = """
            func.func public @main(%a: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<6xf32>) {
              %z = "stablehlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
              %r = "stablehlo.reduce"(%a, %z) ({
              ^bb0(%x: tensor<f32>, %y: tensor<f32>):
                %s = "stablehlo.add"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
                "stablehlo.return"(%s) : (tensor<f32>) -> ()
              }) {dimensions = array<i64: 1>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
              %f = "stablehlo.reshape"(%a) : (tensor<2x3xf32>) -> tensor<6xf32>
              "func.return"(%r, %f) : (tensor<2xf32>, tensor<6xf32>) -> ()
            }
            """;
        float[] a = { 1, 2, 3, 4, 5, 6 };
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer ba = client.BufferFromHost<float>(a, new long[] { 2, 3 });
        PjrtBuffer[] outputs = TestPjrt.Run(client, program, ba);
        try
        {
            Assert.Equal(new float[] { 6, 15 }, outputs[0].ToArray<float>());
            Assert.Equal(new long[] { 2 }, outputs[0].Dimensions);
            Assert.Equal(a, outputs[1].ToArray<float>());
            Assert.Equal(new long[] { 6 }, outputs[1].Dimensions);
        }
        finally
        {
            Array.ForEach(outputs, o => o.Dispose());
        }
    }

    [CpuPluginFact]
    public void ScalarProgramWithAConstant()
    {
        const string program = """
            func.func public @main(%x: tensor<f64>) -> tensor<f64> {
              %c = "stablehlo.constant"() {value = dense<2.5> : tensor<f64>} : () -> tensor<f64>
              %0 = "stablehlo.multiply"(%x, %c) : (tensor<f64>, tensor<f64>) -> tensor<f64>
              "func.return"(%0) : (tensor<f64>) -> ()
            }
            """;
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer x = client.BufferFromHost<double>(new[] { 4.0 }, ReadOnlySpan<long>.Empty);
        Assert.Equal(new[] { 10.0 }, TestPjrt.RunSingle<double>(client, program, x));
    }

    [CpuPluginFact]
    public void ExecutableDescribesItsOutputsAndProgram()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = client.Compile(AcceptanceTests.Program);
        Assert.Equal(1, executable.NumOutputs);
        Assert.Equal(2, executable.NumParameters);
        Assert.Equal(new[] { PjrtElementType.F32 }, executable.OutputElementTypes);
        Assert.Equal(new long[] { 2 }, Assert.Single(executable.OutputDimensions));
        Assert.False(string.IsNullOrEmpty(executable.Name));
        Assert.False(string.IsNullOrWhiteSpace(executable.OptimizedProgram));
    }

    internal static void AssertClose(float[] expected, float[] actual, float relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float tolerance = relative * Math.Max(1f, Math.Abs(expected[i]));
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
