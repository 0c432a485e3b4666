// README:begin usings
using Axle;
using static Axle.Ops;
// README:end
using System.Text.RegularExpressions;
using Axle.Tests.Core;

namespace Axle.Tests.Readme;

// The snippets say Ppl as users do; here that name would find the Axle.Tests.Ppl namespace first.
using Ppl = Axle.Ppl;

/// <summary>
/// Every C# block of README.md's "Using Axle" section is a region of this file (between
/// <c>README:begin</c> and <c>README:end</c>), so the compiler checks it and a test runs it;
/// <see cref="ReadmeBlocksAreExactlyTheSnippetsRunHere"/> fails when the two drift apart.
/// </summary>
[Collection(SerialCollection.Name)]
public partial class ReadmeSnippetTests
{
    [Fact]
    public void EagerAndJit()
    {
        // README:begin
        var x = Tensor.From(new float[] { 1, 2, 3 });
        Tensor eager = Sum(Sin(x) * x);                  // runs op by op
        Func<Tensor, Tensor> f = t => Sum(Sin(t) * t);
        var jf = Ax.Jit(f);                              // compiled on the first call per shape/dtype
        Tensor y = jf(x);
        Console.WriteLine(y.Item<float>());              // 3.0834255
        // README:end
        float expected = (float)(Math.Sin(1) + 2 * Math.Sin(2) + 3 * Math.Sin(3));
        Assert.Equal(expected, eager.Item<float>(), 5);
        Assert.Equal(expected, y.Item<float>(), 5);
        Assert.Equal(y.Item<float>().ToString(System.Globalization.CultureInfo.InvariantCulture), CommentedOutput(nameof(EagerAndJit)));
    }

    [Fact]
    public void SymbolicFunction()
    {
        // README:begin
        var X = Sym.Matrix("X", DType.F64);              // shape unknown until a call
        var total = Sum(Exp(MatMul(X, Ones(X.Shape[^1])))); // a size taken from X's shape
        var fn = Ax.Function([X], total);
        Tensor small = fn(Tensor.From(new double[,] { { 0.5, -0.5 } }));
        Tensor large = fn(Tensor.From(new double[,] { { 0, 0, 0 }, { 1, 0, 0 } }));
        Console.WriteLine($"{small.Item<double>()} {large.Item<double>():F6}"); // 1 3.718282
        // README:end
        Assert.False(X.Shape[0].IsKnown);
        Assert.Equal(1.0, small.Item<double>(), 14);
        // f64 exp is an inline polynomial within 1 ulp of libm, not always its exact bits.
        Assert.Equal(1 + Math.E, large.Item<double>(), 1e-15 * (1 + Math.E));
        Assert.Equal($"{small.Item<double>()} {large.Item<double>():F6}", CommentedOutput(nameof(SymbolicFunction)));
    }

    [Fact]
    public void SeveralOutputsJitAndLower()
    {
        // README:begin
        var A = Sym.Matrix("A", DType.F64);
        var w = Sym.Vector("w", DType.F64, A.Shape[1]);  // shares A's second dimension
        var stats = Ax.Function([A, w], [MatMul(A, w), Max(A)]);
        var a = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 } });
        var (product, largest) = stats(a, Tensor.From(new double[] { 1, -1 }));
        Console.WriteLine($"{string.Join(", ", product.ToArray<double>())} / {largest.Item<double>()}"); // -1, -1 / 4
        string stablehlo = Ax.Lower(stats, a, Tensor.From(new double[] { 1, 1 })).AsText();
        var fast = Ax.Jit(stats);                        // same results, one program per signature
        // README:end
        Assert.Equal(new double[] { -1, -1 }, product.ToArray<double>());
        Assert.Equal(4.0, largest.Item<double>());
        Assert.Equal($"{string.Join(", ", product.ToArray<double>())} / {largest.Item<double>()}", CommentedOutput(nameof(SeveralOutputsJitAndLower)));
        Assert.Contains("stablehlo.dot_general", stablehlo);
        var (p2, l2) = fast(a, Tensor.From(new double[] { 1, -1 }));
        Assert.Equal(product.ToArray<double>(), p2.ToArray<double>());
        Assert.Equal(4.0, l2.Item<double>());
        Assert.Throws<ArgumentException>(() => stats(a, Tensor.From(new double[] { 1, 2, 3 })));
    }

    [Fact]
    public void BayesianModelAndNuts()
    {
        string directory = Directory.CreateTempSubdirectory("axle-readme-").FullName;
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = directory;
        try
        {
            // README:begin
            var srng = new RandomStream(DType.F64);
            var mu = srng.Normal(0, 10, name: "mu");
            var sigma = srng.HalfNormal(0, 5, name: "sigma");
            var y = srng.Normal(mu, sigma, size: [8], name: "y");
            var observed = Tensor.From(new double[] { 4.1, 5.2, 3.9, 6.0, 4.8, 5.5, 4.4, 5.1 });
            var posterior = Ppl.Posterior([mu, sigma], observed: [(y, observed)]);
            var idata = Nuts.Sample(posterior, new NutsOptions { Chains = 4, Seed = 1 });
            Console.WriteLine(Diagnostics.Summary(idata));   // az.summary's table: mean, sd, hdi, mcse, ess, r_hat
            double[] muDraws = idata.Posterior!["mu"].ToArray<double>();     // (chain, draw) = (4, 1000)
            idata.ToNetCdf("posterior.nc");                  // opens in ArviZ: az.from_netcdf("posterior.nc")
            // README:end
            Assert.Equal([4, 1000], idata.Posterior["mu"].Shape.ToArray());
            // The data's mean is 4.875; the flat prior barely moves it.
            Assert.InRange(muDraws.Average(), 4.5, 5.25);
            Assert.True(Diagnostics.Summary(idata).Rows.All(r => r.Rhat < 1.01));
            Assert.True(File.Exists(Path.Combine(directory, "posterior.nc")));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ReadmeBlocksAreExactlyTheSnippetsRunHere()
    {
        string[] readme = ReadmeBlocks();
        string[] here = Regions();
        Assert.True(readme.Length >= 2, "README.md's \"Using Axle\" section has no C# blocks");
        Assert.Equal(here.Length, readme.Length);
        for (int i = 0; i < here.Length; i++) Assert.Equal(here[i], readme[i]);
    }

    /// <summary>The <c>// value</c> comment on the snippet's <c>Console.WriteLine</c> line: what the README says it prints.</summary>
    private static string CommentedOutput(string method)
    {
        string source = File.ReadAllText(SourcePath());
        int at = source.IndexOf($"public void {method}()", StringComparison.Ordinal);
        string line = source[at..].Split('\n').First(l => l.Contains("Console.WriteLine", StringComparison.Ordinal));
        return line[(line.LastIndexOf("//", StringComparison.Ordinal) + 2)..].Trim();
    }

    private static string[] Regions()
    {
        string source = File.ReadAllText(SourcePath()).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Region().Matches(source).Select(m => Dedent(m.Groups[1].Value)).ToArray();
    }

    private static string[] ReadmeBlocks()
    {
        string readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Readme", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int start = readme.IndexOf("\n## Using Axle\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"## Using Axle\" section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = end < 0 ? readme[start..] : readme[start..end];
        return CSharpBlock().Matches(section).Select(m => Dedent(m.Groups[1].Value)).ToArray();
    }

    private static string Dedent(string block)
    {
        var lines = block.Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        int indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l));
    }

    // Both files are copied beside the assembly (Axle.Tests.csproj): the tests then run wherever the
    // assembly does (the gpu-check bundle) and do not depend on compile-time source paths.
    private static string SourcePath() => Path.Combine(AppContext.BaseDirectory, "Readme", "ReadmeSnippetTests.cs.txt");

    [GeneratedRegex(@"// README:begin[^\n]*\n(.*?)\n[ \t]*// README:end", RegexOptions.Singleline)]
    private static partial Regex Region();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
