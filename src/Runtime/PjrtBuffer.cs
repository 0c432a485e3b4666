using System.Runtime.InteropServices;
using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// An array on a device. Dispose it to free device memory promptly; if it is
/// only dropped, its finalizer frees it. Its client stays alive (natively)
/// until the buffer is released.
/// </summary>
public sealed unsafe class PjrtBuffer : IDisposable
{
    private readonly PjrtBufferHandle handle;
    private PjrtElementType? elementType;
    private long[]? dimensions;
    private int disposed;

    internal PjrtBuffer(PjrtClient client, PjrtBufferHandle handle, PjrtElementType? elementType = null, long[]? dimensions = null)
    {
        Client = client;
        this.handle = handle;
        this.elementType = elementType;
        this.dimensions = dimensions;
        handle.ReportSize(QuerySizeForGc());
    }

    /// <summary>The client the buffer was made on.</summary>
    public PjrtClient Client { get; }

    /// <summary>The element type.</summary>
    /// <exception cref="ObjectDisposedException">The buffer has been disposed.</exception>
    public PjrtElementType ElementType
    {
        get
        {
            ThrowIfDisposed();
            return elementType ??= QueryElementType();
        }
    }

    /// <summary>The shape (a copy; empty for a scalar).</summary>
    /// <exception cref="ObjectDisposedException">The buffer has been disposed.</exception>
    public long[] Dimensions
    {
        get
        {
            ThrowIfDisposed();
            return (long[])(dimensions ??= QueryDimensions()).Clone();
        }
    }

    /// <summary>The shape without a copy, for checks inside the runtime; never modify it.</summary>
    internal long[] DimensionsShared
    {
        get
        {
            ThrowIfDisposed();
            return dimensions ??= QueryDimensions();
        }
    }

    /// <summary>Number of elements (the product of <see cref="Dimensions"/>).</summary>
    public long ElementCount
    {
        get
        {
            ThrowIfDisposed();
            long count = 1;
            foreach (long d in dimensions ??= QueryDimensions())
            {
                count *= d;
            }

            return count;
        }
    }

    /// <summary>Bytes the buffer occupies on its device.</summary>
    /// <exception cref="ObjectDisposedException">The buffer has been disposed.</exception>
    public long OnDeviceSizeInBytes
    {
        get
        {
            using SafeHandleRef use = Acquire();
            Api.Require(nameof(PJRT_Api.PJRT_Buffer_OnDeviceSizeInBytes));
            var args = new PJRT_Buffer_OnDeviceSizeInBytes_Args
            {
                struct_size = PjrtConstants.PJRT_Buffer_OnDeviceSizeInBytes_Args_STRUCT_SIZE,
                buffer = handle.Buffer,
            };
            Api.Check(Api.Raw->PJRT_Buffer_OnDeviceSizeInBytes(&args));
            return checked((long)args.on_device_size_in_bytes);
        }
    }

    /// <summary>The device holding the buffer.</summary>
    /// <exception cref="ObjectDisposedException">The buffer has been disposed.</exception>
    public PjrtDevice Device
    {
        get
        {
            using SafeHandleRef use = Acquire();
            Api.Require(nameof(PJRT_Api.PJRT_Buffer_Device));
            var args = new PJRT_Buffer_Device_Args
            {
                struct_size = PjrtConstants.PJRT_Buffer_Device_Args_STRUCT_SIZE,
                buffer = handle.Buffer,
            };
            Api.Check(Api.Raw->PJRT_Buffer_Device(&args));
            return Client.FindDevice(args.device)
                ?? throw new PjrtException(PjrtErrorCode.Internal, "PJRT_Buffer_Device returned a device the client does not list.");
        }
    }

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => Volatile.Read(ref disposed) != 0;

    internal PjrtBufferHandle Handle => handle;

    private PjrtApi Api => handle.Api;

    /// <summary>Copies the buffer to a new host array (waits for the data to be ready).</summary>
    /// <typeparam name="T">Must match <see cref="ElementType"/> (float for F32, int for S32, bool for PRED, ...).</typeparam>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> does not match the buffer's element type.</exception>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        CheckElementType<T>();
        var result = new T[checked((int)ElementCount)];
        CopyToHost(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>Copies the buffer into <paramref name="destination"/> (waits for the data to be ready).</summary>
    /// <typeparam name="T">Must match <see cref="ElementType"/>.</typeparam>
    /// <param name="destination">Exactly <see cref="ElementCount"/> elements.</param>
    /// <exception cref="ArgumentException">Wrong element type or length.</exception>
    public void CopyTo<T>(Span<T> destination)
        where T : unmanaged
    {
        CheckElementType<T>();
        if (destination.Length != ElementCount)
        {
            throw new ArgumentException(
                $"The buffer holds {ElementCount} elements but the destination has room for {destination.Length}.",
                nameof(destination));
        }

        CopyToHost(MemoryMarshal.AsBytes(destination));
    }

    /// <summary>Copies the buffer's dense row-major bytes to a new array (any element type Axle can move, e.g. BF16).</summary>
    public byte[] ToBytes()
    {
        int size = PjrtElementTypes.ByteSize(ElementType);
        if (size == 0)
        {
            throw new NotSupportedException($"Element type {ElementType} cannot be copied to the host by Axle.");
        }

        var result = new byte[checked(ElementCount * size)];
        CopyToHost(result);
        return result;
    }

    /// <summary>Frees the device memory (now, or once a call using the buffer returns).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            handle.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        IsDisposed ? "PjrtBuffer(disposed)" : $"PjrtBuffer({PjrtElementTypes.Describe(ElementType, Dimensions)})";

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    private void CheckElementType<T>()
        where T : unmanaged
    {
        PjrtElementType requested = PjrtElementTypes.Of<T>();
        if (requested != ElementType)
        {
            throw new ArgumentException(
                $"The buffer holds {ElementType} elements; {typeof(T).Name} reads {requested}. Expected a type for {ElementType}, got {typeof(T).Name}.",
                nameof(T));
        }
    }

    private void CopyToHost(Span<byte> destination)
    {
        using SafeHandleRef use = Acquire();
        if (destination.IsEmpty)
        {
            return;
        }

        if (!Api.HasBufferToHost)
        {
            Api.Require(nameof(PJRT_Api.PJRT_Buffer_ToHostBuffer));
        }

        PJRT_Event* done;
        fixed (byte* target = destination)
        {
            var args = new PJRT_Buffer_ToHostBuffer_Args
            {
                struct_size = PjrtConstants.PJRT_Buffer_ToHostBuffer_Args_STRUCT_SIZE,
                src = handle.Buffer,
                dst = target,
                dst_size = (nuint)destination.Length,
            };
            Api.Check(Api.Raw->PJRT_Buffer_ToHostBuffer(&args));
            done = args.@event;

            // The copy lands in `destination` only when the event fires, so wait while it is pinned.
            PjrtEvents.AwaitAndDestroy(handle.ClientHandle, done);
        }
    }

    private PjrtElementType QueryElementType()
    {
        using SafeHandleRef use = Acquire();
        Api.Require(nameof(PJRT_Api.PJRT_Buffer_ElementType));
        var args = new PJRT_Buffer_ElementType_Args
        {
            struct_size = PjrtConstants.PJRT_Buffer_ElementType_Args_STRUCT_SIZE,
            buffer = handle.Buffer,
        };
        Api.Check(Api.Raw->PJRT_Buffer_ElementType(&args));
        return (PjrtElementType)(int)args.type;
    }

    private long[] QueryDimensions()
    {
        using SafeHandleRef use = Acquire();
        Api.Require(nameof(PJRT_Api.PJRT_Buffer_Dimensions));
        var args = new PJRT_Buffer_Dimensions_Args
        {
            struct_size = PjrtConstants.PJRT_Buffer_Dimensions_Args_STRUCT_SIZE,
            buffer = handle.Buffer,
        };
        Api.Check(Api.Raw->PJRT_Buffer_Dimensions(&args));
        return new ReadOnlySpan<long>(args.dims, checked((int)args.num_dims)).ToArray();
    }

    private long QuerySizeForGc()
    {
        // Memory pressure is a hint: when the type and shape are known (uploads, outputs of
        // programs) their dense size is good enough and spares a native query per buffer.
        if (elementType is { } known && dimensions is not null && PjrtElementTypes.ByteSize(known) is > 0 and var size)
        {
            return ElementCount * size;
        }

        if (Api.Has(nameof(PJRT_Api.PJRT_Buffer_OnDeviceSizeInBytes)))
        {
            try
            {
                return OnDeviceSizeInBytes;
            }
            catch (PjrtException)
            {
            }
        }

        return elementType is { } type && dimensions is not null
            ? ElementCount * PjrtElementTypes.ByteSize(type)
            : 0;
    }

    private SafeHandleRef Acquire()
    {
        ThrowIfDisposed();
        return SafeHandleRef.Take(handle);
    }
}
