using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Axle.Docs.Tests;

/// <summary>
/// The repository as the docs see it: its files (without build outputs) and every identifier that
/// appears in its code, build and script files.
/// </summary>
internal sealed partial class RepositoryTree
{
    // Outputs and caches: a doc may name them (build/native/libaxle_pjrt_cpu.so) but a clean clone has none.
    private static readonly string[] OutputFolders = ["build", "build-static", "build-asan", "out", "artifacts", "bin", "obj", ".git", "node_modules"];

    private static readonly string[] CodeExtensions =
        [".cs", ".cpp", ".h", ".def", ".sh", ".py", ".R", ".stan", ".csproj", ".props", ".slnx", ".cmake", ".txt", ".map", ".json", ".cfg", ".mlir", ".in"];

    private readonly List<string> _code;

    private RepositoryTree(string root)
    {
        Root = root;
        Files = Walk(new DirectoryInfo(root)).Select(f => Path.GetRelativePath(root, f.FullName).Replace('\\', '/')).ToList();
        Folders = Files.SelectMany(ParentFolders).ToHashSet(StringComparer.Ordinal);
        _code = Files.Where(IsCode).Select(f => File.ReadAllText(Path.Combine(root, f))).ToList();
        Identifiers = _code.SelectMany(text => Identifier().Matches(text).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        TopLevel = Files.Select(f => f.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The checkout this test was built from (the compiler records this file's path).</summary>
    public static RepositoryTree Current { get; } = new(FindRoot());

    public string Root { get; }

    /// <summary>Every file, relative to the root, with '/' separators.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every folder that holds a file, relative to the root, without a trailing '/'.</summary>
    public IReadOnlySet<string> Folders { get; }

    /// <summary>Every identifier of the code, build and script files.</summary>
    public IReadOnlySet<string> Identifiers { get; }

    /// <summary>The names at the root (files and folders).</summary>
    public IReadOnlySet<string> TopLevel { get; }

    /// <summary>
    /// True when <paramref name="name"/> is an identifier of the code, the tail of one after '_' (docs write
    /// <c>Plugin_Initialize</c> for <c>PJRT_Plugin_Initialize</c>), or, ending in '_', the head of one (a prefix).
    /// </summary>
    public bool Spells(string name) =>
        Identifiers.Contains(name)
        || Identifiers.Any(i => i.EndsWith("_" + name, StringComparison.Ordinal) || name.EndsWith('_') && i.StartsWith(name, StringComparison.Ordinal));

    /// <summary>True when some code file spells <paramref name="text"/> (a file the code writes, like <c>results.json</c>).</summary>
    public bool CodeMentions(string text) => _code.Any(c => c.Contains(text, StringComparison.Ordinal));

    /// <summary>True when a path names a build output (a clean clone has none).</summary>
    public static bool IsOutput(string path) => OutputFolders.Contains(path.Split('/')[0]);

    /// <summary>
    /// True when <paramref name="path"/> is a file or folder of the tree: from the root, or as the tail of
    /// a longer path (docs write <c>Analysis/CostModel.cs</c> inside a paragraph about <c>src/Cli/</c>).
    /// </summary>
    public bool Exists(string path)
    {
        string p = path.TrimEnd('/');
        if (p.Length == 0) return true;
        return Files.Any(f => f == p || f.EndsWith("/" + p, StringComparison.Ordinal))
            || Folders.Any(d => d == p || d.EndsWith("/" + p, StringComparison.Ordinal));
    }

    private static IEnumerable<FileInfo> Walk(DirectoryInfo dir)
    {
        foreach (var f in dir.EnumerateFiles()) yield return f;
        foreach (var d in dir.EnumerateDirectories())
        {
            if (OutputFolders.Contains(d.Name) || d.Name.StartsWith('.') && d.Name != ".ci") continue;
            foreach (var f in Walk(d)) yield return f;
        }
    }

    private static IEnumerable<string> ParentFolders(string file)
    {
        for (int i = file.IndexOf('/'); i >= 0; i = file.IndexOf('/', i + 1)) yield return file[..i];
    }

    private static bool IsCode(string file) =>
        CodeExtensions.Contains(Path.GetExtension(file)) || Path.GetFileName(file) is "build.sh" or "run" or "CMakeLists.txt" || file.StartsWith(".ci/", StringComparison.Ordinal);

    private static string FindRoot([CallerFilePath] string here = "")
    {
        for (var dir = new FileInfo(here).Directory; dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Axle.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no Axle.slnx above {here}: the doc tests read the checkout they were built from");
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();
}
