using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Axle.Cli.Tests;

/// <summary>Every command's output on modules Axle lowers, against checked-in golden files.</summary>
public sealed partial class GoldenTests
{
    public static TheoryData<string> Samples() => [.. SampleModules.Names];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Show(string sample) => Golden.Check($"{sample}.show", Cli.Ok("show", SampleModules.File(sample)));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Stats(string sample) => Golden.Check($"{sample}.stats", Cli.Ok("stats", SampleModules.File(sample)));

    [Theory]
    [MemberData(nameof(Samples))]
    public void StatsJson(string sample) => Golden.Check($"{sample}.stats.json", Cli.Ok("stats", SampleModules.File(sample), "--json"));

    [Theory]
    [MemberData(nameof(Samples))]
    public void RunRandom(string sample) =>
        Golden.Check($"{sample}.run", Timings(Cli.Ok("run", SampleModules.File(sample), "--random", "0", "--repeat", "2")));

    [Fact]
    public void Diff()
    {
        string a = SampleModules.File("mlp"), b = SampleModules.File("mlp_wider");
        string output = Cli.Ok("diff", a, b).Replace(a, "mlp.stablehlo.mlir").Replace(b, "mlp_wider.stablehlo.mlir");
        Golden.Check("mlp.diff.mlp_wider", output);
    }

    [Fact]
    public void DiffOfAModuleWithItselfFindsNothing()
    {
        string a = SampleModules.File("loop");
        Assert.Contains("no structural differences", Cli.Ok("diff", a, a));
    }

    [Fact]
    public void List()
    {
        string dir = Cli.TempDir();
        string? saved = Environment.GetEnvironmentVariable("AXLE_DUMP_DIR");
        Environment.SetEnvironmentVariable("AXLE_DUMP_DIR", dir);
        try
        {
            var mlp = Ax.Jit(new Func<Tensor, Tensor, Tensor>(SampleModules.Mlp));
            var loop = Ax.Jit(new Func<Tensor, Tensor>(SampleModules.Loop));
            mlp(Tensor.From(new float[12], 4, 3), Tensor.From(new float[6], 3, 2)).Dispose();
            loop(Tensor.From(new double[3])).Dispose();
        }
        finally
        {
            Environment.SetEnvironmentVariable("AXLE_DUMP_DIR", saved);
        }
        // Each module has its sidecar: compile time, the plugin that compiled it, its platform.
        foreach (string module in Directory.GetFiles(dir, "*.stablehlo.mlir"))
        {
            using var sidecar = JsonDocument.Parse(File.ReadAllText(module.Replace(".stablehlo.mlir", ".json")));
            var root = sidecar.RootElement;
            Assert.True(root.GetProperty("compile_ms").GetDouble() > 0);
            Assert.True(File.Exists(root.GetProperty("plugin").GetString()));
            Assert.Equal("cpu", root.GetProperty("platform").GetString());
            Assert.StartsWith(root.GetProperty("module").GetString()! + ".", Path.GetFileName(module));
        }
        // Dump numbers depend on what the process compiled before; times on the machine.
        string output = DumpNumber().Replace(Cli.Ok("list", dir), ".N.");
        output = Milliseconds().Replace(output, "#.# ms");
        Golden.Check("list", Columns().Replace(output, "  "));
    }

    // Times vary by machine and the last digits of transcendental results by plugin build: keep 4 digits.
    private static string Timings(string output)
    {
        string lines = Milliseconds().Replace(output, "#.# ms");
        lines = FloatLiteral().Replace(lines, m =>
            double.Parse(m.Value, CultureInfo.InvariantCulture).ToString("G4", CultureInfo.InvariantCulture));
        return Columns().Replace(lines, "  ");
    }

    [GeneratedRegex(@"-?\d+\.\d*(e[+-]?\d+)?")]
    private static partial Regex FloatLiteral();

    [GeneratedRegex(@"\d+\.\d+ ms")]
    private static partial Regex Milliseconds();

    [GeneratedRegex(@"\.\d+\.")]
    private static partial Regex DumpNumber();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex Columns();
}
