using Axle.Runtime;

namespace Axle.Cli.Commands;

/// <summary><c>axle plugins</c>: the PJRT plugins Axle can find on this machine, without loading any.</summary>
internal sealed class PluginsCommand : ICommand
{
    public string Help => """
        usage: axle plugins [--platforms]

        The PJRT plugins Axle finds here, one per line: platform, path and where it was found. The
        bundled CPU plugin (next to the application or the Axle assembly) and JAX's CUDA plugins
        (jax_plugins/xla_cuda13|xla_cuda12 in the Python environments of AXLE_PYTHON and PATH), in
        the order AXLE_PLATFORM=cpu|cuda would try them. Nothing is loaded.
          --platforms  only the distinct platform names (cpu, cuda), one per line, for scripts:
                       ./build.sh test runs the test suite once per platform listed
        """;

    public int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse("plugins", args, ["platforms"], [], []);
        cl.ExpectPositionals();
        var rows = new List<(string Platform, string Path, string From)>();
        if (PjrtPlugin.FindBundled() is { } bundled) rows.Add(("cpu", bundled, "bundled with Axle"));
        foreach (JaxPlugin plugin in PjrtPlugin.FindJaxCudaPlugins()) rows.Add(("cuda", plugin.Path, $"JAX {plugin.Package} in {plugin.SitePackages}"));

        if (cl.Has("platforms"))
        {
            foreach (string platform in rows.Select(r => r.Platform).Distinct()) stdout.WriteLine(platform);
            return ExitCode.Ok;
        }

        if (rows.Count == 0)
        {
            stdout.WriteLine("no PJRT plugin found (no bundled libaxle_pjrt_cpu.so next to Axle, no JAX CUDA plugin in AXLE_PYTHON or PATH)");
            return ExitCode.Ok;
        }

        int width = rows.Max(r => r.Path.Length);
        stdout.WriteLine($"{"PLATFORM",-8}  {"PATH".PadRight(width)}  FROM");
        foreach (var (platform, path, from) in rows) stdout.WriteLine($"{platform,-8}  {path.PadRight(width)}  {from}");
        return ExitCode.Ok;
    }
}
