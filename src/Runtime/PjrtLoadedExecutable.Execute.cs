using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>Execution: argument checks, the native call, and ownership of the outputs.</summary>
public sealed unsafe partial class PjrtLoadedExecutable
{
    // Argument and output pointer rows up to this many live on the stack.
    private const int StackRow = 16;

    // What the outputs' element types and shapes are, queried once: handing them to each output
    // buffer spares one native query per output for the GC size hint. Null until queried, or
    // an empty array when the plugin could not say.
    private (PjrtElementType Type, long[]? Dims)[]? outputLayouts;

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
        CheckCount(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            CheckArgument(i, args[i], checkType: true);
        }

        return Launch(args);
    }

    /// <summary>
    /// As <see cref="Execute"/>, for callers that already know each argument's element type and
    /// shape match <c>@main</c> (Axle's executable cache is keyed by them): only the count,
    /// nulls, disposal and the client are checked, not the types.
    /// </summary>
    internal PjrtBuffer[] ExecuteTrusted(PjrtBuffer[] args)
    {
        ThrowIfDisposed();
        CheckCount(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            CheckArgument(i, args[i], checkType: false);
        }

        return Launch(args);
    }

    private void CheckCount(int count)
    {
        if (parameters is not null && count != parameters.Count)
        {
            throw new ArgumentException(
                $"The program's @main takes {parameters.Count} argument(s) but {count} were given.", "args");
        }
    }

    private void CheckArgument(int index, PjrtBuffer? argument, bool checkType)
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

        if (!checkType || parameters is null)
        {
            return;
        }

        MlirTensorType expected = parameters[index];
        PjrtElementType type = argument.ElementType;
        long[] dims = argument.DimensionsShared;
        if (!expected.Accepts(type, dims))
        {
            throw new ArgumentException(
                $"Argument {index}: expected {expected.Text}, got {PjrtElementTypes.Describe(type, dims)}.", "args");
        }
    }

    private PjrtBuffer[] Launch(PjrtBuffer[] args)
    {
        int outputs = NumOutputs;
        if (!Api.HasExecute)
        {
            Api.Require(nameof(PJRT_Api.PJRT_LoadedExecutable_Execute));
        }

        // References on the executable and every argument for the span of the call, so a
        // concurrent Dispose cannot free them mid-call; released in reverse on every path.
        int n = args.Length;
        Span<IntPtr> row = n <= StackRow ? stackalloc IntPtr[StackRow] : new IntPtr[n];
        bool executableHeld = false;
        int held = 0;
        try
        {
            handle.DangerousAddRef(ref executableHeld);
            for (; held < n; held++)
            {
                bool added = false;
                PjrtBufferHandle argument = args[held].Handle;
                argument.DangerousAddRef(ref added);
                row[held] = (IntPtr)argument.Buffer;
            }

            return Run(row, n, outputs);
        }
        finally
        {
            while (held > 0)
            {
                args[--held].Handle.DangerousRelease();
            }

            if (executableHeld)
            {
                handle.DangerousRelease();
            }
        }
    }

    private PjrtBuffer[] Run(Span<IntPtr> argumentPointers, int numArgs, int numOutputs)
    {
        Span<IntPtr> outputPointers = numOutputs <= StackRow ? stackalloc IntPtr[StackRow] : new IntPtr[numOutputs];
        outputPointers.Clear();
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
        var layouts = OutputLayouts(numOutputs);
        var results = new PjrtBuffer?[numOutputs];
        for (int i = 0; i < numOutputs; i++)
        {
            if (outputPointers[i] != IntPtr.Zero)
            {
                var owned = new PjrtBufferHandle(handle.ClientHandle, (PJRT_Buffer*)outputPointers[i]);
                results[i] = layouts.Length == numOutputs
                    ? new PjrtBuffer(Client, owned, layouts[i].Type, layouts[i].Dims)
                    : new PjrtBuffer(Client, owned);
            }
        }

        try
        {
            // The event is destroyed whether or not the wait succeeds.
            PjrtEvents.AwaitAndDestroy(handle.ClientHandle, complete);
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

    private (PjrtElementType Type, long[]? Dims)[] OutputLayouts(int numOutputs)
    {
        if (Volatile.Read(ref outputLayouts) is { } known)
        {
            return known;
        }

        (PjrtElementType, long[]?)[] layouts;
        try
        {
            var types = OutputElementTypes;
            var dims = Cached(ref outputDimensions, e => PjrtExecutableQueries.OutputDimensions(Api, e));
            layouts = types.Count == numOutputs ? new (PjrtElementType, long[]?)[numOutputs] : [];
            for (int i = 0; i < layouts.Length; i++)
            {
                // A dynamic dimension is known only per run: leave the shape to the buffer's own query.
                long[]? d = i < dims.Length && Array.TrueForAll(dims[i], x => x >= 0) ? dims[i] : null;
                layouts[i] = (types[i], d);
            }
        }
        catch (PjrtException)
        {
            // A plugin without the output queries: every buffer asks for itself.
            layouts = [];
        }

        // Racing first calls compute the same thing; whichever is published is right.
        Volatile.Write(ref outputLayouts, layouts);
        return layouts;
    }

    private void AwaitReady(PjrtBuffer buffer)
    {
        if (!Api.HasBufferReadyEvent)
        {
            return;
        }

        var args = new PJRT_Buffer_ReadyEvent_Args
        {
            struct_size = PjrtConstants.PJRT_Buffer_ReadyEvent_Args_STRUCT_SIZE,
            buffer = buffer.Handle.Buffer,
        };
        Api.Check(Api.Raw->PJRT_Buffer_ReadyEvent(&args));
        PjrtEvents.AwaitAndDestroy(handle.ClientHandle, args.@event);
    }
}
