namespace Axle.Bench.Plugin;

/// <summary>
/// A benchmark of a wrong kernel is worthless: every output is compared with a plain C# loop
/// before its time is reported.
/// </summary>
internal static class Check
{
    private static void Near(double actual, double expected, double rel, string what)
    {
        if (!(Math.Abs(actual - expected) <= rel * Math.Max(1, Math.Abs(expected))))
            throw new InvalidOperationException($"{what}: expected {expected}, got {actual}");
    }

    public static void Elementwise(float[] output, float[] x, float[] y, string? op)
    {
        for (long i = 0; i < x.Length; i += 997)
        {
            double v = ((x[i] * (double)y[i] + 0.5) * x[i] - y[i]) * 1.25;
            v = op switch { null => Math.Max(v, x[i]), "tanh" => Math.Tanh(v), _ => Math.Exp(v) };
            Near(output[i], v / 3, 1e-5, $"elementwise {op ?? "chain"} [{i}]");
        }
    }

    public static void RowReduce(float[] output, float[] x, int n, string label)
    {
        for (int r = 0; r < n; r += 61)
        {
            double sum = 0, max = double.NegativeInfinity;
            for (int c = 0; c < n; c++) { sum += x[(long)r * n + c]; max = Math.Max(max, x[(long)r * n + c]); }
            double lse = 0;
            for (int c = 0; c < n; c++) lse += Math.Exp(x[(long)r * n + c] - max);
            double expected = label switch { "row sum" => sum, "row max" => max, _ => max + Math.Log(lse) };
            Near(output[r], expected, label == "row sum" ? 1e-3 : 1e-5, $"{label} [{r}]");
        }
    }

    public static void MatMul(Run run, double[] a, double[] b, int batch, int m, int k, int n, bool f64)
    {
        double[] c = f64 ? run.Output<double>() : run.Output<float>().Select(v => (double)v).ToArray();
        var rng = new Random(9);
        for (int t = 0; t < 200; t++)
        {
            int p = rng.Next(batch), i = rng.Next(m), j = rng.Next(n);
            double expected = 0;
            for (int q = 0; q < k; q++)
            {
                double x = a[((long)p * m + i) * k + q], y = b[((long)p * k + q) * n + j];
                expected += f64 ? x * y : (float)x * (double)(float)y;
            }
            Near(c[((long)p * m + i) * n + j], expected, f64 ? 1e-12 : 1e-4, $"dot [{p},{i},{j}]");
        }
    }
}
