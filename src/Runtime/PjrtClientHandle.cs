using System.Runtime.InteropServices;
using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// Owns a native <c>PJRT_Client</c>. Buffers, executables and events add a
/// reference to this handle, so the native client is destroyed only after the
/// last of them is released, whatever order disposal or finalization runs in.
/// </summary>
internal sealed unsafe class PjrtClientHandle : SafeHandle
{
    internal PjrtClientHandle(PjrtApi api, PJRT_Client* client)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        Api = api;
        SetHandle((IntPtr)client);
        PjrtLiveObjects.ClientCreated();
    }

    /// <summary>The plugin the client came from.</summary>
    internal PjrtApi Api { get; }

    /// <summary>The native client; valid while a reference is held on this handle.</summary>
    internal PJRT_Client* Client => (PJRT_Client*)handle;

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        var args = new PJRT_Client_Destroy_Args
        {
            struct_size = PjrtConstants.PJRT_Client_Destroy_Args_STRUCT_SIZE,
            client = Client,
        };
        // A failed destroy cannot be reported from here (it may run on the finalizer thread).
        Api.Destroy(Api.Raw->PJRT_Client_Destroy(&args));
        PjrtLiveObjects.ClientDestroyed();
        return true;
    }
}
