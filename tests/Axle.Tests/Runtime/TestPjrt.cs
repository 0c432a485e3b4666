using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>
/// Shared access to the bundled CPU plugin. Tests fail (never skip) when it is
/// missing: CI always builds it.
/// </summary>
internal static class TestPjrt
{
    private static readonly Lazy<PjrtPlugin> LazyPlugin = new(LoadPlugin);

    public static PjrtPlugin Plugin => LazyPlugin.Value;

    public static PjrtClient NewClient() => PjrtClient.Create(Plugin);

    /// <summary>Compiles <paramref name="program"/>, runs it once and returns its outputs.</summary>
    public static PjrtBuffer[] Run(PjrtClient client, string program, params PjrtBuffer[] args)
    {
        using PjrtLoadedExecutable executable = client.Compile(program);
        return executable.Execute(args);
    }

    /// <summary>Runs a one-output program on host arrays and reads the result back.</summary>
    public static TOut[] RunSingle<TOut>(PjrtClient client, string program, params PjrtBuffer[] args)
        where TOut : unmanaged
    {
        PjrtBuffer[] outputs = Run(client, program, args);
        try
        {
            Assert.Single(outputs);
            return outputs[0].ToArray<TOut>();
        }
        finally
        {
            foreach (PjrtBuffer output in outputs)
            {
                output.Dispose();
            }
        }
    }

    private static PjrtPlugin LoadPlugin()
    {
        try
        {
            return PjrtPlugin.LoadDefault();
        }
        catch (PjrtPluginLoadException first)
        {
            // A test build made before the plugin existed has no copy next to it; use the repo's build.
            string? repo = FindRepoRoot();
            string fallback = repo is null ? "(repo root not found)" : Path.Combine(repo, "build", "native", "libaxle_pjrt_cpu.so");
            if (repo is null || !File.Exists(fallback))
            {
                throw new InvalidOperationException(
                    $"The bundled PJRT CPU plugin is missing; build it first (./build.sh). Also tried {fallback}.", first);
            }

            return PjrtPlugin.Load(fallback);
        }
    }

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Axle.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
