using Axle.Lowering;
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
        // An op of the catalog the plugin refuses (an unknown op name now fails before the plugin,
        // see AnOpOutsideTheCatalogFailsAtTheEmittingCallNamingIt).
        var bogus = new Primitive("reliability_bogus", (ins, _) => [ins[0]], (ctx, xs, _) => [CustomCall(ctx, xs, "reliability_bogus")]);
        var e = Assert.Throws<PjrtException>(() => bogus.Bind([Tensor.From(new float[] { 1, 2 })]));
        Assert.Equal(PjrtErrorCode.Unimplemented, e.Code);
        Assert.Contains("reliability_bogus", e.Message);

        // The failure is not cached: the same application fails afresh, with the same error.
        var again = Assert.Throws<PjrtException>(() => bogus.Bind([Tensor.From(new float[] { 1, 2 })]));
        Assert.Equal(e.Code, again.Code);
    }

    [CpuPluginFact]
    public void AFailedJitCompileLeavesTheCacheCleanAndTheCorrectedCallWorks()
    {
        bool broken = true;
        var flaky = new Primitive("reliability_flaky", (ins, _) => [ins[0]],
            (ctx, xs, _) => [broken ? CustomCall(ctx, xs, "reliability_flaky") : ctx.Op("stablehlo.negate", xs)]);
        var f = Ax.Jit((Tensor x) => flaky.Bind1([x]) * 2);
        var x = Tensor.From(new float[] { 1, 2, 3 });

        long compilationsBefore = ProgramCompiler.Compilations;
        var e = Assert.Throws<PjrtException>(() => f(x));
        Assert.Equal(PjrtErrorCode.Unimplemented, e.Code);
        Assert.Contains("reliability_flaky", e.Message);
        Assert.Equal(compilationsBefore, ProgramCompiler.Compilations);

        broken = false;
        Assert.Equal(new float[] { -2, -4, -6 }, f(x).ToArray<float>());
        Assert.Equal(compilationsBefore + 1, ProgramCompiler.Compilations);
        Assert.Equal(new float[] { -2, -4, -6 }, f(x).ToArray<float>());
        Assert.Equal(compilationsBefore + 1, ProgramCompiler.Compilations);
    }

    [Fact]
    public void AnOpOutsideTheCatalogFailsAtTheEmittingCallNamingIt()
    {
        var typo = new Primitive("reliability_typo", (ins, _) => [ins[0]], (ctx, xs, _) => [ctx.Op("stablehlo.reliability_typo", xs)]);
        long compilationsBefore = ProgramCompiler.Compilations;
        var e = Assert.Throws<ArgumentException>(() => typo.Bind([Tensor.From(new float[] { 1, 2 })]));
        Assert.Contains("'stablehlo.reliability_typo'", e.Message);
        Assert.Equal(compilationsBefore, ProgramCompiler.Compilations);
    }

    /// <summary>A custom_call the bundled plugin refuses (UNIMPLEMENTED, naming the target).</summary>
    private static Value CustomCall(LoweringContext ctx, Value[] xs, string target) =>
        ctx.Op("stablehlo.custom_call", xs, ("call_target_name", Attr.String(target)));

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
