using System.Runtime.InteropServices;
using Axle.Runtime;

namespace Axle;

/// <summary>
/// An n-dimensional array. A concrete tensor holds its values (on the default device, or on the
/// host until a program needs them); a traced tensor stands for a value inside a transform
/// (<c>Ax.Jit</c>, <c>Ax.Grad</c>, ...) and has only a dtype and shape. Tensors are immutable;
/// dispose concrete ones to free device memory promptly (the finalizer of the buffer frees it otherwise).
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly object _gate = new();
    private readonly double? _exact;
    private PjrtBuffer? _buffer;
    private byte[]? _host;
    private int _disposed;

    internal Tensor(Aval aval, byte[] host, double? exact = null)
    {
        if (host.Length != (long)aval.Shape.ElementCount * aval.DType.ByteSize())
            throw new ArgumentException($"{aval} needs {aval.Shape.ElementCount * aval.DType.ByteSize()} bytes; got {host.Length}", nameof(host));
        Aval = aval;
        _host = host;
        _exact = exact;
    }

    internal Tensor(Aval aval, PjrtBuffer buffer)
    {
        Aval = aval;
        _buffer = buffer;
    }

    internal Tensor(TracerState tracer)
    {
        Aval = tracer.Aval;
        Tracer = tracer;
    }

    internal Aval Aval { get; }

    /// <summary>For a traced tensor, the trace's view of it; null for a concrete tensor.</summary>
    internal TracerState? Tracer { get; }

    internal bool IsTraced => Tracer is not null;

    /// <summary>A concrete scalar whose value is on the host (C# literals, <c>Tensor.From(3.0f)</c>).</summary>
    internal bool IsHostScalar => Tracer is null && Aval.Rank == 0 && Volatile.Read(ref _host) is not null;

    /// <summary>The element type.</summary>
    public DType DType => Aval.DType;

    /// <summary>The shape.</summary>
    public Shape Shape => Aval.Shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => Aval.Rank;

    /// <summary>
    /// True for weakly typed values (C# numeric literals and what is computed only from them):
    /// in a binary op they take the other operand's dtype, as in JAX.
    /// </summary>
    public bool IsWeak => Aval.Weak;

    /// <summary>The device buffer, uploading host data on first use.</summary>
    internal PjrtBuffer Buffer
    {
        get
        {
            ThrowIfDisposed();
            if (Tracer is not null) throw new InvalidOperationException($"a traced tensor {Aval} has no device buffer");
            // Set once and cleared only by Dispose: a buffer read here without the lock is either
            // current or disposed, and a disposed one fails the next native call as disposed.
            if (Volatile.Read(ref _buffer) is { } uploaded) return uploaded;
            lock (_gate)
            {
                if (_buffer is null)
                {
                    _buffer = Backend.Client.BufferFromHost(_host!, DType.ToPjrt(), Shape.ToLongs());
                    // Scalars keep their host copy: they can still become literals in a graph.
                    if (Rank > 0) _host = null;
                }
                return _buffer;
            }
        }
    }

    /// <summary>The dense row-major little-endian bytes (downloads from the device if needed).</summary>
    internal byte[] HostBytes()
    {
        ThrowIfDisposed();
        ThrowIfTraced("read the value of");
        lock (_gate)
        {
            if (_host is not null) return _host;
            if (Shape.ElementCount == 0) return [];
            return _buffer!.ToBytes();
        }
    }

    /// <summary>A host scalar converted to <paramref name="to"/> on the host (no program runs).</summary>
    internal Tensor HostConvert(Aval to)
    {
        byte[] bytes = _exact is double d ? HostData.FromDouble(to.DType, d) : HostData.Convert(HostBytes(), DType, to.DType);
        return new Tensor(to, bytes, to.DType.IsFloat() ? _exact : null);
    }

    /// <summary>Copies the values to a new row-major array, converting to <typeparamref name="T"/> like numpy's <c>astype</c>.</summary>
    /// <exception cref="InvalidOperationException">The tensor is traced.</exception>
    /// <exception cref="ObjectDisposedException">The tensor has been disposed.</exception>
    public T[] ToArray<T>() where T : unmanaged
    {
        DType target = DTypes.Of<T>();
        byte[] bytes = HostBytes();
        byte[] converted = target == DType ? bytes : HostData.Convert(bytes, DType, target);
        return MemoryMarshal.Cast<byte, T>(converted).ToArray();
    }

    /// <summary>The single value of a one-element tensor, converted to <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The tensor is traced or has more than one element.</exception>
    public T Item<T>() where T : unmanaged
    {
        ThrowIfDisposed();
        ThrowIfTraced("read the value of");
        if (Shape.ElementCount != 1)
            throw new InvalidOperationException($"Item needs a tensor with one element; this one has shape {Shape}");
        return ToArray<T>()[0];
    }

    /// <summary>Waits until the tensor's value has been computed.</summary>
    public void BlockUntilReady()
    {
        ThrowIfDisposed();
        ThrowIfTraced("wait for");
        // Execution through the runtime returns only after outputs are ready; nothing more to wait for.
    }

    /// <summary>Frees the device buffer. Using the tensor afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_gate)
        {
            _buffer?.Dispose();
            _buffer = null;
            _host = null;
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private void ThrowIfTraced(string what)
    {
        if (Tracer is not null)
            throw new InvalidOperationException(
                $"cannot {what} a traced tensor {Aval} inside Jit/Grad/Vmap: its value is known only when the compiled program runs");
    }
}
