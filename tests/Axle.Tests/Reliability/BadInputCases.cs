namespace Axle.Tests.Reliability;

/// <summary>The bad-input table, one partial file per area; helpers to write a row in one line.</summary>
internal static partial class BadInputCases
{
    /// <summary>
    /// Every row. The runtime rows drive the bundled plugin's C API directly, so a pass of the suite
    /// on another backend (<see cref="Backends.TestBackend"/>) leaves them to the CPU pass.
    /// </summary>
    public static IEnumerable<BadInputCase> All() =>
        Transforms().Concat(ControlFlow()).Concat(Symbolic()).Concat(OpsCases()).Concat(MoreOps())
            .Concat(TensorCases()).Concat(RandomCases())
            .Concat(Backends.TestBackend.IsBundledCpu ? RuntimeCases() : [])
            .Concat(IoCases());

    /// <summary>An <see cref="ArgumentException"/> (exactly) naming <paramref name="param"/>.</summary>
    private static BadInputCase Arg(string name, string? param, Action act, params string[] contains) =>
        new(name, act, typeof(ArgumentException), param, contains);

    private static BadInputCase Null(string name, string param, Action act) =>
        new(name, act, typeof(ArgumentNullException), param, [param]);

    private static BadInputCase Range(string name, string param, Action act, params string[] contains) =>
        new(name, act, typeof(ArgumentOutOfRangeException), param, contains);

    private static BadInputCase Disposed(string name, Action act, string objectName) =>
        new(name, act, typeof(ObjectDisposedException), null, [objectName]);

    private static BadInputCase Invalid(string name, Action act, params string[] contains) =>
        new(name, act, typeof(InvalidOperationException), null, contains);

    private static BadInputCase Of<TException>(string name, string? param, Action act, params string[] contains)
        where TException : Exception =>
        new(name, act, typeof(TException), param, contains);

    /// <summary>An f32 tensor of zeros with this shape.</summary>
    private static Tensor F(params int[] shape) => shape.Length == 0 ? Tensor.From(0f) : Tensor.From(new float[Count(shape)], shape);

    /// <summary>An i32 tensor of zeros with this shape.</summary>
    private static Tensor I(params int[] shape) => shape.Length == 0 ? Tensor.From(0) : Tensor.From(new int[Count(shape)], shape);

    private static Tensor Scalar(float v) => Tensor.From(v);

    private static Tensor DisposedTensor()
    {
        Tensor t = Tensor.From(new float[] { 1, 2, 3 });
        _ = t.ToArray<float>();
        t.Dispose();
        return t;
    }

    private static int Count(int[] shape)
    {
        int n = 1;
        foreach (int d in shape)
        {
            n *= d;
        }

        return n;
    }
}
