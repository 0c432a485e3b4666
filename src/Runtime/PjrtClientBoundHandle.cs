using System.Runtime.InteropServices;

namespace Axle.Runtime;

/// <summary>
/// Base of handles to native objects that belong to a client (buffers,
/// executables, events). Each holds a reference on the client handle from
/// construction until its own native object is destroyed, so the client can
/// never be destroyed first, not even by finalizers.
/// </summary>
internal abstract class PjrtClientBoundHandle : SafeHandle
{
    private int clientReleased;

    /// <summary>
    /// Takes a reference on <paramref name="client"/> and owns <paramref name="native"/>.
    /// Callers hold their own reference on the client during the native call
    /// that produced <paramref name="native"/>, so adding one here cannot fail.
    /// </summary>
    protected PjrtClientBoundHandle(PjrtClientHandle client, IntPtr native)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        bool added = false;
        client.DangerousAddRef(ref added);
        ClientHandle = client;
        SetHandle(native);
    }

    /// <summary>The client this object belongs to.</summary>
    internal PjrtClientHandle ClientHandle { get; }

    /// <summary>The plugin's function table.</summary>
    internal PjrtApi Api => ClientHandle.Api;

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Destroys the native object; called exactly once.</summary>
    protected abstract void DestroyNative();

    /// <inheritdoc/>
    protected sealed override bool ReleaseHandle()
    {
        try
        {
            DestroyNative();
        }
        finally
        {
            ReleaseClient();
        }

        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        // An invalid handle never reaches ReleaseHandle, but it still holds its client reference.
        if (IsInvalid)
        {
            ReleaseClient();
        }

        base.Dispose(disposing);
    }

    private void ReleaseClient()
    {
        if (Interlocked.Exchange(ref clientReleased, 1) == 0)
        {
            ClientHandle.DangerousRelease();
        }
    }
}
