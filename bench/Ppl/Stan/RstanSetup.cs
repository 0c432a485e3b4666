namespace Axle.Bench.Ppl.Stan;

/// <summary>
/// Makes sure rstan can run here: probes <c>library(rstan)</c> and <c>library(jsonlite)</c>, and when either is missing
/// installs Debian's packages with apt-get (as root, or through passwordless sudo). Idempotent: an installed rstan is
/// only probed. Boost needs no set-up here: Debian's r-cran-bh ships no headers where rstan looks, and run.R points
/// rstan's boost_lib option at libboost-dev's /usr/include instead (no files change).
/// </summary>
internal static class RstanSetup
{
    /// <summary>What apt-get installs: rstan, jsonlite (run.R reads and writes JSON), R's headers and a C++ compiler.</summary>
    public static readonly string[] AptPackages = ["r-cran-rstan", "r-cran-jsonlite", "r-base-dev"];

    private const string Probe =
        "suppressPackageStartupMessages({library(rstan); library(jsonlite)}); cat(as.character(packageVersion('rstan')))";

    /// <summary>Returns rstan's version, installing it first when missing.</summary>
    /// <exception cref="InvalidOperationException">rstan is missing and cannot be installed here; the message says what to run.</exception>
    public static string Ensure(string rscript, Action<string> log)
    {
        var probe = Proc.Run(rscript, ["-e", Probe]);
        if (probe.ExitCode == 0) return probe.Stdout.Trim();
        log($"rstan not usable ({FirstLine(probe.Stderr)}); installing {string.Join(" ", AptPackages)} with apt-get");

        string[]? sudo = Environment.IsPrivilegedProcess ? []
            : Proc.Run("sudo", ["-n", "true"]).ExitCode == 0 ? ["sudo", "-n"] : null;
        if (sudo is null)
            throw new InvalidOperationException(
                $"rstan is not installed and this process can't install it (not root, no passwordless sudo). Run: sudo apt-get install -y {string.Join(" ", AptPackages)}");
        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        Proc.Result Apt(params string[] args) =>
            sudo.Length == 0 ? Proc.Run("apt-get", args, env) : Proc.Run(sudo[0], [.. sudo[1..], "apt-get", .. args], env);
        var install = Apt(["install", "-y", .. AptPackages]);
        if (install.ExitCode != 0)
        {
            // A fresh machine's package lists may be missing or stale: refresh once and retry.
            log("apt-get install failed; running apt-get update and retrying");
            Apt("update");
            install = Apt(["install", "-y", .. AptPackages]);
            if (install.ExitCode != 0)
                throw new InvalidOperationException($"apt-get install {string.Join(" ", AptPackages)} failed (exit {install.ExitCode}): {Tail(install.Stderr)}");
        }
        probe = Proc.Run(rscript, ["-e", Probe]);
        if (probe.ExitCode != 0)
            throw new InvalidOperationException($"rstan still does not load after installing {string.Join(" ", AptPackages)}: {Tail(probe.Stderr)}");
        return probe.Stdout.Trim();
    }

    private static string FirstLine(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";

    private static string Tail(string s) => s.Length <= 2000 ? s.Trim() : "..." + s[^2000..].Trim();
}
