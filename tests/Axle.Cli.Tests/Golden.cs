using System.Runtime.CompilerServices;

namespace Axle.Cli.Tests;

/// <summary>
/// Compares output with <c>Golden/&lt;name&gt;.txt</c>. With <c>AXLE_UPDATE_GOLDEN=1</c> the file in the
/// source tree is rewritten instead (then review the diff and commit it).
/// </summary>
internal static class Golden
{
    public static void Check(string name, string actual)
    {
        string file = name + ".txt";
        if (Environment.GetEnvironmentVariable("AXLE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDir(), "Golden", file), actual);
            return;
        }
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", file);
        Assert.True(File.Exists(path), $"no golden file {file}; run the tests with AXLE_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string SourceDir([CallerFilePath] string here = "") => Path.GetDirectoryName(here)!;
}
