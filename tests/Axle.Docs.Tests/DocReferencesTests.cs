using System.Text.RegularExpressions;

namespace Axle.Docs.Tests;

/// <summary>
/// Every backticked path and name in README.md and ARCHITECTURE.md exists in the tree, so a rename or a
/// deleted file fails here instead of leaving the docs to drift. A path is checked as a file or folder (from
/// the root, or as the tail of a longer path); a name (a type, member, op, variable, chain like <c>Ax.Jit</c>)
/// must appear, each dotted segment, as an identifier of the code, build or script files.
/// </summary>
public partial class DocReferencesTests
{
    /// <summary>Names of other projects' APIs and tools that the docs cite and the tree never spells.</summary>
    private static readonly Dictionary<string, string> External = new(StringComparer.Ordinal)
    {
        ["run_hlo_module"] = "XLA's command-line runner, named as what the axle tool's run command stands in for",
        ["noinline"] = "LLVM's function attribute, set through MLIR's setNoInline",
    };

    public static TheoryData<string> Docs => new() { "README.md", "ARCHITECTURE.md" };

    [Theory]
    [MemberData(nameof(Docs))]
    public void EveryBacktickedPathExists(string doc)
    {
        var tree = RepositoryTree.Current;
        var missing = References(tree, doc).Where(IsPath).Select(r => r.StartsWith("./", StringComparison.Ordinal) ? r[2..] : r)
            .Where(r => !tree.Exists(r) && !tree.CodeMentions(r)).Distinct().ToList();
        Assert.True(missing.Count == 0, $"{doc} names paths that are not in the tree: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Docs))]
    public void EveryBacktickedNameExists(string doc)
    {
        var tree = RepositoryTree.Current;
        var missing = References(tree, doc).Where(r => !IsPath(r) && !Outside(r))
            .SelectMany(r => r.Split('/')) // Ones/Zeros/Full: alternatives, each a name
            .Select(r => LeadingName().Match(r)).Where(m => m.Success).Select(m => m.Value)
            .Where(name => !External.ContainsKey(name) && !name.Split('.').All(tree.Spells))
            .Distinct().ToList();
        Assert.True(missing.Count == 0, $"{doc} names identifiers that no code file spells: {string.Join(", ", missing)}");
    }

    [Fact]
    public void TheCheckSeesTheDocsAndTheTree()
    {
        // Guards against a check that passes because it reads nothing.
        var tree = RepositoryTree.Current;
        Assert.Contains("build.sh", tree.Files);
        Assert.Contains("Tensor", tree.Identifiers);
        var refs = References(tree, "ARCHITECTURE.md").ToList();
        Assert.Contains("build.sh", refs);
        Assert.True(refs.Count > 100, $"ARCHITECTURE.md has only {refs.Count} backticked spans");
        Assert.False(tree.Exists("src/Managed/NoSuchFile.cs"));
        Assert.False(tree.Identifiers.Contains("NoSuch" + "TypeAnywhere")); // split so that this file does not spell it
    }

    /// <summary>The backticked spans of a doc's prose (fenced code blocks are compiled by their own tests).</summary>
    private static IEnumerable<string> References(RepositoryTree tree, string doc)
    {
        string text = File.ReadAllText(Path.Combine(tree.Root, doc));
        text = Fence().Replace(text, "");
        return Backticked().Matches(text).Select(m => m.Groups[1].Value.Trim());
    }

    /// <summary>
    /// A repository path: no spaces; a known file extension, a trailing '/', or a first segment that is a top-level
    /// entry of the tree (<c>Ones/Zeros/Full</c> lists names); not outside the tree, not a bare extension, not an output.
    /// </summary>
    private static bool IsPath(string span)
    {
        string s = span.StartsWith("./", StringComparison.Ordinal) ? span[2..] : span;
        if (!PathLike().IsMatch(s) || s.StartsWith('.') || Outside(s) || RepositoryTree.IsOutput(s)) return false;
        if (KnownExtension().IsMatch(s) || s.EndsWith('/')) return true;
        int slash = s.IndexOf('/');
        return slash > 0 && RepositoryTree.Current.TopLevel.Contains(s[..slash]);
    }

    /// <summary>A path outside the tree: the shared design folder (<c>../shared/…</c>), the system, the home folder.</summary>
    private static bool Outside(string span) => span.StartsWith("../", StringComparison.Ordinal) || span.StartsWith('/') || span.StartsWith('~');

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^[\w.\-/]+$")]
    private static partial Regex PathLike();

    [GeneratedRegex(@"\.(cs|cpp|h|def|md|sh|py|csproj|slnx|props|json|mlir|R|stan|cmake|txt|map)$")]
    private static partial Regex KnownExtension();

    [GeneratedRegex(@"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")]
    private static partial Regex LeadingName();
}
