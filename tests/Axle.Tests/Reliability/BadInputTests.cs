namespace Axle.Tests.Reliability;

/// <summary>
/// Issue 10, item 1: every public entry point refuses bad input with a specific .NET exception
/// naming the argument, what was expected and what was given, before any native call.
/// </summary>
public class BadInputTests
{
    private static readonly Lazy<Dictionary<string, BadInputCase>> Cases = new(() =>
    {
        var all = new Dictionary<string, BadInputCase>(StringComparer.Ordinal);
        foreach (BadInputCase c in BadInputCases.All())
        {
            Assert.True(all.TryAdd(c.Name, c), $"duplicate case name {c.Name}");
        }

        return all;
    });

    /// <summary>The case names, for xunit (a name serializes; a delegate would not).</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in Cases.Value.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void BadInputIsRefusedWithASpecificMessage(string name) => Cases.Value[name].Verify();

    [Fact]
    public void TheTableCoversAtLeast150Cases() => Assert.True(Cases.Value.Count >= 150, $"only {Cases.Value.Count} cases");
}
