using System.Text.RegularExpressions;
using static Axle.Ops;

namespace Axle.Tests.Core;

/// <summary>Structural checks on lowered modules, and that the bundled plugin compiles them.</summary>
public class LoweringTests
{
    [Fact]
    public void LoweredModuleHasOneMainWithCapturedTensorsAsParameters()
    {
        var big = Tensor.From(Enumerable.Range(0, 64).Select(i => (float)i).ToArray(), 8, 8);
        Func<Tensor, Tensor> f = x => Tanh(MatMul(x, big) + 0.5) * 2;
        var lowered = Ax.Lower(f, Tensor.From(new float[16], 2, 8));
        string text = lowered.AsText();

        Assert.Single(Regex.Matches(text, @"func\.func public @main\("));
        // Explicit input first, then the captured matrix as a hidden parameter.
        Assert.Matches(@"@main\(%arg0: tensor<2x8xf32>, %arg1: tensor<8x8xf32>\)", text);
        // The captured tensor never appears as a literal: only scalar constants do.
        foreach (Match m in Regex.Matches(text, @"stablehlo\.constant""\(\) \{value = [^}]*: (tensor<[^>]*>)"))
            Assert.Matches(@"^tensor<[a-z0-9]+>$", m.Groups[1].Value);
        Assert.Contains("stablehlo.dot_general", text);
        Assert.Contains("stablehlo.tanh", text);

        var compiled = lowered.Compile();
        Assert.False(string.IsNullOrWhiteSpace(compiled.AsText()));
    }

    [Fact]
    public void GraphPrintsLikeAJaxpr()
    {
        Func<Tensor, Tensor> f = x => Exp(x) + x;
        var lowered = Ax.Lower(f, Tensor.From(new float[3]));
        Assert.Equal("""
            { lambda  ; a:f32[3] . let
                b:f32[3] = exp a
                c:f32[3] = add b a
              in (c) }
            """.Replace("\r", ""), lowered.GraphText());
    }

    [Fact]
    public void PruneDropsDeadEquations()
    {
        var graph = Tracer.Trace(xs => { _ = Exp(xs[0]); return [Sin(xs[0])]; }, [new Aval(DType.F32, new Shape(2))]);
        Assert.Equal(2, graph.Equations.Count);
        var pruned = graph.Prune();
        Assert.Single(pruned.Equations);
        Assert.Equal("sin", pruned.Equations[0].Primitive.Name);
    }

}

/// <summary>AXLE_DUMP_DIR is process-wide: run alone so other tests do not dump into (or race with) the directory.</summary>
[Collection(SerialCollection.Name)]
public class DumpTests
{
    [Fact]
    public void DumpDirReceivesModuleAndOptimizedProgram()
    {
        string dir = Path.Combine(Path.GetTempPath(), "axle-dump-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("AXLE_DUMP_DIR", dir);
        try
        {
            Func<Tensor, Tensor> dumped = x => Cos(x) * 3;
            Ax.Lower(dumped, Tensor.From(new float[5])).Compile();
        }
        finally
        {
            Environment.SetEnvironmentVariable("AXLE_DUMP_DIR", null);
        }
        var files = Directory.GetFiles(dir).Select(Path.GetFileName).ToArray();
        Assert.Contains(files, f => f!.StartsWith("jit_", StringComparison.Ordinal) && f.EndsWith(".stablehlo.mlir", StringComparison.Ordinal));
        Assert.Contains(files, f => f!.EndsWith(".optimized.mlir", StringComparison.Ordinal));
        Directory.Delete(dir, recursive: true);
    }
}
