using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// A compiled program loaded on a client's devices. Arguments are checked in
/// managed code before any native call: their count, and (when the program's
/// <c>@main</c> signature could be read from the compiled text) each one's
/// element type and shape. PJRT has no portable query for parameter types, so
/// when the signature cannot be read the plugin checks them and a mismatch
/// surfaces as a <see cref="PjrtException"/>.
/// </summary>
public sealed unsafe partial class PjrtLoadedExecutable : IDisposable
{
    private readonly PjrtLoadedExecutableHandle handle;
    private readonly IReadOnlyList<MlirTensorType>? parameters;
    private string? name;
    private int? numOutputs;
    private PjrtElementType[]? outputElementTypes;
    private long[][]? outputDimensions;
    private (string Format, byte[] Code)? optimizedProgram;
    private int disposed;

    internal PjrtLoadedExecutable(PjrtClient client, PjrtLoadedExecutableHandle handle, IReadOnlyList<MlirTensorType>? parameters)
    {
        Client = client;
        this.handle = handle;
        this.parameters = parameters;
    }

    /// <summary>The client the executable was compiled on.</summary>
    public PjrtClient Client { get; }

    /// <summary>Number of parameters of <c>@main</c>, or null when the signature could not be read.</summary>
    public int? NumParameters => parameters?.Count;

    /// <summary>The executable's name as the plugin reports it.</summary>
    public string Name => Cached(ref name, e => PjrtExecutableQueries.Name(Api, e));

    /// <summary>Number of outputs one execution produces.</summary>
    public int NumOutputs
    {
        get
        {
            ThrowIfDisposed();
            return numOutputs ??= WithExecutable(e => PjrtExecutableQueries.NumOutputs(Api, e));
        }
    }

    /// <summary>Element type of each output.</summary>
    public IReadOnlyList<PjrtElementType> OutputElementTypes => Cached(ref outputElementTypes, e => PjrtExecutableQueries.OutputElementTypes(Api, e));

    /// <summary>Shape of each output.</summary>
    public IReadOnlyList<long[]> OutputDimensions =>
        Cached(ref outputDimensions, e => PjrtExecutableQueries.OutputDimensions(Api, e)).Select(d => (long[])d.Clone()).ToArray();

    /// <summary>
    /// The format of <see cref="OptimizedProgramCode"/>: <c>mlir</c> (text) from the bundled
    /// plugin; XLA plugins answer <c>hlo</c>, a serialized <c>HloModuleProto</c>.
    /// </summary>
    public string OptimizedProgramFormat => OptimizedProgramRaw.Format;

    /// <summary>The program as the plugin will run it, in <see cref="OptimizedProgramFormat"/> (a copy).</summary>
    public byte[] OptimizedProgramCode => (byte[])OptimizedProgramRaw.Code.Clone();

    /// <summary>The program as the plugin will run it, as text (for the bundled plugin, the MLIR after its pipeline).</summary>
    /// <exception cref="NotSupportedException">
    /// The plugin returns a binary format (XLA's <c>hlo</c>); <c>Compiled.AsText()</c> reads XLA's own text dump instead.
    /// </exception>
    public string OptimizedProgram =>
        OptimizedProgramRaw.Format == "mlir"
            ? System.Text.Encoding.UTF8.GetString(OptimizedProgramRaw.Code)
            : throw new NotSupportedException(
                $"the plugin returned its optimized program in format '{OptimizedProgramRaw.Format}', not text (expected 'mlir')");

    private (string Format, byte[] Code) OptimizedProgramRaw
    {
        get
        {
            ThrowIfDisposed();
            return optimizedProgram ??= WithExecutable(e => PjrtExecutableQueries.OptimizedProgram(Api, e));
        }
    }

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => Volatile.Read(ref disposed) != 0;

    private PjrtApi Api => handle.Api;

    /// <summary>Frees the executable (now, or once a running call returns).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            handle.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => IsDisposed ? "PjrtLoadedExecutable(disposed)" : $"PjrtLoadedExecutable({Name})";

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    private T Cached<T>(ref T? field, Func<IntPtr, T> query)
        where T : class
    {
        ThrowIfDisposed();
        return field ??= WithExecutable(query);
    }

    private T WithExecutable<T>(Func<IntPtr, T> query)
    {
        ThrowIfDisposed();
        Api.Require(nameof(PJRT_Api.PJRT_LoadedExecutable_GetExecutable));
        Api.Require(nameof(PJRT_Api.PJRT_Executable_Destroy));
        using SafeHandleRef use = SafeHandleRef.Take(handle);
        var args = new PJRT_LoadedExecutable_GetExecutable_Args
        {
            struct_size = PjrtConstants.PJRT_LoadedExecutable_GetExecutable_Args_STRUCT_SIZE,
            loaded_executable = handle.Executable,
        };
        Api.Check(Api.Raw->PJRT_LoadedExecutable_GetExecutable(&args));
        try
        {
            return query((IntPtr)args.executable);
        }
        finally
        {
            var destroyArgs = new PJRT_Executable_Destroy_Args
            {
                struct_size = PjrtConstants.PJRT_Executable_Destroy_Args_STRUCT_SIZE,
                executable = args.executable,
            };
            Api.Destroy(Api.Raw->PJRT_Executable_Destroy(&destroyArgs));
        }
    }
}
