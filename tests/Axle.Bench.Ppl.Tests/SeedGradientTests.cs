using Axle.Bench.Ppl.Workloads;

namespace Axle.Bench.Ppl.Tests;

/// <summary>The hand-written C# seed gradient, the yardstick of Axle's gradient cost, computes what Axle computes.</summary>
public class SeedGradientTests
{
    [Fact]
    public void MatchesAxlesLogDensityAndGradientAtRandomPoints()
    {
        var workload = SeedWorkload.Create();
        var (x, y) = SeedWorkload.TrainingData();
        var valueAndGrad = Ax.Jit(Ax.ValueAndGrad(workload.LogDensity));
        var csharp = new SeedGradient(x, y);
        var grad = new double[workload.Dim];
        for (int k = 0; k < 5; k++)
        {
            using Tensor u = Rng.Uniform(Rng.Key(k), [workload.Dim], DType.F64, -2.0, 2.0);
            var (lp, g) = valueAndGrad(u);
            double lpCs = csharp.Evaluate(u.ToArray<double>(), grad);
            Assert.Equal(lp.Item<double>(), lpCs, 1e-9 * Math.Max(1, Math.Abs(lpCs)));
            double[] expected = g.ToArray<double>();
            for (int j = 0; j < expected.Length; j++)
                Assert.Equal(expected[j], grad[j], 1e-9 * Math.Max(1, Math.Abs(expected[j])));
        }
    }
}
