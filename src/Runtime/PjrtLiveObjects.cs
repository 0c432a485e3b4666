namespace Axle.Runtime;

/// <summary>
/// Counts of native PJRT objects this process currently owns, per kind. A
/// diagnostic for leak checks: after every wrapper is disposed (or finalized)
/// all counts return to zero.
/// </summary>
public static class PjrtLiveObjects
{
    private static long clients;
    private static long loadedExecutables;
    private static long buffers;
    private static long events;

    /// <summary>Native clients not yet destroyed.</summary>
    public static long Clients => Interlocked.Read(ref clients);

    /// <summary>Native loaded executables not yet destroyed.</summary>
    public static long LoadedExecutables => Interlocked.Read(ref loadedExecutables);

    /// <summary>Native device buffers not yet destroyed.</summary>
    public static long Buffers => Interlocked.Read(ref buffers);

    /// <summary>Native events not yet destroyed.</summary>
    public static long Events => Interlocked.Read(ref events);

    internal static void ClientCreated() => Interlocked.Increment(ref clients);

    internal static void ClientDestroyed() => Interlocked.Decrement(ref clients);

    internal static void ExecutableCreated() => Interlocked.Increment(ref loadedExecutables);

    internal static void ExecutableDestroyed() => Interlocked.Decrement(ref loadedExecutables);

    internal static void BufferCreated() => Interlocked.Increment(ref buffers);

    internal static void BufferDestroyed() => Interlocked.Decrement(ref buffers);

    internal static void EventCreated() => Interlocked.Increment(ref events);

    internal static void EventDestroyed() => Interlocked.Decrement(ref events);
}
