using Axle.IO;

namespace Axle.Cli.Tests;

/// <summary>`run`, `compile`, help, and the exit code of each kind of failure.</summary>
public sealed class CommandTests
{
    private static string BundledPlugin => Path.Combine(AppContext.BaseDirectory, "libaxle_pjrt_cpu.so");

    [Fact]
    public void RunWithNpyInputsComputesWhatJitComputes()
    {
        string dir = Cli.TempDir();
        float[] x = [.. Enumerable.Range(0, 12).Select(i => i * 0.1f - 0.5f)], w = [0.3f, -1, 2, 0.5f, -0.2f, 1];
        Npy.Write(Path.Combine(dir, "x.npy"), x, 4, 3);
        Npy.Write(Path.Combine(dir, "w.npy"), w, 3, 2);
        Cli.Ok("run", SampleModules.File("mlp"), "--inputs", Path.Combine(dir, "x.npy"), Path.Combine(dir, "w.npy"),
            "--repeat", "1", "--out", Path.Combine(dir, "out"));
        float expected = Ax.Jit(new Func<Tensor, Tensor, Tensor>(SampleModules.Mlp))(Tensor.From(x, 4, 3), Tensor.From(w, 3, 2)).Item<float>();
        Assert.Equal(expected, Npy.Read(Path.Combine(dir, "out", "output0.npy")).Item<float>());
    }

    [Fact]
    public void ComparingAPluginWithItselfReportsZeroDifference()
    {
        string output = Cli.Ok("run", SampleModules.File("integers"), "--random", "7", "--repeat", "0",
            "--plugin", BundledPlugin, "--compare-plugin", BundledPlugin);
        var lines = output.Split('\n').Where(l => l.Contains("max abs diff", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, l => Assert.EndsWith("max abs diff 0, max rel diff 0", l));
        string floats = Cli.Ok("run", SampleModules.File("loop"), "--compare-plugin", BundledPlugin, "--repeat", "0");
        Assert.Contains("output 0 f64[3]: max abs diff 0, max rel diff 0", floats);
    }

    [Fact]
    public void CompilePrintsThePluginsProgram()
    {
        string output = Cli.Ok("compile", SampleModules.File("mlp"));
        Assert.Contains("func.func @main", output);
        Assert.DoesNotContain("stablehlo.", output); // the bundled plugin has lowered every StableHLO op
    }

    [Theory]
    [InlineData("list")]
    [InlineData("show")]
    [InlineData("stats")]
    [InlineData("diff")]
    [InlineData("run")]
    [InlineData("compile")]
    public void EveryCommandHasHelp(string command)
    {
        var r = Cli.Run(command, "--help");
        Assert.Equal(ExitCode.Ok, r.ExitCode);
        Assert.StartsWith($"usage: axle {command}", r.Stdout);
    }

    [Fact]
    public void EachKindOfFailureHasItsExitCodeAndOneLine()
    {
        string dir = Cli.TempDir();
        string mlp = SampleModules.File("mlp");
        Expect(ExitCode.Usage, "axle: unknown command 'frobnicate'", "frobnicate");
        Expect(ExitCode.Usage, "usage: axle", []);
        Expect(ExitCode.Usage, "axle show: unknown flag --pretty", "show", mlp, "--pretty");
        Expect(ExitCode.Usage, "axle show: missing FILE", "show");
        Expect(ExitCode.Usage, "axle run: --repeat needs an integer >= 0; got 'many'", "run", mlp, "--repeat", "many");
        Expect(ExitCode.Usage, "axle run: @main takes 2 input(s); --inputs gave 1", "run", mlp, "--inputs", "a.npy");
        Expect(ExitCode.FileNotFound, "axle stats: no such file: nope.mlir", "stats", "nope.mlir");
        Expect(ExitCode.FileNotFound, "axle list: no such directory: nodir", "list", "nodir");
        Expect(ExitCode.FileNotFound, "axle run: no such plugin: none.so", "run", mlp, "--plugin", "none.so");

        string truncated = Path.Combine(dir, "truncated.mlir");
        File.WriteAllText(truncated, string.Join('\n', File.ReadAllText(mlp).Split('\n')[..3]));
        Expect(ExitCode.InvalidModule, $"{truncated}:3:", "stats", truncated);

        string rejected = Path.Combine(dir, "rejected.mlir");
        File.WriteAllText(rejected, File.ReadAllText(mlp).Replace("stablehlo.tanh", "stablehlo.tanhh"));
        var r = Cli.Run("compile", rejected);
        Assert.Equal(ExitCode.InvalidModule, r.ExitCode);
        Assert.Matches(@"'stablehlo\.tanhh' at line \d+:\d+", r.Stderr);

        Npy.Write(Path.Combine(dir, "x.npy"), new double[12], 4, 3);
        Npy.Write(Path.Combine(dir, "w.npy"), new float[6], 3, 2);
        Expect(ExitCode.InputMismatch, "axle run: input 0", "run", mlp, "--inputs", Path.Combine(dir, "x.npy"), Path.Combine(dir, "w.npy"));
        File.WriteAllBytes(Path.Combine(dir, "z.npy"), ComplexNpy());
        Expect(ExitCode.UnsupportedDType, "dtype '<c8' is not supported", "run", mlp, "--inputs", Path.Combine(dir, "z.npy"), Path.Combine(dir, "w.npy"));
    }

    private static void Expect(int code, string message, params string[] args)
    {
        var r = Cli.Run(args);
        Assert.True(code == r.ExitCode, $"axle {string.Join(' ', args)}: expected exit {code}, got {r.ExitCode}: {r.Stderr}");
        Assert.Contains(message, r.Stderr);
        if (args.Length > 0) Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }

    private static byte[] ComplexNpy()
    {
        var s = new MemoryStream();
        Npy.Write(s, new NpyArray(DType.F32, [4, 3], new byte[48]));
        byte[] file = s.ToArray();
        byte[] descr = "'<f4'"u8.ToArray(), complex = "'<c8'"u8.ToArray();
        int at = file.AsSpan().IndexOf(descr);
        complex.CopyTo(file, at);
        return file;
    }
}
