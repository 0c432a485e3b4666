using static Axle.Ops;

namespace Axle.Bench.Plugin;

/// <summary>The seed's horseshoe log-density and its gradient, as Axle emits them for the plugin.</summary>
internal static class SeedModel
{
    public static string LogDensityAndGradText(int n, int d)
    {
        var density = Peers.Workloads.SeedModel.NonCenteredLogDensity(DType.F64);
        Tensor x = Zeros([n, d], DType.F64), yData = Zeros([n], DType.F64);
        Tensor Density(Tensor theta) => density(x, theta[0], theta[1..(1 + d)], theta[(1 + d)..], yData);
        var valueAndGrad = Ax.ValueAndGrad((Func<Tensor, Tensor>)Density);
        Func<Tensor, Tensor[]> both = theta =>
        {
            var (value, grad) = valueAndGrad(theta);
            return [value, grad];
        };
        return Ax.Lower(both, Zeros([1 + 2 * d], DType.F64)).AsText();
    }
}
