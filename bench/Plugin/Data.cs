using Axle.Runtime;

namespace Axle.Bench.Plugin;

/// <summary>Seeded inputs, uploaded to the plugin.</summary>
internal static class Data
{
    public static float[] Floats(long n, int seed, float lo, float hi)
    {
        var rng = new Random(seed);
        var a = new float[n];
        for (long i = 0; i < n; i++) a[i] = lo + (hi - lo) * rng.NextSingle();
        return a;
    }

    public static double[] Doubles(long n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n];
        for (long i = 0; i < n; i++) a[i] = rng.NextDouble() - 0.5;
        return a;
    }

    public static PjrtClient Client { get; set; } = null!;

    public static PjrtBuffer F32(float[] data, params long[] dims) => Client.BufferFromHost<float>(data, dims);

    public static PjrtBuffer F64(double[] data, params long[] dims) => Client.BufferFromHost<double>(data, dims);
}
