namespace Axle.Lowering.Tests;

/// <summary>The op catalog read from the embedded StablehloOps.def, and the builder's check against it.</summary>
public class StablehloOpsTests
{
    [Fact]
    public void TheCatalogReadsEveryLineOfTheDefFile()
    {
        var ops = StablehloOps.All;
        using var def = new StreamReader(typeof(StablehloOps).Assembly.GetManifestResourceStream("StablehloOps.def")!);
        int lines = def.ReadToEnd().Split('\n').Count(l => l.StartsWith("AXLE_STABLEHLO_OP(", StringComparison.Ordinal));
        Assert.Equal(lines, ops.Count);
        Assert.NotNull(StablehloOps.Find("stablehlo.atan2"));
        Assert.Equal(ops.Count, ops.Select(o => o.Name).Distinct().Count());
        Assert.All(ops, o => Assert.StartsWith("stablehlo.", o.Name));
        var add = StablehloOps.Find("stablehlo.add")!;
        Assert.Equal(("Add", 2, "Elementwise"), (add.Ident, add.Operands, add.Family));
        Assert.Null(StablehloOps.Find("stablehlo.while")!.Operands);
    }

    [Fact]
    public void AnOpNotInTheCatalogFailsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => StablehloOps.CheckCall("stablehlo.exponentail", 1));
        Assert.Contains("'stablehlo.exponentail'", ex.Message);
    }

    [Fact]
    public void AWrongOperandCountFailsNamingTheOp()
    {
        var ex = Assert.Throws<ArgumentException>(() => StablehloOps.CheckCall("stablehlo.add", 3));
        Assert.Contains("'stablehlo.add' takes 2 operand(s); got 3", ex.Message);
    }
}
