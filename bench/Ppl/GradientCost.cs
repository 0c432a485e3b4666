using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using Axle.Bench.Ppl.Workloads;

namespace Axle.Bench.Ppl;

/// <summary>
/// Issue 16, item 5: the seed model's log-density and gradient inside a compiled loop (what a NUTS leapfrog step pays),
/// in nanoseconds per gradient, beside a well-written C# loop doing the same arithmetic with
/// <see cref="TensorPrimitives"/> for the vector work. Target: Axle ≤ 1.2× the C# loop. One chain, one thread.
/// </summary>
internal static class GradientCost
{
    private const int Steps = 4000, Repeats = 9;
    private const int D = SeedWorkload.D, Train = SeedWorkload.Train, Dim = 1 + 2 * D;

    public static string Measure(Action<string> log)
    {
        var workload = SeedWorkload.Create();
        var (x, y) = SeedWorkload.TrainingData();
        var valueAndGrad = Ax.ValueAndGrad(workload.LogDensity);
        // A gradient-ascent walk with a tiny step: every step's gradient depends on the previous one, as in a leapfrog
        // trajectory, and the position stays where the numbers are meaningful.
        var walk = Ax.Jit((Tensor q0) => Ax.ForiLoop(0, Steps, (i, s) =>
        {
            var (v, g) = valueAndGrad(s[0]);
            return [s[0] + 1e-6 * g, s[1] + v];
        }, [q0, Tensor.From(0.0)])[1]);
        using Tensor start = Rng.Uniform(Rng.Key(5), [Dim], DType.F64, -1.0, 1.0);
        double[] u0 = start.ToArray<double>();

        // Same values first: a fast wrong gradient would prove nothing.
        var (lpAxle, gradAxle) = Ax.Jit(valueAndGrad)(start);
        var csharp = new SeedGradient(x, y);
        double[] gradCs = new double[Dim];
        double lpCs = csharp.Evaluate(u0, gradCs);
        double gradError = gradAxle.ToArray<double>().Zip(gradCs, (a, c) => Math.Abs(a - c) / Math.Max(1, Math.Abs(c))).Max();
        double lpError = Math.Abs(lpAxle.Item<double>() - lpCs) / Math.Max(1, Math.Abs(lpCs));
        if (gradError > 1e-9 || lpError > 1e-9)
            throw new InvalidOperationException($"Axle and C# disagree on the seed gradient: relative errors log-density {lpError:G3}, gradient {gradError:G3}");

        walk(start).Dispose(); // compile and warm
        var axleNs = new List<double>();
        var csNs = new List<double>();
        double[] u = new double[Dim], grad = new double[Dim];
        for (int r = 0; r < Repeats; r++)
        {
            // Alternating the two, so that load on the shared machine hits both alike.
            var clock = Stopwatch.StartNew();
            walk(start).Dispose();
            axleNs.Add(clock.Elapsed.TotalNanoseconds / Steps);
            u0.CopyTo(u, 0);
            double sum = 0;
            clock.Restart();
            for (int k = 0; k < Steps; k++)
            {
                sum += csharp.Evaluate(u, grad);
                TensorPrimitives.MultiplyAdd(grad, 1e-6, u, u);
            }
            csNs.Add(clock.Elapsed.TotalNanoseconds / Steps);
            GC.KeepAlive(sum);
        }
        double axleMin = axleNs.Min(), csMin = csNs.Min(), axleMedian = Median(axleNs), csMedian = Median(csNs);
        log($"gradient: Axle {axleMin:0} ns (median {axleMedian:0}), C# {csMin:0} ns (median {csMedian:0}), ratio {axleMin / csMin:0.00}");
        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        double ratio = axleMin / csMin;
        var sb = new StringBuilder();
        sb.AppendLine("| quantity | Axle (compiled loop, `Ax.ValueAndGrad`) | C# loop (`TensorPrimitives`) | Axle ÷ C# | target | result |");
        sb.AppendLine("|---|--:|--:|--:|---|---|");
        sb.AppendLine($"| ns per gradient, best of {Repeats} × {Steps} steps | {F(axleMin, "0")} | {F(csMin, "0")} | {F(ratio, "0.00")}× | ≤ 1.2× | {(ratio <= 1.2 ? "PASS" : "MISS")} |");
        sb.AppendLine($"| ns per gradient, median | {F(axleMedian, "0")} | {F(csMedian, "0")} | {F(axleMedian / csMedian, "0.00")}× | | |");
        sb.AppendLine();
        sb.AppendLine($"Both on (log tau, log lambda[{D}], z[{D}]) at one start point: relative differences log-density {lpError:G2}, gradient {gradError:G2}.");
        return sb.ToString();
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
