using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>A function of the gradient-check table: one F64 argument drawn uniformly from [Lo, Hi].</summary>
public sealed record AdCase(string Name, Func<Tensor, Tensor> F, double Lo = -2, double Hi = 2, params int[] Shape)
{
    public override string ToString() => Name;
}

/// <summary>
/// Gradient checks against central finite differences in F64. A vector-valued f is checked
/// through the scalar <c>sum(f(x) * w)</c> with random weights; the derivative along a random
/// direction v from Grad (g·v) and from Jvp must both match <c>(s(x + hv) - s(x - hv)) / 2h</c>.
/// Everything runs jitted (one program per checked function), so the table stays fast.
/// </summary>
internal static class AdHarness
{
    public const double Tolerance = 1e-6;

    public static void Check(AdCase c, int seed = 7)
    {
        var rng = new Random(seed);
        int[] shape = c.Shape.Length == 0 ? [3, 4] : c.Shape;
        int n = shape.Aggregate(1, (a, b) => a * b);
        double[] x0 = Draw(rng, n, c.Lo, c.Hi);
        double[] v = Draw(rng, n, -1, 1);
        var x = Tensor.From(x0, shape);
        var y = Ax.Jit(c.F)(x);
        var w = Tensor.From(Draw(rng, y.Shape.ElementCount, -1, 1), y.Shape.ToArray());
        Func<Tensor, Tensor> s = t => Sum(c.F(t) * w);
        var js = Ax.Jit(s);

        double fd = DirectionalFd(js, x0, v, shape);
        double[] g = Ax.Jit(Ax.Grad(s))(x).ToArray<double>();
        double gv = g.Zip(v, (a, b) => a * b).Sum();
        var vt = Tensor.From(v, shape);
        double jv = Ax.Jit((Tensor t) => Ax.Jvp(s, t, vt).Tangent)(x).Item<double>();
        AssertClose(fd, gv, $"{c.Name}: grad·v");
        AssertClose(fd, jv, $"{c.Name}: jvp");
    }

    public static double DirectionalFd(Func<Tensor, Tensor> f, double[] x0, double[] v, int[] shape, double h = 1e-5)
    {
        var plus = Tensor.From(x0.Zip(v, (a, b) => a + h * b).ToArray(), shape);
        var minus = Tensor.From(x0.Zip(v, (a, b) => a - h * b).ToArray(), shape);
        return (f(plus).Item<double>() - f(minus).Item<double>()) / (2 * h);
    }

    /// <summary>The gradient of f at x by central differences, element by element.</summary>
    public static double[] FdGradient(Func<Tensor, Tensor> f, double[] x0, int[] shape, double h = 1e-5)
    {
        var g = new double[x0.Length];
        for (int i = 0; i < x0.Length; i++)
        {
            var e = new double[x0.Length];
            e[i] = 1;
            g[i] = DirectionalFd(f, x0, e, shape, h);
        }
        return g;
    }

    public static void AssertClose(double expected, double actual, string what, double tol = Tolerance)
    {
        double err = Math.Abs(expected - actual) / Math.Max(1, Math.Abs(expected));
        Assert.True(err < tol, $"{what}: expected {expected:R}, got {actual:R} (relative error {err:E2})");
    }

    public static void AssertClose(double[] expected, double[] actual, string what, double tol = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], actual[i], $"{what}[{i}]", tol);
    }

    public static double[] Draw(Random rng, int n, double lo, double hi) =>
        Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * rng.NextDouble()).ToArray();
}
