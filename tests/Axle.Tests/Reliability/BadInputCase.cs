namespace Axle.Tests.Reliability;

/// <summary>
/// One row of the bad-input table: an action that must fail with exactly <see cref="Expected"/>,
/// whose message contains every string in <see cref="MustContain"/> (the expected and the
/// given value) and whose <see cref="ArgumentException.ParamName"/> is <see cref="ParamName"/>.
/// </summary>
public sealed record BadInputCase(string Name, Action Act, Type Expected, string? ParamName, string[] MustContain)
{
    /// <summary>Runs the action and checks the exception; the failure text shows what was thrown instead.</summary>
    public void Verify()
    {
        Exception? thrown = null;
        try
        {
            Act();
        }
        catch (Exception e)
        {
            thrown = e;
        }

        Assert.True(thrown is not null, $"{Name}: nothing was thrown; expected {Expected.Name}");
        string seen = $"{thrown!.GetType().Name} (param '{(thrown as ArgumentException)?.ParamName}'): {thrown.Message}";
        Assert.True(thrown.GetType() == Expected, $"{Name}: expected {Expected.Name}, got {seen}");
        if (ParamName is not null)
        {
            Assert.True(thrown is ArgumentException a && a.ParamName == ParamName, $"{Name}: expected param '{ParamName}', got {seen}");
        }

        foreach (string part in MustContain)
        {
            Assert.True(thrown.Message.Contains(part, StringComparison.Ordinal), $"{Name}: message lacks \"{part}\": {seen}");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
