using static Axle.Ops;

namespace Axle.GpuCheck;

/// <summary>One end-to-end program: deterministic inputs, a jitted function, and how its output is compared with JAX.</summary>
/// <param name="Name">File stem and the key compare_jax.py dispatches on.</param>
/// <param name="Inputs">Inputs, written as NAME.in0.npy, NAME.in1.npy, ...</param>
/// <param name="Run">The function under test (already jitted).</param>
/// <param name="Exact">True when the output must match JAX bit for bit (integers, threefry).</param>
internal sealed record Check(string Name, Tensor[] Inputs, Func<Tensor[], Tensor> Run, bool Exact);

/// <summary>The checks; compare_jax.py has the same programs written with jax.numpy.</summary>
internal static class Checks
{
    public static IReadOnlyList<Check> All() =>
    [
        new("sin_sum", [Ramp(4096)], Jit(x => Sum(Sin(x[0]) * x[0])), Exact: false),
        new("matmul_256", [Grid(256, 256, 7), Grid(256, 256, 3)], Jit(x => MatMul(x[0], x[1])), Exact: false),
        new("grad_logsumexp", [Ramp(1024)], Jit(x => Ax.Grad((Func<Tensor, Tensor>)(v => LogSumExp(v)))(x[0])), Exact: false),
        new("vmap_row_norms", [Grid(64, 128, 5)], Jit(x => Ax.Vmap((Func<Tensor, Tensor>)(r => Sum(r * r)))(x[0])), Exact: false),
        new("threefry_bits", [Rng.Key(42)], Jit(x => Rng.Bits(x[0], [16])), Exact: true),
        new("threefry_split_normal", [Rng.Key(7)], Jit(x => Rng.Normal(Rng.Split(x[0])[1], [1000])), Exact: false),
        // The benchmark subset: bench/Plugin's kernels at its sizes, for the timing columns.
        new("bench_chain_exp_16m", [Ramp(1 << 24), Ramp(1 << 24)],
            Jit(x => Exp((x[0] * x[1] + 0.5f) * x[0] - x[1]) / 3f), Exact: false),
        new("bench_row_logsumexp_4096", [Grid(4096, 4096, 11)], Jit(x => LogSumExp(x[0], axis: 1)), Exact: false),
        new("bench_matmul_1024", [Grid(1024, 1024, 7), Grid(1024, 1024, 3)], Jit(x => MatMul(x[0], x[1])), Exact: false),
    ];

    private static Func<Tensor[], Tensor> Jit(Func<Tensor[], Tensor> f) => Ax.Jit(f);

    /// <summary>n values evenly spaced in [-3, 3).</summary>
    private static Tensor Ramp(int n)
    {
        var data = new float[n];
        for (int i = 0; i < n; i++) data[i] = -3f + 6f * i / n;
        return Tensor.From(data, n);
    }

    /// <summary>A rows×cols matrix of small distinct values in [-0.5, 0.5).</summary>
    private static Tensor Grid(int rows, int cols, int salt)
    {
        var data = new float[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                data[i * cols + j] = ((i * salt + j * 3 + salt) % 17) / 17f - 0.5f;
        return Tensor.From(data, rows, cols);
    }
}
