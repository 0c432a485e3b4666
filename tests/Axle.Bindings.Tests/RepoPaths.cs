namespace Axle.Bindings.Tests;

/// <summary>Locations in the repository, found by walking up to the directory holding Axle.slnx.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Header => Path.Combine(Root, "native", "include", "pjrt_c_api.h");

    public static string IncludeDir => Path.Combine(Root, "native", "include");

    public static string Bindings => Path.Combine(Root, "bindings", "Axle.Bindings", "Pjrt.g.cs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Axle.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Axle.slnx above {AppContext.BaseDirectory}");
    }
}
