using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>
/// Default plugin resolution. Changing AXLE_PJRT_PLUGIN affects the whole
/// process, so these run in the non-parallel collection.
/// </summary>
[Collection(nameof(LifetimeTests))]
public class PluginResolutionTests
{
    [Fact]
    public void DefaultCandidatesAreNextToTheAppAndUnderRuntimes()
    {
        string? saved = Environment.GetEnvironmentVariable(PjrtPluginLocator.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(PjrtPluginLocator.EnvironmentVariable, null);
            IReadOnlyList<string> candidates = PjrtPluginLocator.Candidates().Select(c => c.Path).ToArray();
            Assert.Equal(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "libaxle_pjrt_cpu.so")), candidates[0]);
            Assert.Contains(candidates, c => c.Contains(Path.Combine("runtimes", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "native")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PjrtPluginLocator.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void EnvironmentVariableIsTheOnlyCandidateWhenSet()
    {
        string missing = Path.Combine(Path.GetTempPath(), "axle-missing", "libplugin.so");
        string? saved = Environment.GetEnvironmentVariable(PjrtPluginLocator.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(PjrtPluginLocator.EnvironmentVariable, missing);
            var e = Assert.Throws<PjrtPluginLoadException>(PjrtPlugin.LoadDefault);
            Assert.Equal(new[] { missing }, e.AttemptedPaths);
            Assert.Contains("does not exist", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PjrtPluginLocator.EnvironmentVariable, saved);
        }
    }
}
