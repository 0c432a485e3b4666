using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>
/// Derivatives of the LU-based linear algebra (through lu's jvp), of digamma (through
/// polygamma), and of products with exact zeros, against finite differences in F64.
/// </summary>
public class AdLinalgTests
{
    // Built per use: a static tensor first touched inside a trace would be a tracer of that trace.
    private static Tensor Shift => 3.0 * Identity(3, DType.F64);
    private static Tensor B => Tensor.From(new double[] { 1, -2, 0.5, 0.3, 1.1, -0.7 }, 3, 2);

    public static TheoryData<AdCase> Cases() =>
    [
        new("lu_factors", x => Lu(x + Shift).Lu, Shape: [3, 3]),
        new("lu_pivoting", x => Lu(x).Lu, -2, 2, 4, 4),
        new("lu_tall", x => Lu(x).Lu, -2, 2, 4, 3),
        new("lu_wide", x => Lu(x).Lu, -2, 2, 3, 4),
        new("lu_batched", x => Lu(x + Identity(3, DType.F64)).Lu, -1, 1, 2, 3, 3),
        new("det", x => Det(x + Shift), Shape: [3, 3]),
        new("det_pivoting", x => Det(x), -2, 2, 4, 4),
        new("inv", x => Inv(x + Shift), Shape: [3, 3]),
        new("solve_a", x => Solve(x + Shift, B), Shape: [3, 3]),
        new("solve_b", x => Solve(Tensor.From(new double[] { 2, 1, 0, -1, 3, 1, 0.5, 0, 4 }, 3, 3), x), Shape: [3, 2]),
        new("solve_vec_both", x => Solve(x + Shift, Sin(x[0])), Shape: [3, 3]),
        new("slogdet", x => SlogDet(x + Shift).LogAbsDet, Shape: [3, 3]),
        new("slogdet_batched", x => SlogDet(x).LogAbsDet * SlogDet(x).Sign, -2, 2, 2, 3, 3),
        new("digamma", Digamma, 0.3, 5),
        new("digamma_negative", Digamma, -2.9, -2.1),
        new("trigamma", Trigamma, 0.3, 5),
        new("polygamma3_negative", x => Polygamma(3, x), -0.9, -0.1),
        new("prod_with_zeros", x => Prod(x * Tensor.From(new double[] { 1, 0, 1, 1 }), 1)),
        new("prod_two_zeros", x => Prod(x * Tensor.From(new double[] { 0, 1, 0, 1 }), 1) + Sum(Prod(x, 0))),
        new("prod_all_axes_odd", x => Prod(x), 0.5, 1.5, 3, 5),
        new("prod_axes_0_2", x => Prod(x, [0, 2]), 0.5, 1.5, 3, 2, 5),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchFiniteDifferences(AdCase c) => AdHarness.Check(c);

    [Fact]
    public void PolygammaMatchesKnownValues()
    {
        var x = Tensor.From(new double[] { 1, 0.5, -0.5, 10, 1e6 });
        double[] trigamma = [Math.PI * Math.PI / 6, Math.PI * Math.PI / 2, Math.PI * Math.PI / 2 + 4, 0.10516633568168575, 1.0000005000001667e-6];
        Relative(trigamma, Trigamma(x).ToArray<double>(), "trigamma");
        // ψ⁽²⁾(1) = -2ζ(3), ψ⁽²⁾(1/2) = -14ζ(3), ψ⁽³⁾(1) = π⁴/15.
        var one = Tensor.From(new double[] { 1, 0.5 });
        Relative([-2 * 1.2020569031595942, -14 * 1.2020569031595942], Polygamma(2, one).ToArray<double>(), "psi2");
        Relative([Math.Pow(Math.PI, 4) / 15], Polygamma(3, Tensor.From(new double[] { 1 })).ToArray<double>(), "psi3");
        Assert.True(double.IsPositiveInfinity(Trigamma(Tensor.From(-2.0)).Item<double>()));
        Assert.True(double.IsNaN(Polygamma(2, Tensor.From(0.0)).Item<double>()));
        Assert.Throws<ArgumentException>(() => Polygamma(11, x));
    }

    [Fact]
    public void ProdGradientIsExactAtZeros()
    {
        var x = Tensor.From(new double[] { 2, 0, 3, 5, 0, 0, 1, 4, -1 }, 3, 3);
        var g = Ax.Grad((Tensor t) => Sum(Prod(t, 1)))(x).ToArray<double>();
        // Row 0 has one zero: only its slot gets the product of the others. Row 1 has two: all zero.
        Assert.Equal(new double[] { 0, 6, 0, 0, 0, 0, -4, -1, 4 }, g);
        var h = Ax.Hessian((Tensor t) => Prod(t))(Tensor.From(new double[] { 2, 0, 3 })).ToArray<double>();
        Assert.Equal(new double[] { 0, 3, 0, 3, 0, 2, 0, 2, 0 }, h);
        var (y, dy) = Ax.Jvp((Tensor t) => Prod(t), Tensor.From(new double[] { 0, 2, 0 }), Tensor.From(new double[] { 1, 1, 1 }));
        Assert.Equal(0.0, y.Item<double>());
        Assert.Equal(0.0, dy.Item<double>());
    }

    [Fact]
    public void DigammaSecondDerivativeIsPolygamma2()
    {
        var x0 = Tensor.From(new double[] { 0.7, 2.5, -1.5 });
        var h = Ax.Jit(Ax.Grad((Tensor t) => Sum(Ax.Grad((Tensor u) => Sum(Digamma(u)))(t))))(x0).ToArray<double>();
        AdHarness.AssertClose(Polygamma(2, x0).ToArray<double>(), h, "digamma''", 1e-12);
    }

    private static void Relative(double[] expected, double[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-12 * Math.Abs(expected[i]), $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
