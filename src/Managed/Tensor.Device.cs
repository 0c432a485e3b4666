using Axle.Runtime;

namespace Axle;

public sealed partial class Tensor
{
    /// <summary>
    /// The device holding the values: where the buffer is, or the default device for values
    /// still on the host (they go there on first use).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is traced.</exception>
    public PjrtDevice Device
    {
        get
        {
            ThrowIfDisposed();
            ThrowIfTraced("ask the device of");
            PjrtBuffer? buffer = Volatile.Read(ref _buffer);
            return buffer is null ? Backend.DefaultDevice : buffer.Device;
        }
    }

    /// <summary>
    /// The same values on <paramref name="device"/>: this tensor when already there, else a
    /// copy (through the host, which every plugin supports). Compiled functions run on the
    /// default device, so their arguments are best left there; this is for placing data.
    /// </summary>
    /// <param name="device">A device of the default client (<see cref="Ax.Devices"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="device"/> belongs to another client.</exception>
    /// <exception cref="InvalidOperationException">The tensor is traced.</exception>
    public Tensor To(PjrtDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        ThrowIfDisposed();
        ThrowIfTraced("move");
        if (!ReferenceEquals(device.Client, Backend.Client))
            throw new ArgumentException(
                $"device {device} belongs to the client on '{device.Client.Plugin.Path}', not the default one on '{Backend.Client.Plugin.Path}'",
                nameof(device));
        if (ReferenceEquals(Device, device)) return this;
        PjrtBuffer copy = Backend.Client.BufferFromHost(HostBytes(), DType.ToPjrt(), Shape.ToLongs(), device);
        return new Tensor(Aval, copy);
    }
}
