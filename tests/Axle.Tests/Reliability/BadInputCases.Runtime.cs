using Axle.Runtime;
using Axle.Tests.Runtime;

namespace Axle.Tests.Reliability;

internal static partial class BadInputCases
{
    private const string AddProgram = """
        func.func public @main(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
          %0 = "stablehlo.add"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
          return %0 : tensor<3xf32>
        }
        """;

    private static readonly Lazy<PjrtClient> SharedClient = new(TestPjrt.NewClient);

    private static IEnumerable<BadInputCase> RuntimeCases()
    {
        PjrtClient Client() => SharedClient.Value;
        PjrtBuffer Vec(float[] v) => Client().BufferFromHost<float>(v, [v.Length]);
        PjrtLoadedExecutable Add() => Client().Compile(AddProgram);

        // Client
        yield return Null("client: null plugin", "plugin", () => PjrtClient.Create(null!));
        yield return Null("client: null program", "mlirText", () => Client().Compile(null!));
        yield return Of<PjrtException>("client: empty program", null, () => Client().Compile(""), "no entry function", "@main");
        yield return Of<PjrtException>("client: unparsable program", null, () => Client().Compile("func.func @main( {"), "cannot parse");
        yield return Of<PjrtException>("client: program with mismatched types", null,
            () => Client().Compile(AddProgram.Replace("-> tensor<3xf32> {", "-> tensor<4xf32> {", StringComparison.Ordinal)), "tensor<4xf32>");
        yield return Arg("client: option of an unsupported type", "options",
            () => PjrtClient.Create(TestPjrt.Plugin, new Dictionary<string, object> { ["cpu_threads"] = DateTime.Now }), "cpu_threads", "DateTime");
        yield return Disposed("client: compile after dispose", () =>
        {
            PjrtClient c = TestPjrt.NewClient();
            c.Dispose();
            c.Compile(AddProgram);
        }, nameof(PjrtClient));
        yield return Disposed("client: upload after dispose", () =>
        {
            PjrtClient c = TestPjrt.NewClient();
            c.Dispose();
            c.BufferFromHost<float>(new float[2], [2]);
        }, nameof(PjrtClient));

        // Buffers
        yield return Arg("buffer: length does not match the shape", "data", () => Client().BufferFromHost<float>(new float[5], [2, 3]), "[2,3]", "6", "5");
        yield return Arg("buffer: negative dimension", "dimensions", () => Client().BufferFromHost<float>(new float[0], [-1]), "-1");
        yield return Arg("buffer: bytes do not match the shape", "data",
            () => Client().BufferFromHost(new byte[7], PjrtElementType.F32, [2]), "8", "7");
        yield return Arg("buffer: element type without a host size", "elementType",
            () => Client().BufferFromHost(new byte[1], PjrtElementType.Invalid, []), "Invalid");
        yield return Arg("buffer: unsupported host type", "T", () => Client().BufferFromHost<decimal>(new decimal[1], [1]), "Decimal");
        yield return Arg("buffer: read as another type", "T", () =>
        {
            using PjrtBuffer b = Vec([1, 2, 3]);
            b.ToArray<double>();
        }, "F32", "Double");
        yield return Arg("buffer: copy into a span of the wrong length", "destination", () =>
        {
            using PjrtBuffer b = Vec([1, 2, 3]);
            b.CopyTo<float>(new float[2]);
        }, "3", "2");
        yield return Disposed("buffer: read after dispose", () =>
        {
            PjrtBuffer b = Vec([1, 2, 3]);
            b.Dispose();
            b.ToArray<float>();
        }, nameof(PjrtBuffer));
        yield return Disposed("buffer: dimensions after dispose", () =>
        {
            PjrtBuffer b = Vec([1, 2, 3]);
            b.Dispose();
            _ = b.Dimensions;
        }, nameof(PjrtBuffer));

        // Executables
        yield return Null("execute: null argument array", "args", () =>
        {
            using PjrtLoadedExecutable e = Add();
            e.Execute(null!);
        });
        yield return Null("execute: null argument", "args", () =>
        {
            using PjrtLoadedExecutable e = Add();
            using PjrtBuffer a = Vec([1, 2, 3]);
            e.Execute(a, null!);
        });
        yield return Arg("execute: too few arguments", "args", () =>
        {
            using PjrtLoadedExecutable e = Add();
            using PjrtBuffer a = Vec([1, 2, 3]);
            e.Execute(a);
        }, "2", "1");
        yield return Arg("execute: too many arguments", "args", () =>
        {
            using PjrtLoadedExecutable e = Add();
            using PjrtBuffer a = Vec([1, 2, 3]);
            e.Execute(a, a, a);
        }, "2", "3");
        yield return Arg("execute: argument of the wrong dtype", "args", () =>
        {
            using PjrtLoadedExecutable e = Add();
            using PjrtBuffer a = Vec([1, 2, 3]);
            using PjrtBuffer b = Client().BufferFromHost<int>(new int[3], [3]);
            e.Execute(a, b);
        }, "Argument 1", "f32", "S32");
        yield return Arg("execute: argument of the wrong shape", "args", () =>
        {
            using PjrtLoadedExecutable e = Add();
            using PjrtBuffer a = Vec([1, 2, 3]);
            using PjrtBuffer b = Vec([1, 2]);
            e.Execute(a, b);
        }, "1", "3", "2");
        yield return Arg("execute: buffer of another client", "args", () =>
        {
            using PjrtLoadedExecutable e = Add();
            using PjrtBuffer a = Vec([1, 2, 3]);
            using PjrtClient other = TestPjrt.NewClient();
            using PjrtBuffer b = other.BufferFromHost<float>(new float[3], [3]);
            e.Execute(a, b);
        }, "1", "another client");
        yield return Disposed("execute: disposed argument", () =>
        {
            using PjrtLoadedExecutable e = Add();
            using PjrtBuffer a = Vec([1, 2, 3]);
            PjrtBuffer b = Vec([1, 2, 3]);
            b.Dispose();
            e.Execute(a, b);
        }, nameof(PjrtBuffer));
        yield return Disposed("execute: disposed executable", () =>
        {
            PjrtLoadedExecutable e = Add();
            e.Dispose();
            using PjrtBuffer a = Vec([1, 2, 3]);
            e.Execute(a, a);
        }, nameof(PjrtLoadedExecutable));
        yield return Disposed("executable: optimized program after dispose", () =>
        {
            PjrtLoadedExecutable e = Add();
            e.Dispose();
            _ = e.OptimizedProgram;
        }, nameof(PjrtLoadedExecutable));
    }
}
