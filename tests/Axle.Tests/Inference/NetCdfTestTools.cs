using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Axle.Inference;

namespace Axle.Tests.Inference;

/// <summary>
/// What the netCDF and Stan CSV tests share: running the reference readers (Debian's python3 with
/// xarray/netCDF4/h5netcdf, Rscript with rstan) and a small InferenceData with every kind of variable.
/// A missing reader fails the test with the apt command that installs it; it never skips.
/// </summary>
internal static class NetCdfTestTools
{
    internal const string Python = "/usr/bin/python3";
    internal const string PythonPackages = "apt-get install python3 python3-xarray python3-netcdf4 python3-h5netcdf";
    internal const string RPackages = "apt-get install r-base-core r-cran-rstan r-cran-jsonlite";

    /// <summary>Runs <paramref name="script"/> with <see cref="Python"/>; its stdout is JSON.</summary>
    internal static JsonElement RunPython(string script, params string[] args) =>
        Json(Run(Python, ["-c", script, .. args], PythonPackages), "python3");

    /// <summary>Runs <paramref name="script"/> with Rscript; its stdout is JSON.</summary>
    internal static JsonElement RunR(string script, params string[] args) =>
        Json(Run("Rscript", ["-e", script, .. args], RPackages), "Rscript");

    private static JsonElement Json(string stdout, string tool)
    {
        try
        {
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"{tool} printed no JSON ({e.Message}):\n{stdout}");
        }
    }

    private static string Run(string file, string[] args, string install)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{file} is needed to check the files against their reference reader ({e.Message}): {install}");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"{file} did not finish in 60 s");
            }
            string err = stderr.Result;
            if (process.ExitCode != 0)
            {
                string hint = err.Contains("ModuleNotFoundError", StringComparison.Ordinal) || err.Contains("there is no package called", StringComparison.Ordinal)
                    ? $"\na reference reader is missing: {install}" : "";
                throw new Xunit.Sdk.XunitException($"{file} exited with {process.ExitCode}:\n{err}{hint}");
            }
            return stdout;
        }
    }

    /// <summary>A fresh directory under the system temp folder, deleted by the caller.</summary>
    internal static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "axle-files-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    internal static readonly string[] Schools = ["Choate", "Deerfield", "Phillips Andover"];

    /// <summary>Distinct, non-round values: element i of a variable is offset + i/7.</summary>
    internal static double[] Values(int count, double offset) => [.. Enumerable.Range(0, count).Select(i => offset + i / 7.0)];

    /// <summary>
    /// posterior (f64 scalar, f64 vector over a string coordinate, f32 2×3 matrix), sample_stats (bool,
    /// i64, i32, f64, f32), observed_data (no chain/draw: a vector over the string coordinate and a scalar),
    /// constant_data (i64 and u8 over integer labels given by the caller).
    /// </summary>
    internal static InferenceData Sample(int chains = 2, int draws = 5)
    {
        int n = chains * draws;
        string[] cd = ["chain", "draw"];
        var schools = new Dictionary<string, IReadOnlyList<object>> { ["school"] = Schools };
        var posterior = new InferenceGroup(
        [
            new("mu", Tensor.From(Values(n, 1.0 / 3), chains, draws), cd),
            new("theta", Tensor.From(Values(n * 3, -2), chains, draws, 3), [.. cd, "school"]),
            new("Sigma", Tensor.From(Values(n * 6, 0.5).Select(v => (float)v).ToArray(), chains, draws, 2, 3), [.. cd, "row", "col"]),
        ], schools, new Dictionary<string, string> { ["note"] = "posterior draws, ünïcödé", ["inference_library"] = "axle-tests" });
        var stats = new InferenceGroup(
        [
            new("diverging", Tensor.From(Enumerable.Range(0, n).Select(i => i % 3 == 1).ToArray(), chains, draws), cd),
            new("tree_depth", Tensor.From(Enumerable.Range(0, n).Select(i => (long)(i % 4 + 1)).ToArray(), chains, draws), cd),
            new("n_steps", Tensor.From(Enumerable.Range(0, n).Select(i => (1 << (i % 4 + 1)) - 1).ToArray(), chains, draws), cd),
            new("acceptance_rate", Tensor.From(Values(n, 0.5).Select(v => v / 10).ToArray(), chains, draws), cd),
            new("lp", Tensor.From(Values(n, -12).Select(v => (float)v).ToArray(), chains, draws), cd),
        ], attributes: new Dictionary<string, string> { ["created_at"] = "2024-01-02T03:04:05.000006+00:00" });
        var observed = new InferenceGroup(
        [
            new("y", Tensor.From(new[] { 28.0, 8, -3 }), ["school"]),
            new("n_obs", Tensor.From(3), []),
        ], schools);
        var constant = new InferenceGroup(
        [
            new("x", Tensor.From(new long[] { 5_000_000_000, -1, 7, 0 }), ["obs"]),
            new("flags", Tensor.From(new byte[] { 0, 255, 3, 9 }), ["obs"]),
        ], new Dictionary<string, IReadOnlyList<object>> { ["obs"] = [10, 20, 30, 40] });
        return new InferenceData { Posterior = posterior, SampleStats = stats, ObservedData = observed, ConstantData = constant };
    }
}
