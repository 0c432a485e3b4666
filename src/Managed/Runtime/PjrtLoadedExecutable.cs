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
public sealed unsafe class PjrtLoadedExecutable : IDisposable
{
    private readonly PjrtLoadedExecutableHandle handle;
    private readonly IReadOnlyList<MlirTensorType>? parameters;
    private string? name;
    private int? numOutputs;
    private PjrtElementType[]? outputElementTypes;
    private long[][]? outputDimensions;
    private string? optimizedProgram;
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
    /// The program as the plugin will run it, as text (for the bundled plugin,
    /// the MLIR after lowering; XLA plugins may return a binary format).
    /// </summary>
    public string OptimizedProgram => Cached(ref optimizedProgram, e => PjrtExecutableQueries.OptimizedProgram(Api, e));

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => Volatile.Read(ref disposed) != 0;

    private PjrtApi Api => handle.Api;

    /// <summary>Runs the program once on its device and waits for it to finish.</summary>
    /// <param name="args">One buffer per parameter of <c>@main</c>, on this executable's client.</param>
    /// <returns>The output buffers, in order; the caller owns (and disposes) them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">Wrong count, or an argument's element type or shape differs from the parameter's.</exception>
    /// <exception cref="ObjectDisposedException">The executable or an argument has been disposed.</exception>
    /// <exception cref="PjrtException">The plugin failed to run the program.</exception>
    public PjrtBuffer[] Execute(params PjrtBuffer[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        ThrowIfDisposed();
        if (parameters is not null && args.Length != parameters.Count)
        {
            throw new ArgumentException(
                $"The program's @main takes {parameters.Count} argument(s) but {args.Length} were given.", nameof(args));
        }

        for (int i = 0; i < args.Length; i++)
        {
            CheckArgument(i, args[i]);
        }

        int outputs = NumOutputs;
        Api.Require(nameof(PJRT_Api.PJRT_LoadedExecutable_Execute));
        var held = new List<SafeHandleRef>(args.Length + 1);
        try
        {
            held.Add(SafeHandleRef.Take(handle));
            var argumentPointers = new IntPtr[Math.Max(args.Length, 1)];
            for (int i = 0; i < args.Length; i++)
            {
                held.Add(SafeHandleRef.Take(args[i].Handle));
                argumentPointers[i] = (IntPtr)args[i].Handle.Buffer;
            }

            return Run(argumentPointers, args.Length, outputs);
        }
        finally
        {
            foreach (SafeHandleRef reference in held)
            {
                reference.Dispose();
            }
        }
    }

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

    private void CheckArgument(int index, PjrtBuffer? argument)
    {
        if (argument is null)
        {
            throw new ArgumentNullException("args", $"Argument {index} is null.");
        }

        argument.ThrowIfDisposed();
        if (argument.Client != Client)
        {
            throw new ArgumentException($"Argument {index} is a buffer of another client.", "args");
        }

        if (parameters is null)
        {
            return;
        }

        MlirTensorType expected = parameters[index];
        PjrtElementType type = argument.ElementType;
        long[] dims = argument.Dimensions;
        if (!expected.Accepts(type, dims))
        {
            throw new ArgumentException(
                $"Argument {index}: expected {expected.Text}, got {PjrtElementTypes.Describe(type, dims)}.", "args");
        }
    }

    private PjrtBuffer[] Run(IntPtr[] argumentPointers, int numArgs, int numOutputs)
    {
        var outputPointers = new IntPtr[Math.Max(numOutputs, 1)];
        PJRT_Event* complete = null;
        fixed (IntPtr* argumentList = argumentPointers)
        fixed (IntPtr* outputList = outputPointers)
        {
            var options = new PJRT_ExecuteOptions { struct_size = PjrtConstants.PJRT_ExecuteOptions_STRUCT_SIZE };
            PJRT_Buffer** argumentRow = (PJRT_Buffer**)argumentList;
            PJRT_Buffer** outputRow = (PJRT_Buffer**)outputList;
            var executeArgs = new PJRT_LoadedExecutable_Execute_Args
            {
                struct_size = PjrtConstants.PJRT_LoadedExecutable_Execute_Args_STRUCT_SIZE,
                executable = handle.Executable,
                options = &options,
                argument_lists = &argumentRow,
                num_devices = 1,
                num_args = (nuint)numArgs,
                output_lists = &outputRow,
                device_complete_events = &complete,
            };
            Api.Check(Api.Raw->PJRT_LoadedExecutable_Execute(&executeArgs));
        }

        // Own every output before anything else can fail, so every path frees them.
        var results = new PjrtBuffer?[numOutputs];
        for (int i = 0; i < numOutputs; i++)
        {
            if (outputPointers[i] != IntPtr.Zero)
            {
                results[i] = new PjrtBuffer(Client, new PjrtBufferHandle(handle.ClientHandle, (PJRT_Buffer*)outputPointers[i]));
            }
        }

        try
        {
            // The event is destroyed whether or not the wait succeeds.
            PjrtEventHandle.AwaitAndDestroy(handle.ClientHandle, complete);
            for (int i = 0; i < numOutputs; i++)
            {
                PjrtBuffer result = results[i]
                    ?? throw new PjrtException(PjrtErrorCode.Internal, $"PJRT_LoadedExecutable_Execute returned no buffer for output {i}.");
                if (complete == null)
                {
                    AwaitReady(result);
                }
            }

            return results!;
        }
        catch
        {
            foreach (PjrtBuffer? result in results)
            {
                result?.Dispose();
            }

            throw;
        }
    }

    private void AwaitReady(PjrtBuffer buffer)
    {
        if (!Api.Has(nameof(PJRT_Api.PJRT_Buffer_ReadyEvent)))
        {
            return;
        }

        var args = new PJRT_Buffer_ReadyEvent_Args
        {
            struct_size = PjrtConstants.PJRT_Buffer_ReadyEvent_Args_STRUCT_SIZE,
            buffer = buffer.Handle.Buffer,
        };
        Api.Check(Api.Raw->PJRT_Buffer_ReadyEvent(&args));
        PjrtEventHandle.AwaitAndDestroy(handle.ClientHandle, args.@event);
    }

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
