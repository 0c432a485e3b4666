namespace Axle.Bench.Ppl;

/// <summary>Where the harness finds its inputs.</summary>
internal static class Paths
{
    /// <summary>run.R and the .stan files, copied next to the assembly.</summary>
    public static string StanScripts => Path.Combine(AppContext.BaseDirectory, "stan");

    /// <summary>run.R's cache of compiled models: beside the assembly, so a clean build drops it with the rest.</summary>
    public static string StanCache => Path.Combine(AppContext.BaseDirectory, "stan-cache");

    /// <summary>
    /// posteriordb's folder: <paramref name="given"/> when set; otherwise <c>shared/posteriordb</c> in the nearest folder
    /// above the assembly that has one (the repository's <c>../shared/posteriordb</c> for a checkout beside <c>shared/</c>).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    public static string PosteriorDb(string? given)
    {
        if (given is not null)
            return Directory.Exists(given) ? Path.GetFullPath(given)
                : throw new DirectoryNotFoundException($"--posteriordb: '{given}' is not a folder");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "posteriordb");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"posteriordb not found: no shared/posteriordb in any folder above {AppContext.BaseDirectory}; give it with --posteriordb DIR");
    }
}
