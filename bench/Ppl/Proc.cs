using System.ComponentModel;
using System.Diagnostics;

namespace Axle.Bench.Ppl;

/// <summary>Runs a program to completion and captures its output.</summary>
internal static class Proc
{
    /// <summary>Exit code and captured streams; 127 with the reason in <see cref="Stderr"/> when the program can't start.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        if (env is not null)
            foreach (var (k, v) in env) psi.Environment[k] = v;
        try
        {
            using var p = Process.Start(psi)!;
            // Both streams are read concurrently: a child that fills one pipe while we wait on the other would hang.
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            return new Result(p.ExitCode, stdout.Result, stderr.Result);
        }
        catch (Win32Exception e)
        {
            return new Result(127, "", $"cannot start {file}: {e.Message}");
        }
    }
}
