namespace Axle.Cli.Tests;

/// <summary><c>axle plugins</c>: what it finds, on this machine and in a fake Python environment with a JAX CUDA plugin.</summary>
public class PluginsCommandTests
{
    [Fact]
    public void TheBundledCpuPluginIsListedFirst()
    {
        string[] lines = Cli.Ok("plugins").TrimEnd().Split('\n');
        Assert.StartsWith("PLATFORM", lines[0]);
        Assert.StartsWith("cpu ", lines[1]);
        Assert.Contains("libaxle_pjrt_cpu.so", lines[1]);
        Assert.Contains("bundled with Axle", lines[1]);
        Assert.Equal("cpu", Cli.Ok("plugins", "--platforms").Split('\n')[0]);
    }

    [Fact]
    public void AJaxCudaPluginInAxlePythonIsListedAsCudaAndNotLoaded()
    {
        string root = Cli.TempDir();
        string? saved = Environment.GetEnvironmentVariable("AXLE_PYTHON");
        try
        {
            // An empty file: listing must not load it (loading would fail).
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(root, "bin")).FullName, "python3"), "");
            string package = Directory.CreateDirectory(Path.Combine(root, "lib", "python3.12", "site-packages", "jax_plugins", "xla_cuda13")).FullName;
            string plugin = Path.Combine(package, "xla_cuda_plugin.so");
            File.WriteAllText(plugin, "");
            Environment.SetEnvironmentVariable("AXLE_PYTHON", root);

            string listing = Cli.Ok("plugins");
            string cuda = Assert.Single(listing.Split('\n'), l => l.Contains(plugin, StringComparison.Ordinal));
            Assert.StartsWith("cuda ", cuda);
            Assert.Contains("JAX xla_cuda13 in", cuda);
            string[] platforms = Cli.Ok("plugins", "--platforms").TrimEnd().Split('\n');
            Assert.Equal(["cpu", "cuda"], platforms);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AXLE_PYTHON", saved);
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void PositionalArgumentsAreRefused()
    {
        var r = Cli.Run("plugins", "extra");
        Assert.Equal(ExitCode.Usage, r.ExitCode);
        Assert.Contains("extra", r.Stderr);
    }
}
