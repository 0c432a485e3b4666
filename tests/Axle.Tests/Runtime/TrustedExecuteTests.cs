using Axle.Tests.Backends;
using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>
/// <see cref="PjrtLoadedExecutable.ExecuteTrusted"/>, the path Axle's cache uses: it skips only
/// the per-argument type check, so counts, nulls and disposal still fail in managed code, a type
/// the cache got wrong still fails in the plugin, and outputs describe themselves correctly.
/// </summary>
public class TrustedExecuteTests
{
    private const string TwoOutputs = """
        func.func public @main(%a: tensor<2x3xf32>, %b: tensor<i32>) -> (tensor<2x3xf32>, tensor<i32>) {
          %0 = "stablehlo.add"(%a, %a) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
          %1 = "stablehlo.multiply"(%b, %b) : (tensor<i32>, tensor<i32>) -> tensor<i32>
          "func.return"(%0, %1) : (tensor<2x3xf32>, tensor<i32>) -> ()
        }
        """;

    [CpuPluginFact]
    public void OutputsCarryTheProgramsTypesAndShapes()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = client.Compile(TwoOutputs);
        using PjrtBuffer a = client.BufferFromHost<float>(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        using PjrtBuffer b = client.BufferFromHost<int>(new[] { 7 }, ReadOnlySpan<long>.Empty);
        for (int i = 0; i < 3; i++)
        {
            PjrtBuffer[] outs = executable.ExecuteTrusted([a, b]);
            Assert.Equal(PjrtElementType.F32, outs[0].ElementType);
            Assert.Equal(new long[] { 2, 3 }, outs[0].Dimensions);
            Assert.Equal(new float[] { 2, 4, 6, 8, 10, 12 }, outs[0].ToArray<float>());
            Assert.Equal(PjrtElementType.S32, outs[1].ElementType);
            Assert.Empty(outs[1].Dimensions);
            Assert.Equal(new[] { 49 }, outs[1].ToArray<int>());
            // A caller may change the shape it was handed; the next output must not see that.
            outs[0].Dimensions[0] = 99;
            foreach (PjrtBuffer o in outs) o.Dispose();
        }
    }

    [CpuPluginFact]
    public void CountsNullsAndDisposalStillFailInManagedCode()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = client.Compile(TwoOutputs);
        using PjrtBuffer a = client.BufferFromHost<float>(new float[6], new long[] { 2, 3 });
        PjrtBuffer b = client.BufferFromHost<int>(new[] { 1 }, ReadOnlySpan<long>.Empty);
        Assert.Contains("takes 2 argument(s) but 1", Assert.Throws<ArgumentException>(() => executable.ExecuteTrusted([a])).Message);
        Assert.Throws<ArgumentNullException>(() => executable.ExecuteTrusted([a, null!]));
        b.Dispose();
        Assert.Throws<ObjectDisposedException>(() => executable.ExecuteTrusted([a, b]));
    }

    [CpuPluginFact]
    public void AWrongTypeIsStillRefusedByThePlugin()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = client.Compile(TwoOutputs);
        using PjrtBuffer a = client.BufferFromHost<float>(new float[6], new long[] { 2, 3 });
        using PjrtBuffer wrong = client.BufferFromHost<float>(new[] { 1f }, ReadOnlySpan<long>.Empty);
        Assert.Throws<PjrtException>(() => executable.ExecuteTrusted([a, wrong]));
        // The managed check of the public path names the argument before the plugin is called.
        Assert.Contains("Argument 1", Assert.Throws<ArgumentException>(() => executable.Execute(a, wrong)).Message);
    }
}
