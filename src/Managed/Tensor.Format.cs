using System.Globalization;
using System.Text;

namespace Axle;

public sealed partial class Tensor
{
    private const int SummarizeAbove = 1000;
    private const int EdgeItems = 3;

    /// <summary>
    /// Numpy-like text: <c>[[1., 2.],\n [3., 4.]]</c>; a dtype suffix (<c>, dtype=f64</c>) unless the
    /// dtype is F32, I32 or Bool; more than 1000 elements are summarized with <c>...</c>.
    /// A traced tensor prints as <c>Traced&lt;f32[3]&gt;</c>.
    /// </summary>
    public override string ToString()
    {
        if (Volatile.Read(ref _disposed) != 0) return "Tensor(disposed)";
        if (Tracer is not null) return $"Traced<{Aval}>";
        if (!Shape.IsKnown) return $"Tensor<{Aval}>";
        byte[] bytes = HostBytes();
        int n = Shape.ElementCount;
        string[] items = new string[n];
        for (int i = 0; i < n; i++) items[i] = FormatElement(bytes, i);
        Align(items);
        var sb = new StringBuilder();
        int[] dims = Shape.ToArray();
        Append(sb, items, dims, 0, 0, n > SummarizeAbove);
        if (DType is not (DType.F32 or DType.I32 or DType.Bool)) sb.Append(", dtype=").Append(DType.ShortName());
        return sb.ToString();
    }

    internal string FormatScalar() => IsHostScalar || (!IsTraced && Rank == 0) ? FormatElement(HostBytes(), 0) : Aval.ToString();

    private string FormatElement(byte[] bytes, int i)
    {
        if (DType == DType.Bool) return bytes[i] != 0 ? "True" : "False";
        if (!DType.IsFloat())
            return DType == DType.U64
                ? BitConverter.ToUInt64(bytes, i * 8).ToString(CultureInfo.InvariantCulture)
                : HostData.ReadLong(bytes, DType, i).ToString(CultureInfo.InvariantCulture);
        double d = HostData.ReadDouble(bytes, DType, i);
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        string s = DType == DType.F64
            ? d.ToString("R", CultureInfo.InvariantCulture)
            : ((float)d).ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal)) return s.Replace("E", "e", StringComparison.Ordinal);
        return s.Contains('.', StringComparison.Ordinal) ? s : s + ".";
    }

    // Numpy aligns floats on the decimal point and right-aligns everything else.
    private static void Align(string[] items)
    {
        if (items.Length == 0) return;
        if (items.All(s => s.Contains('.', StringComparison.Ordinal) && !s.Contains('e', StringComparison.Ordinal)))
        {
            int left = items.Max(s => s.IndexOf('.', StringComparison.Ordinal));
            int right = items.Max(s => s.Length - s.IndexOf('.', StringComparison.Ordinal));
            for (int i = 0; i < items.Length; i++)
            {
                int dot = items[i].IndexOf('.', StringComparison.Ordinal);
                items[i] = new string(' ', left - dot) + items[i] + new string(' ', right - (items[i].Length - dot));
            }
            return;
        }
        int width = items.Max(s => s.Length);
        for (int i = 0; i < items.Length; i++) items[i] = items[i].PadLeft(width);
    }

    private static void Append(StringBuilder sb, string[] items, int[] dims, int axis, int offset, bool summarize)
    {
        if (axis == dims.Length)
        {
            sb.Append(items[offset]);
            return;
        }
        int stride = 1;
        for (int k = axis + 1; k < dims.Length; k++) stride *= dims[k];
        string sep = axis == dims.Length - 1 ? ", " : "," + new string('\n', dims.Length - axis - 1) + new string(' ', axis + 1);
        sb.Append('[');
        int size = dims[axis];
        bool cut = summarize && size > 2 * EdgeItems;
        for (int i = 0; i < size; i++)
        {
            if (cut && i == EdgeItems)
            {
                sb.Append("...").Append(sep);
                i = size - EdgeItems;
            }
            Append(sb, items, dims, axis + 1, offset + i * stride, summarize);
            if (i < size - 1) sb.Append(sep);
        }
        sb.Append(']');
    }
}
