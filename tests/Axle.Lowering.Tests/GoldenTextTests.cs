using System.Diagnostics;
using Axle.Lowering;

namespace Axle.Lowering.Tests;

/// <summary>
/// The emitter's text is pinned by golden files; each golden file must also parse as MLIR
/// (checked with mlir-opt when it is installed, as build.sh does).
/// </summary>
public class GoldenTextTests
{
    public static TheoryData<string> Names => new() { "dot_exp_reduce", "compare_select_convert" };

    private static string Build(string name) => name switch
    {
        "dot_exp_reduce" => GoldenModules.DotExpReduce(),
        "compare_select_convert" => GoldenModules.CompareSelectConvert(),
        _ => throw new ArgumentException(name),
    };

    private static string GoldenPath(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name + ".mlir");

    [Theory]
    [MemberData(nameof(Names))]
    public void EmittedTextMatchesGoldenFile(string name)
    {
        string actual = Build(name);
        if (Environment.GetEnvironmentVariable("AXLE_UPDATE_GOLDEN") == "1")
        {
            // Deliberate refresh after a reviewed emitter change: writes the source-tree file.
            File.WriteAllText(Path.Combine(SourceDirectory(), "Golden", name + ".mlir"), actual);
            return;
        }
        Assert.Equal(File.ReadAllText(GoldenPath(name)), actual);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path)!;

    [Theory]
    [MemberData(nameof(Names))]
    public void GoldenFileParsesAsMlir(string name)
    {
        const string mlirOpt = "/usr/lib/llvm-22/bin/mlir-opt";
        Assert.True(File.Exists(mlirOpt), $"{mlirOpt} is missing: install mlir-22-tools (./build.sh does)");
        var psi = new ProcessStartInfo(mlirOpt, ["--allow-unregistered-dialect", "--verify-diagnostics", GoldenPath(name)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"mlir-opt rejected {name}.mlir:\n{stderr}");
        Assert.Contains("func.func public @main", stdout);
    }

    [Fact]
    public void TensorTypesPrintLikeMlir()
    {
        Assert.Equal("tensor<f32>", new TensorType(ElementType.F32).ToString());
        Assert.Equal("tensor<2x3xui32>", new TensorType(ElementType.U32, 2, 3).ToString());
        Assert.Equal("tensor<0x5xi1>", new TensorType(ElementType.Pred, 0, 5).ToString());
        Assert.Equal(new TensorType(ElementType.F64, 2, 3), new TensorType(ElementType.F64, 2, 3));
        Assert.NotEqual(new TensorType(ElementType.F64, 2, 3), new TensorType(ElementType.F64, 3, 2));
    }

    [Fact]
    public void NegativeDimensionIsRejectedWithItsIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => new TensorType(ElementType.F32, 2, -1));
        Assert.Equal("dims", e.ParamName);
        Assert.Contains("dimension 1", e.Message);
    }

    [Fact]
    public void DenseLiteralsRoundTripBytes()
    {
        var t = new TensorType(ElementType.F32, 2);
        byte[] data = [.. BitConverter.GetBytes(-0.0f), .. BitConverter.GetBytes(float.NaN)];
        Assert.Equal("dense<\"0x00000080" + "0000C0FF\"> : tensor<2xf32>", Attr.Dense(t, data).Text);
        Assert.Equal("dense<> : tensor<0x3xf32>", Attr.Dense(new TensorType(ElementType.F32, 0, 3), []).Text);
        var e = Assert.Throws<ArgumentException>(() => Attr.Dense(t, new byte[4]));
        Assert.Contains("needs 8 bytes; got 4", e.Message);
    }

    [Fact]
    public void UnterminatedFunctionOrReuseAfterReturnIsRefused()
    {
        var m = new ModuleBuilder("m");
        var f = m.AddFunction("main", [new TensorType(ElementType.F32)]);
        Assert.Throws<InvalidOperationException>(() => m.ToText());
        f.Body.Return(f.Parameters[0]);
        Assert.Throws<InvalidOperationException>(() => f.Body.Return(f.Parameters[0]));
        var other = new ModuleBuilder("n").AddFunction("main", [new TensorType(ElementType.F32)]);
        Assert.Throws<ArgumentException>(() => other.Body.Op("stablehlo.negate", [f.Parameters[0]], f.Parameters[0].Type));
    }
}
