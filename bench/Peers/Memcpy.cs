using System.Runtime.InteropServices;

namespace Axle.Bench.Peers;

/// <summary>
/// The memory-bandwidth limit: copying a buffer far larger than the caches, counted as bytes
/// read + bytes written per second. One thread and two (a copy per half) are both timed; the
/// limit is the faster, since a program may use both cores.
/// </summary>
internal static unsafe class Memcpy
{
    private const long Bytes = 256L << 20;

    /// <summary>(bandwidth in GB/s (10⁹ bytes/s) of the fastest copy, one-thread and two-thread timings) over 256 MiB copies.</summary>
    public static (double GBps, Timing One, Timing Two) Measure(Options o)
    {
        byte* src = (byte*)NativeMemory.AlignedAlloc((nuint)Bytes, 64), dst = (byte*)NativeMemory.AlignedAlloc((nuint)Bytes, 64);
        try
        {
            // Touch every page first so the timing sees no page faults.
            NativeMemory.Fill(src, (nuint)Bytes, 1);
            NativeMemory.Fill(dst, (nuint)Bytes, 2);
            var one = Peers.Measure.Time(o, () => NativeMemory.Copy(src, dst, (nuint)Bytes));
            long half = Bytes / 2;
            var two = Peers.Measure.Time(o, () => Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 },
                i => NativeMemory.Copy(src + i * half, dst + i * half, (nuint)half)));
            // A limit is the best the machine did, not its typical: the fastest copy counts.
            double best = Math.Min(one.MinMs, two.MinMs);
            return (2.0 * Bytes / (best * 1e-3) / 1e9, one, two);
        }
        finally
        {
            NativeMemory.AlignedFree(src);
            NativeMemory.AlignedFree(dst);
        }
    }

    /// <summary>Milliseconds to move <paramref name="bytes"/> (read + written) at <paramref name="gbps"/>.</summary>
    public static double FloorMs(double bytes, double gbps) => bytes / (gbps * 1e9) * 1e3;
}
