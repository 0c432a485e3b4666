using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>Host-to-device copies (<c>PJRT_Client_BufferFromHostBuffer</c>).</summary>
internal static unsafe class PjrtHostTransfer
{
    /// <summary>
    /// Copies dense row-major bytes to a device. The plugin copies during the
    /// call (<c>ImmutableOnlyDuringCall</c>), and the done-with-host event is
    /// awaited anyway, so the caller's memory is free when this returns.
    /// </summary>
    internal static PjrtBuffer Upload(PjrtClient client, ReadOnlySpan<byte> bytes, PjrtElementType type, ReadOnlySpan<long> dimensions, PjrtDevice? device)
    {
        client.ThrowIfDisposed();
        if (device is not null && device.Client != client)
        {
            throw new ArgumentException($"Device {device} belongs to another client.", nameof(device));
        }

        device ??= client.AddressableDevices.Count > 0
            ? client.AddressableDevices[0]
            : throw new InvalidOperationException("The client has no addressable device.");
        PjrtApi api = client.Api;
        PjrtClientHandle handle = client.Handle;
        if (!api.HasBufferFromHost || !api.HasBufferDestroy)
        {
            api.Require(nameof(PJRT_Api.PJRT_Client_BufferFromHostBuffer));
            api.Require(nameof(PJRT_Api.PJRT_Buffer_Destroy));
        }

        long[] shape = dimensions.ToArray();

        using (SafeHandleRef.Take(handle))
        {
            byte placeholder = 0;
            PJRT_Buffer* native;
            PJRT_Event* doneWithHost;
            fixed (byte* data = bytes)
            fixed (long* dims = shape)
            {
                var args = new PJRT_Client_BufferFromHostBuffer_Args
                {
                    struct_size = PjrtConstants.PJRT_Client_BufferFromHostBuffer_Args_STRUCT_SIZE,
                    client = handle.Client,
                    // Empty spans pin to null; plugins may treat null data as an error even for zero elements.
                    data = data != null ? data : &placeholder,
                    type = (PJRT_Buffer_Type)(int)type,
                    dims = dims,
                    num_dims = (nuint)shape.Length,
                    host_buffer_semantics = PJRT_HostBufferSemantics.PJRT_HostBufferSemantics_kImmutableOnlyDuringCall,
                    device = device.Native,
                };
                api.Check(api.Raw->PJRT_Client_BufferFromHostBuffer(&args));
                native = args.buffer;
                doneWithHost = args.done_with_host_buffer;
            }

            PjrtBufferHandle? bufferHandle = native != null ? new PjrtBufferHandle(handle, native) : null;
            try
            {
                PjrtEvents.AwaitAndDestroy(handle, doneWithHost);
                if (bufferHandle is null)
                {
                    throw new PjrtException(PjrtErrorCode.Internal, "PJRT_Client_BufferFromHostBuffer returned no buffer and no error.");
                }

                return new PjrtBuffer(client, bufferHandle, type, shape);
            }
            catch
            {
                bufferHandle?.Dispose();
                throw;
            }
        }
    }
}
