using System.Reflection;

namespace Axle.Bindings.Tests;

/// <summary>Every size, offset and value in Axle.Bindings equals what gcc computes from the header.</summary>
public class LayoutTests
{
    private static readonly Assembly Bindings = typeof(PJRT_Api).Assembly;

    [Fact]
    public void BindingsCoverTheKeyTypes()
    {
        // Guards the reflection below against silently checking nothing.
        Assert.True(CLayoutProbe.ExplicitStructs(Bindings).Count > 100);
    }

    [Fact]
    public void StructsFieldsEnumsAndConstantsMatchTheCCompiler()
    {
        Dictionary<string, long> managed = CLayoutProbe.Managed(Bindings);
        Dictionary<string, long> native = CLayoutProbe.Native(Bindings, RepoPaths.IncludeDir, "pjrt_c_api.h");
        var mismatches = managed
            .Where(kv => !native.TryGetValue(kv.Key, out long c) || c != kv.Value)
            .Select(kv => $"{kv.Key}: C# {kv.Value}, C {(native.TryGetValue(kv.Key, out long c) ? c : "missing")}")
            .ToList();
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} layout mismatches (run ./build.sh bindings?):\n" + string.Join("\n", mismatches));
        Assert.Equal(managed.Count, native.Count);
    }
}
