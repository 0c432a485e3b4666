using Axle.IO;
using Axle.Lowering.Text;
using static Axle.Ops;

namespace Axle.Cli.Tests;

/// <summary>
/// The bundled plugin reads only generic op form (it has no StableHLO dialect), so `show` round trips
/// through the parsed module: generic re-emission must equal Axle's text, and `show`'s pretty text,
/// read back and re-emitted generic (what `axle run` does with it), must compute the same bits.
/// </summary>
public sealed class RoundTripTests
{
    // Wider programs than the golden samples: gradients, gathers, while loops from linear algebra.
    private static readonly Func<string>[] Wide =
    [
        () => Ax.Lower(new Func<Tensor, Tensor, Tensor>((x, w) => Ax.Grad(new Func<Tensor, Tensor>(v => Sum(Tanh(MatMul(x, v)))))(w)),
            Tensor.From(new float[12], 4, 3), Tensor.From(new float[6], 3, 2)).AsText(),
        () => Ax.Lower(new Func<Tensor, Tensor, Tensor>((a, b) => Solve(a, b) + Cholesky(MatMul(a, Transpose(a)) + Eye(3))[.., 0]),
            Tensor.From(new double[9], 3, 3), Tensor.From(new double[3])).AsText(),
        () => Ax.Lower(new Func<Tensor, Tensor, Tensor>((x, i) => Cumsum(Take(x, i)) * Exp(Sum(x[1..3]))),
            Tensor.From(new float[6]), Tensor.From(new int[4])).AsText(),
        // A two-operand reduce (argmax: value and index) prints the long `reducer(...) { }` form.
        () => Ax.Lower(new Func<Tensor, Tensor, Tensor[]>((x, i) => [ArgMax(x, 1), Transpose(x) * 2.0, DynamicSlice(x, [i, i], [2, 2]), Pad(Flip(x, 0), 1)]),
            Tensor.From(new float[12], 3, 4), Tensor.From(1)).AsText(),
    ];

    public static TheoryData<int> WideIndices() => [.. Enumerable.Range(0, Wide.Length)];

    public static TheoryData<string> Samples() => [.. SampleModules.Names];

    [Theory]
    [MemberData(nameof(Samples))]
    public void GenericReemissionIsAxlesTextExactly(string sample)
    {
        string text = SampleModules.Text(sample);
        Assert.Equal(text, GenericPrinter.Print(GenericParser.Parse(text)));
    }

    [Theory]
    [MemberData(nameof(WideIndices))]
    public void WideModulesReemitExactly(int index)
    {
        string text = Wide[index]();
        Assert.Equal(text, GenericPrinter.Print(GenericParser.Parse(text)));
        // The pretty text keeps the SSA names of the function body's values.
        string pretty = PrettyPrinter.Print(text);
        foreach (var op in GenericParser.Parse(text).Functions.SelectMany(f => f.Body.Operations))
            if (op.ResultName is not null) Assert.Contains(op.ResultName + (op.ResultTypes.Count == 1 ? " = " : ":"), pretty);
    }

    [Theory]
    [MemberData(nameof(WideIndices))]
    public void ShowGenericCompilesToTheSameResults(int index) => SameResults(Wide[index]());

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleShowGenericCompilesToTheSameResults(string sample) => SameResults(SampleModules.Text(sample));

    [Fact]
    public void LoweredAsTextPrettyUsesThePrinter()
    {
        var lowered = Ax.Lower(new Func<Tensor, Tensor, Tensor>(SampleModules.Mlp), Tensor.From(new float[12], 4, 3), Tensor.From(new float[6], 3, 2));
        string pretty = lowered.AsText(pretty: true);
        Assert.Equal(PrettyPrinter.Print(lowered.AsText()), pretty);
        Assert.Contains("stablehlo.tanh %", pretty);
        Assert.Contains("applies stablehlo.add across dimensions = [0, 1]", pretty);
        Assert.DoesNotContain("\"stablehlo.", pretty);
        Assert.Equal(lowered.AsText(), lowered.AsText(pretty: false));
    }

    [Theory]
    [MemberData(nameof(WideIndices))]
    public void ShowOutputRunsToTheSameResults(int index) => SameResults(Wide[index](), pretty: true);

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleShowOutputRunsToTheSameResults(string sample) => SameResults(SampleModules.Text(sample), pretty: true);

    [Theory]
    [MemberData(nameof(WideIndices))]
    public void PrettyTextParsesBackToTheSameStructure(int index)
    {
        var generic = GenericParser.Parse(Wide[index]());
        var pretty = GenericParser.Parse(PrettyPrinter.Print(generic));
        Assert.True(pretty.HasPrettyOps);
        Assert.False(generic.HasPrettyOps);
        // Printing is a fixpoint, and the ops (names, operands, types) survive.
        Assert.Equal(PrettyPrinter.Print(generic), PrettyPrinter.Print(pretty));
        var a = generic.Functions[0].Body.Operations;
        var b = pretty.Functions[0].Body.Operations;
        Assert.Equal(a.Select(o => (o.Name, string.Join(",", o.Operands), string.Join(",", o.OperandTypes), string.Join(",", o.ResultTypes))),
                     b.Select(o => (o.Name, string.Join(",", o.Operands), string.Join(",", o.OperandTypes), string.Join(",", o.ResultTypes))));
    }

    // Axle's argmax uses masks, so its own modules never need reduce's long form; StableHLO's does.
    private const string VariadicReduce = """
        module @variadic {
          func.func public @main(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xi32>) -> (tensor<2xf32>, tensor<2xi32>) {
            %0 = "stablehlo.constant"() {value = dense<"0x000080FF"> : tensor<f32>} : () -> tensor<f32>
            %1 = "stablehlo.constant"() {value = dense<"0x00000000"> : tensor<i32>} : () -> tensor<i32>
            %7:2 = "stablehlo.reduce"(%arg0, %arg1, %0, %1) ({
            ^bb0(%2: tensor<f32>, %3: tensor<i32>, %4: tensor<f32>, %5: tensor<i32>):
              %6 = "stablehlo.compare"(%2, %4) {comparison_direction = #stablehlo<comparison_direction GE>, compare_type = #stablehlo<comparison_type FLOAT>} : (tensor<f32>, tensor<f32>) -> tensor<i1>
              %8 = "stablehlo.select"(%6, %2, %4) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
              %9 = "stablehlo.select"(%6, %3, %5) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
              "stablehlo.return"(%8, %9) : (tensor<f32>, tensor<i32>) -> ()
            }) {dimensions = array<i64: 1>} : (tensor<2x3xf32>, tensor<2x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
            "func.return"(%7#0, %7#1) : (tensor<2xf32>, tensor<2xi32>) -> ()
          }
        }

        """;

    [Fact]
    public void VariadicReducePrintsTheLongFormAndRunsTheSame()
    {
        Assert.Equal(VariadicReduce, GenericPrinter.Print(GenericParser.Parse(VariadicReduce)));
        string pretty = PrettyPrinter.Print(VariadicReduce);
        Assert.Contains("stablehlo.reduce(%arg0 init: %0), (%arg1 init: %1) across dimensions = [1]", pretty);
        Assert.Contains("reducer(%2: tensor<f32>, %4: tensor<f32>) (%3: tensor<i32>, %5: tensor<i32>) {", pretty);
        SameResults(VariadicReduce, pretty: true);
    }

    [Fact]
    public void ParseErrorsGiveLineAndColumn()
    {
        string text = "module @m {\n  func.func public @main(%arg0: tensor<f32>) -> tensor<f32> {\n    %0 = stablehlo.abs %arg0 tensor<f32>\n  }\n}\n";
        var e = Assert.Throws<MlirParseException>(() => GenericParser.Parse(text));
        Assert.Equal((3, 30), (e.Line, e.Column)); // at "tensor", where the colon belongs
        Assert.Contains("expected ':'", e.Message);
    }

    // Runs the module and its `show` (pretty: true) or `show --generic` text on the same inputs.
    private static void SameResults(string text, bool pretty = false)
    {
        string dir = Cli.TempDir();
        string original = Path.Combine(dir, "original.mlir"), reemitted = Path.Combine(dir, "reemitted.mlir");
        File.WriteAllText(original, text);
        File.WriteAllText(reemitted, pretty ? Cli.Ok("show", original) : Cli.Ok("show", "--generic", original));
        Cli.Ok("run", original, "--random", "3", "--repeat", "0", "--out", Path.Combine(dir, "a"));
        Cli.Ok("run", reemitted, "--random", "3", "--repeat", "0", "--out", Path.Combine(dir, "b"));
        var outputs = Directory.GetFiles(Path.Combine(dir, "a"), "*.npy");
        Assert.NotEmpty(outputs);
        foreach (string a in outputs)
        {
            var x = Npy.ReadArray(a);
            var y = Npy.ReadArray(Path.Combine(dir, "b", Path.GetFileName(a)));
            Assert.Equal(x.Shape, y.Shape);
            Assert.Equal(x.Data, y.Data);
        }
    }
}
