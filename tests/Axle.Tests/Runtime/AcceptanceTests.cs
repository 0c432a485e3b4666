using Axle.Tests.Backends;
using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>
/// The foundation's acceptance test: a StableHLO module handed from C# to the
/// bundled plugin computes dot_general, an elementwise op and a reduce correctly.
/// </summary>
public class AcceptanceTests
{
    internal const string Program = """
        func.func public @main(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2xf32> {
          %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
          %1 = "stablehlo.exponential"(%0) : (tensor<2x4xf32>) -> tensor<2x4xf32>
          %c = "stablehlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
          %2 = "stablehlo.reduce"(%1, %c) ({
          ^bb0(%x: tensor<f32>, %y: tensor<f32>):
            %s = "stablehlo.add"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
            "stablehlo.return"(%s) : (tensor<f32>) -> ()
          }) {dimensions = array<i64: 1>} : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
          "func.return"(%2) : (tensor<2xf32>) -> ()
        }
        """;

    [CpuPluginTheory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2024)]
    public void DotExpReduceMatchesCSharpReference(int seed)
    {
        var random = new Random(seed);
        float[] a = Enumerable.Range(0, 6).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] b = Enumerable.Range(0, 12).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer ba = client.BufferFromHost<float>(a, new long[] { 2, 3 });
        using PjrtBuffer bb = client.BufferFromHost<float>(b, new long[] { 3, 4 });
        float[] actual = TestPjrt.RunSingle<float>(client, Program, ba, bb);

        ProgramTests.AssertClose(Reference(a, b), actual, 1e-5f);
    }

    [CpuPluginFact]
    public void ConcurrentExecutionsOfOneExecutableAgree()
    {
        var random = new Random(5);
        float[] a = Enumerable.Range(0, 6).Select(_ => (float)random.NextDouble()).ToArray();
        float[] b = Enumerable.Range(0, 12).Select(_ => (float)random.NextDouble()).ToArray();
        float[] expected = Reference(a, b);

        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = client.Compile(Program);
        using PjrtBuffer ba = client.BufferFromHost<float>(a, new long[] { 2, 3 });
        using PjrtBuffer bb = client.BufferFromHost<float>(b, new long[] { 3, 4 });
        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 250; i++)
            {
                PjrtBuffer[] outputs = executable.Execute(ba, bb);
                using PjrtBuffer output = outputs[0];
                ProgramTests.AssertClose(expected, output.ToArray<float>(), 1e-5f);
            }
        });
    }

    /// <summary>sum_j exp(sum_k a[i,k] * b[k,j]) in double precision.</summary>
    internal static float[] Reference(float[] a, float[] b)
    {
        var result = new float[2];
        for (int i = 0; i < 2; i++)
        {
            double sum = 0;
            for (int j = 0; j < 4; j++)
            {
                double dot = 0;
                for (int k = 0; k < 3; k++)
                {
                    dot += (double)a[(i * 3) + k] * b[(k * 4) + j];
                }

                sum += Math.Exp(dot);
            }

            result[i] = (float)sum;
        }

        return result;
    }
}
