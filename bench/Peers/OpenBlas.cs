using System.Runtime.InteropServices;

namespace Axle.Bench.Peers;

/// <summary>The system OpenBLAS (libopenblas.so.0), the GEMM limit: what a tuned BLAS does on this machine.</summary>
internal static unsafe partial class OpenBlas
{
    private const string Lib = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    [LibraryImport(Lib, EntryPoint = "openblas_set_num_threads")]
    private static partial void SetNumThreads(int n);

    [LibraryImport(Lib, EntryPoint = "openblas_get_config")]
    private static partial nint GetConfig();

    [LibraryImport(Lib, EntryPoint = "cblas_sgemm")]
    private static partial void Sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Lib, EntryPoint = "cblas_dgemm")]
    private static partial void Dgemm(int order, int transA, int transB, int m, int n, int k, double alpha,
        double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);

    /// <summary>
    /// Sets the thread count and returns OpenBLAS's build string. The bundled plugin calls the same
    /// library in this process for dot_general, so this also sets Axle's BLAS threads.
    /// </summary>
    public static string Init(int threads)
    {
        SetThreads(threads);
        return Marshal.PtrToStringAnsi(GetConfig()) ?? "?";
    }

    public static void SetThreads(int threads) => SetNumThreads(threads);

    /// <summary>C = op(A)·op(B), row-major, where op transposes when asked; A is m×k after op, B k×n.</summary>
    public static void Gemm(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool transA = false, bool transB = false)
    {
        fixed (float* pa = a, pb = b, pc = c)
            Sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, 1f,
                pa, transA ? m : k, pb, transB ? k : n, 0f, pc, n);
    }

    /// <inheritdoc cref="Gemm(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool)"/>
    public static void Gemm(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int n, int k)
    {
        fixed (double* pa = a, pb = b, pc = c)
            Dgemm(RowMajor, NoTrans, NoTrans, m, n, k, 1.0, pa, k, pb, n, 0.0, pc, n);
    }
}
