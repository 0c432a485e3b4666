using Axle.Bindings.Generator;

namespace Axle.Bindings.Tests;

/// <summary>The committed bindings are exactly what the generator makes from the committed header.</summary>
public class DriftTests
{
    [Fact]
    public void CommittedBindingsMatchTheHeader()
    {
        string expected = BindingGenerator.Generate(RepoPaths.Header);
        string actual = File.ReadAllText(RepoPaths.Bindings).ReplaceLineEndings("\n");
        if (actual == expected)
            return;
        string[] a = actual.Split('\n');
        string[] e = expected.Split('\n');
        int line = 0;
        while (line < a.Length && line < e.Length && a[line] == e[line])
            line++;
        Assert.Fail(
            $"bindings/Axle.Bindings/Pjrt.g.cs differs from what native/include/pjrt_c_api.h generates " +
            $"(first difference at line {line + 1}: committed '{(line < a.Length ? a[line] : "<end>")}', " +
            $"generated '{(line < e.Length ? e[line] : "<end>")}'). Do not edit it by hand: run ./build.sh bindings");
    }

    [Fact]
    public void GenerationIsDeterministic()
    {
        Assert.Equal(BindingGenerator.Generate(RepoPaths.Header), BindingGenerator.Generate(RepoPaths.Header));
    }
}
