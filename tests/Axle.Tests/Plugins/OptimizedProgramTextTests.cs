using Axle.Runtime;
using Axle.Tests.Backends;
using static Axle.Ops;

namespace Axle.Tests.Plugins;

/// <summary>
/// Compiled.AsText(): MLIR from the bundled plugin; from XLA plugins (binary <c>hlo</c>) the optimized
/// HLO text XLA dumps under <c>xla_dump_to</c>. The dump reading is checked on directories laid out
/// the way XLA writes them.
/// </summary>
public class OptimizedProgramTextTests
{
    [CpuPluginFact]
    public void TheBundledPluginAnswersMlirTextAndAsTextIsThatText()
    {
        Lowered lowered = Ax.Lower((Func<Tensor, Tensor>)(x => Exp(x) * 2), Tensor.From(new float[] { 1, 2 }));
        Compiled compiled = lowered.Compile();
        Assert.Equal("mlir", compiled.Program.Executable.OptimizedProgramFormat);
        string text = compiled.AsText();
        Assert.Equal(compiled.Program.Executable.OptimizedProgram, text);
        Assert.Contains("func.func", text);
        Assert.Same(text, compiled.AsText());
    }

    [Fact]
    public void AsTextIsTheProgramOnEveryBackend()
    {
        Compiled compiled = Ax.Lower((Func<Tensor, Tensor>)(x => Sum(Sin(x) * x)), Tensor.From(new float[] { 1, 2, 3 })).Compile();
        string text = compiled.AsText();
        // MLIR from the bundled plugin, XLA's HLO module text from XLA plugins.
        Assert.True(text.Contains("func.func", StringComparison.Ordinal) || text.Contains("HloModule", StringComparison.Ordinal), text);
        Assert.Contains("sin", text, StringComparison.OrdinalIgnoreCase);
    }

    [CpuPluginFact]
    public void CompileOptionOverridesReachThePluginAndUnknownOnesAreIgnoredByTheBundledOne()
    {
        const string module = """
            func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
              %0 = "stablehlo.add"(%x, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
              func.return %0 : tensor<2xf32>
            }
            """;
        InTempDir(dir =>
        {
            using var executable = Ax.DefaultDevice.Client.Compile(module, new Dictionary<string, object>
            {
                ["xla_dump_to"] = dir,
                ["xla_dump_hlo_as_text"] = true,
            });
            Assert.Equal("mlir", executable.OptimizedProgramFormat);
            Assert.Contains("func.func", OptimizedProgramText.Of(executable, module));
        });
    }

    [Fact]
    public void TheXlaDumpReaderPicksTheOptimizedModuleTextAndNothingBesideIt() => InTempDir(dir =>
    {
        void Write(string name, string text) => File.WriteAllText(Path.Combine(dir, name), text);
        Write("module_0001.main.before_optimizations.txt", "before");
        Write("module_0001.main.sm_9.0_gpu_after_optimizations.txt", "HloModule main, optimized");
        Write("module_0001.main.sm_9.0_gpu_after_optimizations-buffer-assignment.txt", "buffers");
        Write("module_0001.main.sm_9.0_gpu_after_optimizations-memory-usage-report.txt", "memory");
        Write("module_0000.other.sm_9.0_gpu_after_optimizations.txt", "an earlier module");
        Assert.Equal("HloModule main, optimized", OptimizedProgramText.ReadXlaDump(dir));
    });

    [Fact]
    public void ADumpDirectoryWithoutOptimizedTextReadsAsNothing() => InTempDir(dir =>
    {
        File.WriteAllText(Path.Combine(dir, "module_0000.main.before_optimizations.txt"), "before");
        Assert.Null(OptimizedProgramText.ReadXlaDump(dir));
    });

    private static void InTempDir(Action<string> test)
    {
        string dir = Directory.CreateTempSubdirectory("axle-test-").FullName;
        try
        {
            test(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
