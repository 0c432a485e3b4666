using static Axle.Ops;

namespace Axle.Cli.Tests;

/// <summary>Modules Axle itself lowers, written to files as AXLE_DUMP_DIR would write them.</summary>
internal static class SampleModules
{
    public static readonly string[] Names = ["mlp", "mlp_wider", "loop", "integers"];

    public static string Text(string name) => name switch
    {
        "mlp" => Ax.Lower(Mlp, Zeros<float>(4, 3), Zeros<float>(3, 2)).AsText(),
        "mlp_wider" => Ax.Lower(MlpWider, Zeros<float>(4, 3), Zeros<float>(3, 5)).AsText(),
        "loop" => Ax.Lower(Loop, Zeros<double>(3)).AsText(),
        "integers" => Ax.Lower(Integers, Zeros<int>(5), Zeros<int>(5)).AsText(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such sample"),
    };

    /// <summary>Writes the sample to a temporary file and returns its path.</summary>
    public static string File(string name)
    {
        string path = Path.Combine(Cli.TempDir(), name + ".stablehlo.mlir");
        System.IO.File.WriteAllText(path, Text(name));
        return path;
    }

    public static Tensor Mlp(Tensor x, Tensor w) => Sum(Tanh(MatMul(x, w) + 1.0));

    public static Tensor MlpWider(Tensor x, Tensor w) => Max(Exp(Tanh(MatMul(x, w) + 1.0)));

    public static Tensor Loop(Tensor x) => Ax.ForiLoop(0, 5, (i, c) => c * 0.5 + Sin(c), x);

    public static Tensor[] Integers(Tensor a, Tensor b) =>
        [Where(a < b, a, b), Sort(a), Concatenate([a, b]), (a * 3) % 4];

    private static Tensor Zeros<T>(params int[] shape) where T : unmanaged =>
        Tensor.From(new T[shape.Aggregate(1, (p, d) => p * d)], shape);
}
