using Axle.Cli;

// AXLE_DUMP_DIR is process-wide and the dump counter is too: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Axle.Cli.Tests;

/// <summary>Runs <c>axle</c> in process and captures what it prints.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = CliApp.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and asserts success, returning stdout.</summary>
    public static string Ok(params string[] args)
    {
        var r = Run(args);
        Assert.True(r.ExitCode == ExitCode.Ok, $"axle {string.Join(' ', args)} exited {r.ExitCode}: {r.Stderr}");
        return r.Stdout;
    }

    /// <summary>A fresh temporary directory.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "axle-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
