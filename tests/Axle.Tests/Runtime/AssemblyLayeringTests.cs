using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>Axle.Runtime stands on the bindings and Axle.Lowering only, never on the core it serves.</summary>
public class AssemblyLayeringTests
{
    [Fact]
    public void RuntimeReferencesOnlyTheBindingsAndLoweringOfAxle()
    {
        var axle = typeof(PjrtClient).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n == "Axle" || n.StartsWith("Axle.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["Axle.Bindings", "Axle.Lowering"], axle);
        Assert.Equal("Axle.Runtime", typeof(PjrtClient).Assembly.GetName().Name);
    }
}
