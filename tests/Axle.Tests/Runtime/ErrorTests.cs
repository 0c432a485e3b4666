using Axle.Tests.Backends;
using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>Bad input fails with a clear exception, never a crash.</summary>
public class ErrorTests
{
    [CpuPluginFact]
    public void UnparsableProgramGivesInvalidArgumentWithTheParserDiagnostic()
    {
        using PjrtClient client = TestPjrt.NewClient();
        const string program = """
            func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
              "func.return"(%a) : (tensor<2xf32>) -> (
            }
            """;
        var e = Assert.Throws<PjrtException>(() => client.Compile(program));
        Assert.Equal(PjrtErrorCode.InvalidArgument, e.Code);
        // MLIR's parser diagnostics read "expected ..." and carry a line:column location.
        Assert.Contains("expected", e.Message);
        Assert.Matches(@"\d+:\d+", e.Message);
    }

    [CpuPluginFact]
    public void GarbageTextIsRejected()
    {
        using PjrtClient client = TestPjrt.NewClient();
        var e = Assert.Throws<PjrtException>(() => client.Compile("this is not a program"));
        Assert.Equal(PjrtErrorCode.InvalidArgument, e.Code);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [CpuPluginFact]
    public void UnknownOpIsNamed()
    {
        using PjrtClient client = TestPjrt.NewClient();
        const string program = """
            func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
              %0 = "stablehlo.frobnicate"(%a) : (tensor<2xf32>) -> tensor<2xf32>
              "func.return"(%0) : (tensor<2xf32>) -> ()
            }
            """;
        var e = Assert.Throws<PjrtException>(() => client.Compile(program));
        Assert.Contains("stablehlo.frobnicate", e.Message);
    }

    [CpuPluginFact]
    public void WrongArgumentCountIsCaughtBeforeTheNativeCall()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = client.Compile(AcceptanceTests.Program);
        using PjrtBuffer a = client.BufferFromHost<float>(new float[6], new long[] { 2, 3 });
        var e = Assert.Throws<ArgumentException>(() => executable.Execute(a));
        Assert.Equal("args", e.ParamName);
        Assert.Contains("2 argument", e.Message);
        Assert.Contains("1 were given", e.Message);
        Assert.Throws<ArgumentException>(() => executable.Execute());
    }

    [CpuPluginFact]
    public void WrongShapeOrTypeNamesTheArgument()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = client.Compile(AcceptanceTests.Program);
        using PjrtBuffer a = client.BufferFromHost<float>(new float[6], new long[] { 2, 3 });
        using PjrtBuffer wrongShape = client.BufferFromHost<float>(new float[12], new long[] { 4, 3 });
        using PjrtBuffer wrongType = client.BufferFromHost<double>(new double[12], new long[] { 3, 4 });

        var shape = Assert.Throws<ArgumentException>(() => executable.Execute(a, wrongShape));
        Assert.Equal("args", shape.ParamName);
        Assert.Contains("Argument 1", shape.Message);
        Assert.Contains("tensor<3x4xf32>", shape.Message);
        Assert.Contains("F32[4,3]", shape.Message);

        var type = Assert.Throws<ArgumentException>(() => executable.Execute(a, wrongType));
        Assert.Contains("Argument 1", type.Message);
        Assert.Contains("F64[3,4]", type.Message);
    }

    [CpuPluginFact]
    public void NullArgumentsAreRejected()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = client.Compile(AcceptanceTests.Program);
        using PjrtBuffer a = client.BufferFromHost<float>(new float[6], new long[] { 2, 3 });
        Assert.Throws<ArgumentNullException>(() => executable.Execute(null!));
        Assert.Throws<ArgumentNullException>(() => executable.Execute(a, null!));
        Assert.Throws<ArgumentNullException>(() => client.Compile(null!));
        Assert.Throws<ArgumentNullException>(() => PjrtClient.Create(null!));
    }

    [CpuPluginFact]
    public void DisposedObjectsThrowObjectDisposed()
    {
        PjrtClient client = TestPjrt.NewClient();
        PjrtLoadedExecutable executable = client.Compile(AcceptanceTests.Program);
        PjrtBuffer a = client.BufferFromHost<float>(new float[6], new long[] { 2, 3 });
        PjrtBuffer b = client.BufferFromHost<float>(new float[12], new long[] { 3, 4 });

        b.Dispose();
        b.Dispose();
        Assert.Throws<ObjectDisposedException>(() => b.ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => b.ElementType);
        Assert.Throws<ObjectDisposedException>(() => executable.Execute(a, b));

        executable.Dispose();
        Assert.Throws<ObjectDisposedException>(() => executable.Execute(a, a));
        Assert.Throws<ObjectDisposedException>(() => executable.OptimizedProgram);

        client.Dispose();
        client.Dispose();
        Assert.Throws<ObjectDisposedException>(() => client.Compile(AcceptanceTests.Program));
        Assert.Throws<ObjectDisposedException>(() => client.BufferFromHost<float>(new float[1], new long[] { 1 }));
        a.Dispose();
    }

    [CpuPluginFact]
    public void BufferOfAnotherClientIsRejected()
    {
        using PjrtClient first = TestPjrt.NewClient();
        using PjrtClient second = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = first.Compile(AcceptanceTests.Program);
        using PjrtBuffer a = first.BufferFromHost<float>(new float[6], new long[] { 2, 3 });
        using PjrtBuffer b = second.BufferFromHost<float>(new float[12], new long[] { 3, 4 });
        var e = Assert.Throws<ArgumentException>(() => executable.Execute(a, b));
        Assert.Contains("Argument 1", e.Message);
        Assert.Throws<ArgumentException>(() => first.BufferFromHost<float>(new float[1], new long[] { 1 }, second.Devices[0]));
    }

    [CpuPluginFact]
    public void WhenTheSignatureCannotBeReadThePluginChecksTheArguments()
    {
        // Generic func form: the runtime does not read this signature, so the plugin's own check must fire.
        const string program = """
            "func.func"() <{function_type = (tensor<2xf32>) -> tensor<2xf32>, sym_name = "main", sym_visibility = "public"}> ({
            ^bb0(%a: tensor<2xf32>):
              %0 = "stablehlo.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
              "func.return"(%0) : (tensor<2xf32>) -> ()
            }) : () -> ()
            """;
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable executable = client.Compile(program);
        Assert.Null(executable.NumParameters);
        using PjrtBuffer wrong = client.BufferFromHost<float>(new float[3], new long[] { 3 });
        using PjrtBuffer right = client.BufferFromHost<float>(new float[] { 1, 2 }, new long[] { 2 });

        var shape = Assert.Throws<PjrtException>(() => executable.Execute(wrong));
        Assert.Equal(PjrtErrorCode.InvalidArgument, shape.Code);
        Assert.Contains("argument 0", shape.Message);
        var count = Assert.Throws<PjrtException>(() => executable.Execute(right, right));
        Assert.Equal(PjrtErrorCode.InvalidArgument, count.Code);

        Assert.Equal(new float[] { 2, 4 }, TestPjrt.RunSingle<float>(client, program, right));
    }
}
