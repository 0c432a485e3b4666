using Axle.Tests.Backends;
using Axle.Runtime;
using Axle.Tests.Core;
using Axle.Tests.Runtime;

namespace Axle.Tests.Reliability;

/// <summary>
/// Issue 10, item 6: a plugin error reaches the caller as a <see cref="PjrtException"/> with the
/// plugin's code and message, also through Axle's own paths (eager ops, Jit), and a failed
/// compile leaves nothing cached, so the corrected call compiles and runs.
/// </summary>
[Collection(SerialCollection.Name)]
public class PluginErrorTests
{
    [CpuPluginFact]
    public void AnInvalidProgramThroughEagerDispatchCarriesTheCodeAndTheOpName()
    {
        var bogus = new Primitive("reliability_bogus", (ins, _) => [ins[0]], (ctx, xs, _) => [ctx.Op("stablehlo.reliability_bogus", xs)]);
        var e = Assert.Throws<PjrtException>(() => bogus.Bind([Tensor.From(new float[] { 1, 2 })]));
        Assert.Equal(PjrtErrorCode.Unimplemented, e.Code);
        Assert.Contains("stablehlo.reliability_bogus", e.Message);

        // The failure is not cached: the same application fails afresh, with the same error.
        var again = Assert.Throws<PjrtException>(() => bogus.Bind([Tensor.From(new float[] { 1, 2 })]));
        Assert.Equal(e.Code, again.Code);
    }

    [CpuPluginFact]
    public void AFailedJitCompileLeavesTheCacheCleanAndTheCorrectedCallWorks()
    {
        bool broken = true;
        var flaky = new Primitive("reliability_flaky", (ins, _) => [ins[0]],
            (ctx, xs, _) => [ctx.Op(broken ? "stablehlo.reliability_flaky" : "stablehlo.negate", xs)]);
        var f = Ax.Jit((Tensor x) => flaky.Bind1([x]) * 2);
        var x = Tensor.From(new float[] { 1, 2, 3 });

        long compilationsBefore = ProgramCompiler.Compilations;
        var e = Assert.Throws<PjrtException>(() => f(x));
        Assert.Equal(PjrtErrorCode.Unimplemented, e.Code);
        Assert.Contains("stablehlo.reliability_flaky", e.Message);
        Assert.Equal(compilationsBefore, ProgramCompiler.Compilations);

        broken = false;
        Assert.Equal(new float[] { -2, -4, -6 }, f(x).ToArray<float>());
        Assert.Equal(compilationsBefore + 1, ProgramCompiler.Compilations);
        Assert.Equal(new float[] { -2, -4, -6 }, f(x).ToArray<float>());
        Assert.Equal(compilationsBefore + 1, ProgramCompiler.Compilations);
    }

    [CpuPluginFact]
    public void PluginCodesAndMessagesReachTheException()
    {
        using PjrtClient client = TestPjrt.NewClient();
        var parse = Assert.Throws<PjrtException>(() => client.Compile("func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {"));
        Assert.Equal(PjrtErrorCode.InvalidArgument, parse.Code);
        Assert.Matches(@"\d+:\d+", parse.Message);

        const string wrongResult = """
            func.func public @main(%a: tensor<2xf32>) -> tensor<3xf32> {
              %0 = "stablehlo.negate"(%a) : (tensor<2xf32>) -> tensor<2xf32>
              "func.return"(%0) : (tensor<2xf32>) -> ()
            }
            """;
        var type = Assert.Throws<PjrtException>(() => client.Compile(wrongResult));
        Assert.NotEqual(PjrtErrorCode.Unspecified, type.Code);
        Assert.False(string.IsNullOrWhiteSpace(type.Message));

        // The client is still healthy after the failures.
        using PjrtLoadedExecutable ok = client.Compile(wrongResult.Replace("tensor<3xf32> {", "tensor<2xf32> {", StringComparison.Ordinal));
        using PjrtBuffer a = client.BufferFromHost<float>([1f, 2f], [2]);
        PjrtBuffer[] outs = ok.Execute(a);
        Assert.Equal(new float[] { -1, -2 }, outs[0].ToArray<float>());
        outs[0].Dispose();
    }
}
