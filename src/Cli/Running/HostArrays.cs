using Axle.IO;
using Axle.Lowering;
using Axle.Runtime;

namespace Axle.Cli.Running;

/// <summary>Host arrays for <c>axle run</c>: dtype mappings, seeded random inputs, values as doubles.</summary>
internal static class HostArrays
{
    public static DType ToDType(ElementType e) =>
        DTypes.TryFromElementType(e, out var d) ? d
            : throw new CliException(ExitCode.UnsupportedDType, $"element type {e} is not supported");

    public static PjrtElementType ToPjrt(DType d) => d.ToPjrt();

    public static DType FromPjrt(PjrtElementType p) =>
        DTypes.TryFromPjrt(p, out var d) ? d
            : throw new CliException(ExitCode.UnsupportedDType, $"the plugin returned an output of type {p}, which Axle does not support");

    /// <summary>
    /// Seeded inputs: floats standard normal (Box–Muller), signed integers uniform in [-5, 5),
    /// unsigned in [0, 10), booleans fair coin flips — small values, so integer programs index and
    /// shift sensibly.
    /// </summary>
    public static NpyArray Random(TensorType type, Random rng)
    {
        DType dtype = ToDType(type.Element);
        long count = type.ElementCount;
        var data = new byte[count * dtype.ByteSize()];
        for (int i = 0; i < count; i++)
        {
            if (dtype == DType.Bool) HostData.WriteLong(data, dtype, i, rng.Next(2));
            else if (dtype.IsFloat()) HostData.WriteDouble(data, dtype, i, Normal(rng));
            else HostData.WriteLong(data, dtype, i, dtype.IsUnsigned() ? rng.Next(10) : rng.Next(-5, 5));
        }
        return new NpyArray(dtype, [.. type.Dims], data);
    }

    /// <summary>Element <paramref name="i"/> as a double (for comparing outputs).</summary>
    public static double Read(NpyArray a, long i) => HostData.ReadDouble(a.Data, a.DType, checked((int)i));

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
