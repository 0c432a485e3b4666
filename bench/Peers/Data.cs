namespace Axle.Bench.Peers;

/// <summary>
/// Inputs both sides compute from the same formula (murmur3's finalizer of index + seed, scaled
/// into [-1, 1) in f64, then scaled, shifted and rounded once) — torch_bench.py's <c>unit</c> is the
/// same code in numpy — so no data files travel between the processes.
/// </summary>
internal static class Data
{
    public static double Unit(long index, uint seed)
    {
        unchecked
        {
            uint h = (uint)index + seed * 0x9E3779B9u;
            h ^= h >> 16;
            h *= 0x85EBCA6Bu;
            h ^= h >> 13;
            h *= 0xC2B2AE35u;
            h ^= h >> 16;
            return h / 4294967296.0 * 2 - 1;
        }
    }

    public static double[] F64(int n, uint seed, double scale = 1, double shift = 0)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = Unit(i, seed) * scale + shift;
        return a;
    }

    public static float[] F32(int n, uint seed, double scale = 1, double shift = 0)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(Unit(i, seed) * scale + shift);
        return a;
    }

    /// <summary>0/1 outcomes: 1 where the unit value is positive.</summary>
    public static double[] Bits(int n, uint seed)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = Unit(i, seed) > 0 ? 1 : 0;
        return a;
    }

    /// <summary>Class labels in [0, classes).</summary>
    public static int[] Labels(int n, uint seed, int classes)
    {
        var a = new int[n];
        for (int i = 0; i < n; i++) a[i] = Math.Min((int)Math.Floor((Unit(i, seed) + 1) * classes / 2), classes - 1);
        return a;
    }

    /// <summary>The flat indices compared with PyTorch (which returns only these values): 16 evenly spaced.</summary>
    public static long[] ProbeIndices(long count)
    {
        if (count <= 16) return Enumerable.Range(0, (int)count).Select(i => (long)i).ToArray();
        long step = count / 16;
        return Enumerable.Range(0, 16).Select(i => i * step).ToArray();
    }

    public static double[] Probe<T>(ReadOnlySpan<T> values) where T : unmanaged, IConvertible
    {
        var idx = ProbeIndices(values.Length);
        var r = new double[idx.Length];
        for (int i = 0; i < idx.Length; i++) r[i] = values[(int)idx[i]].ToDouble(null);
        return r;
    }
}
