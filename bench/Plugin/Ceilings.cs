// What the machine can do at best, measured in the same run as the plugin: memcpy bandwidth and
// OpenBLAS GEMM.
using System.Runtime.InteropServices;
using Axle.Bench.Peers;

namespace Axle.Bench.Plugin;

internal static unsafe class Ceilings
{
    /// <summary>
    /// Median seconds to copy <paramref name="bytes"/> bytes between two touched buffers: the faster
    /// of one thread and one thread per core (each copying its share), as the plugin may use every core.
    /// </summary>
    public static double MemcpySeconds(long bytes, int reps)
    {
        byte* src = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64), dst = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        try
        {
            NativeMemory.Fill(src, (nuint)bytes, 1);
            NativeMemory.Fill(dst, (nuint)bytes, 2);
            double single = Timing.MedianSeconds(reps, () => NativeMemory.Copy(src, dst, (nuint)bytes));
            int parts = Environment.ProcessorCount;
            long share = (bytes / parts + 63) / 64 * 64;
            double parallel = Timing.MedianSeconds(reps, () => Parallel.For(0, parts, p =>
            {
                long start = p * share, n = Math.Min(share, bytes - start);
                if (n > 0) NativeMemory.Copy(src + start, dst + start, (nuint)n);
            }));
            return Math.Min(single, parallel);
        }
        finally
        {
            NativeMemory.AlignedFree(src);
            NativeMemory.AlignedFree(dst);
        }
    }

    /// <summary>Median seconds of batch × (m×k · k×n) through OpenBLAS, one gemm call per batch entry.</summary>
    public static double GemmSeconds(bool f64, int batch, int m, int k, int n, int reps)
    {
        if (f64)
        {
            double[] a = Peers.Data.F64(batch * m * k, 1), b = Peers.Data.F64(batch * k * n, 2), c = new double[batch * m * n];
            return Timing.MedianSeconds(reps, () =>
            {
                for (int p = 0; p < batch; p++)
                    OpenBlas.Gemm(a.AsSpan(p * m * k, m * k), b.AsSpan(p * k * n, k * n), c.AsSpan(p * m * n, m * n), m, n, k);
            });
        }
        float[] af = Peers.Data.F32(batch * m * k, 1), bf = Peers.Data.F32(batch * k * n, 2), cf = new float[batch * m * n];
        return Timing.MedianSeconds(reps, () =>
        {
            for (int p = 0; p < batch; p++)
                OpenBlas.Gemm(af.AsSpan(p * m * k, m * k), bf.AsSpan(p * k * n, k * n), cf.AsSpan(p * m * n, m * n), m, n, k);
        });
    }
}
