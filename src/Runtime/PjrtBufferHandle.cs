using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>Owns a native <c>PJRT_Buffer</c> and reports its size to the GC.</summary>
internal sealed unsafe class PjrtBufferHandle : PjrtClientBoundHandle
{
    private long reportedBytes;

    internal PjrtBufferHandle(PjrtClientHandle client, PJRT_Buffer* buffer)
        : base(client, (IntPtr)buffer)
    {
        PjrtLiveObjects.BufferCreated();
    }

    /// <summary>The native buffer; valid while this handle is open.</summary>
    internal PJRT_Buffer* Buffer => (PJRT_Buffer*)handle;

    /// <summary>Tells the GC this buffer holds <paramref name="bytes"/> of native memory (once).</summary>
    internal void ReportSize(long bytes)
    {
        if (bytes > 0 && Interlocked.CompareExchange(ref reportedBytes, bytes, 0) == 0)
        {
            GC.AddMemoryPressure(bytes);
        }
    }

    /// <inheritdoc/>
    protected override void DestroyNative()
    {
        var args = new PJRT_Buffer_Destroy_Args
        {
            struct_size = PjrtConstants.PJRT_Buffer_Destroy_Args_STRUCT_SIZE,
            buffer = Buffer,
        };
        Api.Destroy(Api.Raw->PJRT_Buffer_Destroy(&args));
        long bytes = Interlocked.Exchange(ref reportedBytes, 0);
        if (bytes > 0)
        {
            GC.RemoveMemoryPressure(bytes);
        }

        PjrtLiveObjects.BufferDestroyed();
    }
}
