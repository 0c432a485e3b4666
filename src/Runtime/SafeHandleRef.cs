using System.Runtime.InteropServices;

namespace Axle.Runtime;

/// <summary>
/// A reference held on a <see cref="SafeHandle"/> for the span of a native
/// call, so a concurrent Dispose cannot free the object mid-call.
/// </summary>
internal readonly struct SafeHandleRef : IDisposable
{
    private readonly SafeHandle? handle;

    private SafeHandleRef(SafeHandle handle)
    {
        this.handle = handle;
    }

    /// <summary>Adds a reference; throws <see cref="ObjectDisposedException"/> if the handle is already released.</summary>
    internal static SafeHandleRef Take(SafeHandle handle)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        return new SafeHandleRef(handle);
    }

    /// <inheritdoc/>
    public void Dispose() => handle?.DangerousRelease();
}
