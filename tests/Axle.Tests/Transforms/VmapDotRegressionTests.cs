using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>
/// Issue 5: <c>Jit(Vmap(ValueAndGrad(x => -0.5 * Dot(x, MatMul(P, x)))))</c> gave wrong gradients.
/// The batching and transpose rules were right (eager Vmap was correct); the compiled program
/// was wrong: a dot_general without contracting dimensions (the scalar cotangent times a batch
/// of vectors) read its zero-filled output in its payload, and linalg's elementwise fusion bound
/// that read to the accumulator of the contraction it was fused into.
/// </summary>
public class VmapDotRegressionTests
{
    private const int N = 5;

    // The AR(1) correlation matrix 0.6^|i-j|; its inverse is tridiagonal.
    private static double[] Correlation()
    {
        var c = new double[N * N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) c[i * N + j] = Math.Pow(0.6, Math.Abs(i - j));
        return c;
    }

    private static readonly double[] Rows =
    [
        0, 0, 1, 0, 0,
        1, 0, 0, 0, 0,
        0.5, -1, 2, 0, 1,
        -0.25, 0.75, 0, 1.5, -2,
    ];

    private static int Batch => Rows.Length / N;

    private static double[] MatVec(double[] m, double[] x, int row)
    {
        var r = new double[N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) r[i] += m[i * N + j] * x[row * N + j];
        return r;
    }

    private static void Close(double[] expected, double[] actual, string what) =>
        VmapHarness.Close(expected, actual, what, 1e-9);

    private static (Tensor P, double[] Host) Precision()
    {
        var p = Inv(Tensor.From(Correlation(), N, N));
        return (p, p.ToArray<double>());
    }

    [Fact]
    public void JitOfVmapOfValueAndGradOfAQuadraticFormIsMinusPx()
    {
        var (p, host) = Precision();
        Func<Tensor[], Tensor[]> one = a =>
        {
            var (v, g) = Ax.ValueAndGrad(x => -0.5 * Dot(x, MatMul(p, x)))(a[0]);
            return [v, g];
        };
        var xs = Tensor.From(Rows, Batch, N);
        var expectedGrad = Enumerable.Range(0, Batch).SelectMany(b => MatVec(host, Rows, b).Select(v => -v)).ToArray();
        var expectedValue = Enumerable.Range(0, Batch)
            .Select(b => -0.5 * MatVec(host, Rows, b).Select((v, i) => v * Rows[b * N + i]).Sum()).ToArray();

        foreach (var (name, f) in new[] { ("eager", Ax.Vmap(one)), ("jit", Ax.Jit(Ax.Vmap(one))) })
        {
            var r = f([xs]);
            Close(expectedValue, r[0].ToArray<double>(), $"{name} value");
            Close(expectedGrad, r[1].ToArray<double>(), $"{name} grad");
        }

        // The numbers of the report: the row e2 has gradient (0, 0.9375, -2.125, 0.9375, 0).
        var e2 = Ax.Jit(Ax.Vmap(one))([xs])[1].ToArray<double>()[..N];
        Close([0, 0.9375, -2.125, 0.9375, 0], e2, "e2 row");
    }

    [Fact]
    public void EveryOrderOfJitVmapAndGradAgrees()
    {
        var (p, host) = Precision();
        Func<Tensor, Tensor> f = x => -0.5 * Dot(x, MatMul(p, x));
        var xs = Tensor.From(Rows, Batch, N);
        var expected = Enumerable.Range(0, Batch).SelectMany(b => MatVec(host, Rows, b).Select(v => -v)).ToArray();
        var variants = new (string, Func<Tensor, Tensor>)[]
        {
            ("vmap(grad)", Ax.Vmap(Ax.Grad(f))),
            ("jit(vmap(grad))", Ax.Jit(Ax.Vmap(Ax.Grad(f)))),
            ("vmap(jit(grad))", Ax.Vmap(Ax.Jit(Ax.Grad(f)))),
            ("jit(vmap(jit(grad)))", Ax.Jit(Ax.Vmap(Ax.Jit(Ax.Grad(f))))),
            ("jit(vmap(grad(dot(Px, x))))", Ax.Jit(Ax.Vmap(Ax.Grad(x => -0.5 * Dot(MatMul(p, x), x))))),
            ("jit(vmap(grad(sum(x * Px))))", Ax.Jit(Ax.Vmap(Ax.Grad(x => -0.5 * Sum(x * MatMul(p, x)))))),
        };
        foreach (var (name, g) in variants) Close(expected, g(xs).ToArray<double>(), name);
    }

    [Fact]
    public void BatchOnEitherOrBothOperandsOfTheQuadraticForm()
    {
        // Grad of x'Ax with respect to x is (A + A')x, whichever of x and A carry the batch.
        var rng = new Random(5);
        var a = Enumerable.Range(0, Batch * N * N).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var at = Tensor.From(a, Batch, N, N);
        var xs = Tensor.From(Rows, Batch, N);
        var grad = Ax.Grad((Tensor x, Tensor m) => Dot(x, MatMul(m, x)));
        double[] Expected(int b, int mb)
        {
            var m = a[(mb * N * N)..((mb + 1) * N * N)];
            var r = new double[N];
            for (int i = 0; i < N; i++)
                for (int j = 0; j < N; j++) r[i] += (m[i * N + j] + m[j * N + i]) * Rows[b * N + j];
            return r;
        }

        foreach (bool jit in new[] { false, true })
        {
            var both = Ax.Vmap(grad, [0, 0]);
            var onlyX = Ax.Vmap(grad, [0, null]);
            var onlyA = Ax.Vmap(grad, [null, 0]);
            if (jit) (both, onlyX, onlyA) = (Ax.Jit(both), Ax.Jit(onlyX), Ax.Jit(onlyA));
            var m0 = Tensor.From(a[..(N * N)], N, N);
            var x0 = Tensor.From(Rows[..N], N);
            Close(Enumerable.Range(0, Batch).SelectMany(b => Expected(b, b)).ToArray(), both(xs, at).ToArray<double>(), $"both jit={jit}");
            Close(Enumerable.Range(0, Batch).SelectMany(b => Expected(b, 0)).ToArray(), onlyX(xs, m0).ToArray<double>(), $"x only jit={jit}");
            Close(Enumerable.Range(0, Batch).SelectMany(b => Expected(0, b)).ToArray(), onlyA(x0, at).ToArray<double>(), $"A only jit={jit}");
        }
    }

    private static Tensor Dg(Tensor a, Tensor b, int[] lc, int[] rc) => Prims.DotGeneral.Bind1([a, b], new DotGeneralParams(lc, rc, Array.Empty<int>(), Array.Empty<int>()));

    [Fact]
    public void ProductWithoutContractingDimensionsFusedIntoAContractionCompilesCorrectly()
    {
        // The minimized program: dot_general(scalar, x) with no contracting dims, reshaped and
        // contracted with a matrix; the compiled result once added the accumulator in every step.
        var (p, host) = Precision();
        var xs = Tensor.From(Rows, Batch, N);
        Func<Tensor, Tensor, Tensor> f = (x, q) => Reshape(Dg(Reshape(Dg(Tensor.From(-0.5), x, [], []), Batch, N, 1), q, [1], [0]), Batch, N);
        var expected = new double[Batch * N];
        for (int b = 0; b < Batch; b++)
            for (int j = 0; j < N; j++)
                for (int i = 0; i < N; i++) expected[b * N + j] += -0.5 * Rows[b * N + i] * host[i * N + j];
        Close(expected, f(xs, p).ToArray<double>(), "eager");
        Close(expected, Ax.Jit(f)(xs, p).ToArray<double>(), "jit");
    }

    [Fact]
    public void OuterProductDotGeneralFusedIntoAReductionCompilesCorrectly()
    {
        var u = Tensor.From(new double[] { 1, -2, 3 });
        var v = Tensor.From(new double[] { 0.5, 4, -1, 2 });
        // outer(u, v) as a dot_general without contracting dims, then summed over rows and
        // contracted with v: every consumer kind that fusion may pull the product into.
        Func<Tensor, Tensor, Tensor> rows = (a, b) => Sum(Dg(a, b, [], []), 0);
        Func<Tensor, Tensor, Tensor> contracted = (a, b) => Dg(Dg(a, b, [], []), b, [1], [0]);
        Func<Tensor, Tensor, Tensor> added = (a, b) => Dg(a, b, [], []) + 1.0;
        double[] ua = [1, -2, 3], va = [0.5, 4, -1, 2];
        double vv = va.Sum(x => x * x);
        foreach (bool jit in new[] { false, true })
        {
            Func<Tensor, Tensor, Tensor> J(Func<Tensor, Tensor, Tensor> g) => jit ? Ax.Jit(g) : g;
            Close(va.Select(x => x * ua.Sum()).ToArray(), J(rows)(u, v).ToArray<double>(), $"rows jit={jit}");
            Close(ua.Select(x => x * vv).ToArray(), J(contracted)(u, v).ToArray<double>(), $"contracted jit={jit}");
            Close(ua.SelectMany(x => va.Select(y => x * y + 1)).ToArray(), J(added)(u, v).ToArray<double>(), $"added jit={jit}");
        }
    }
}
