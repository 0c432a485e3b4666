using System.Text;
using Axle.IO;

namespace Axle.Tests.Reliability;

internal static partial class BadInputCases
{
    private static IEnumerable<BadInputCase> TensorCases()
    {
        yield return Null("tensor: null data", "data", () => Tensor.From((float[])null!));
        yield return Null("tensor: null shape", "shape", () => Tensor.From(new float[2], null!));
        yield return Null("tensor: null matrix", "data", () => Tensor.From((float[,])null!));
        yield return Arg("tensor: shape holds other count", "shape", () => Tensor.From(new float[5], 2, 3), "(2, 3)", "6", "5");
        yield return Range("tensor: negative size", "dims", () => Tensor.From(new float[2], -1, -2), "-1");
        yield return Arg("tensor: unsupported element type", "type", () => Tensor.From(new decimal[2]), "Decimal");
        yield return Invalid("item: more than one element", () => F(3).Item<float>(), "one element", "(3,)");
        yield return Disposed("to_array: disposed tensor", () => DisposedTensor().ToArray<float>(), "Tensor");
        yield return Disposed("item: disposed tensor", () => DisposedTensor().Item<float>(), "Tensor");
        yield return Disposed("block_until_ready: disposed tensor", () => DisposedTensor().BlockUntilReady(), "Tensor");
        yield return Disposed("shape op: disposed tensor in a jitted call", () => Ax.Jit((Tensor x) => x + 1)(DisposedTensor()), "Tensor");
        yield return Invalid("to_array: traced tensor", () => Ax.Jit((Tensor x) => { _ = x.ToArray<float>(); return x; })(F(2)), "traced", "f32[2]");
        yield return Invalid("item: traced tensor", () => Ax.Grad((Tensor x) => { _ = x.Item<float>(); return x; })(F()), "traced");
        yield return Arg("to_array: unsupported element type", "type", () => F(2).ToArray<decimal>(), "Decimal");
        yield return Arg("tensor: scalar from unsupported type", "type", () => Tensor.From(DateTime.MinValue), "DateTime");
    }

    private static IEnumerable<BadInputCase> IoCases()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"axle-missing-{Guid.NewGuid():N}.npy");
        yield return Of<FileNotFoundException>("npy: missing file", null, () => Npy.Read(missing), missing);
        yield return Null("npy: null path", "path", () => Npy.Read(null!));
        yield return Arg("npy: empty path", "path", () => Npy.Read(""), "path");
        yield return Null("npy: null stream", "stream", () => Npy.ReadArray((Stream)null!));
        yield return Of<InvalidDataException>("npy: not a .npy stream", null,
            () => Npy.ReadArray(new MemoryStream(Encoding.ASCII.GetBytes("hello world, not numpy")), "hello.npy"), "hello.npy", "NUMPY");
        yield return Of<InvalidDataException>("npy: truncated data", null, () => Npy.ReadArray(Truncated(), "cut.npy"), "cut.npy");
        yield return Of<InvalidDataException>("npy: unsupported version", null, () =>
        {
            byte[] bytes = NpyBytes();
            bytes[6] = 9;
            Npy.ReadArray(new MemoryStream(bytes), "v9.npy");
        }, "v9.npy", "9.0");
        yield return Arg("npy: write with mismatched shape", "data", () => Npy.Write(missing, new float[3], 2, 2), "f32[2,2]", "16 bytes", "12");
        yield return Null("npy: write null tensor", "tensor", () => Npy.Write(missing, (Tensor)null!));
        yield return Arg("npy array: data of the wrong length", "data", () => new NpyArray(DType.F32, [2], new byte[3]), "8", "3");
    }

    private static byte[] NpyBytes()
    {
        var stream = new MemoryStream();
        Npy.Write(stream, NpyArray.FromTensor(Tensor.From(new float[] { 1, 2, 3, 4 })));
        return stream.ToArray();
    }

    private static MemoryStream Truncated()
    {
        byte[] bytes = NpyBytes();
        return new MemoryStream(bytes, 0, bytes.Length - 5);
    }
}
