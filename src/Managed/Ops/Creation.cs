namespace Axle;

public static partial class Ops
{
    /// <summary>An F32 tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => Full(shape, 0.0, DTypes.DefaultFloat);

    /// <summary>A tensor of zeros of <paramref name="dtype"/>.</summary>
    public static Tensor Zeros(int[] shape, DType dtype) => Full(shape, 0.0, dtype);

    /// <summary>An F32 tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(shape, 1.0, DTypes.DefaultFloat);

    /// <summary>A tensor of ones of <paramref name="dtype"/>.</summary>
    public static Tensor Ones(int[] shape, DType dtype) => Full(shape, 1.0, dtype);

    /// <summary>
    /// A tensor of <paramref name="shape"/> filled with <paramref name="value"/>; the dtype is
    /// <paramref name="dtype"/>, else the value's (a C# double gives F32, an int I32).
    /// </summary>
    public static Tensor Full(int[] shape, Tensor value, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Check(value);
        if (value.Rank != 0) throw Errors.Arg("full", "value", $"the fill value must be a scalar; got shape {value.Shape}");
        var s = new Shape(shape);
        var v = ConvertElementType(value, dtype ?? value.DType, weak: false);
        if (global::Axle.Trace.Current is EagerTrace && v.IsHostScalar)
        {
            // Eagerly, fill on the host: no program per new shape.
            byte[] one = v.HostBytes();
            var bytes = new byte[s.ElementCount * one.Length];
            for (int i = 0; i < s.ElementCount; i++) one.CopyTo(bytes, i * one.Length);
            return Tensor.FromBytes(bytes, v.DType, s);
        }
        return Broadcasting.To(v, s, "full");
    }

    /// <summary>Zeros of <paramref name="x"/>'s shape and dtype (or <paramref name="dtype"/>).</summary>
    public static Tensor ZerosLike(Tensor x, DType? dtype = null) => FullLike(x, 0.0, dtype);

    /// <summary>Ones of <paramref name="x"/>'s shape and dtype (or <paramref name="dtype"/>).</summary>
    public static Tensor OnesLike(Tensor x, DType? dtype = null) => FullLike(x, 1.0, dtype);

    /// <summary><paramref name="value"/> in <paramref name="x"/>'s shape, with <paramref name="x"/>'s dtype unless <paramref name="dtype"/> is given.</summary>
    public static Tensor FullLike(Tensor x, Tensor value, DType? dtype = null)
    {
        Check(x);
        return Full(x.Shape.ToArray(), value, dtype ?? x.DType);
    }

    /// <summary><c>0, 1, ..., stop-1</c> as I32.</summary>
    public static Tensor Arange(int stop) => Arange(0, stop, 1, DType.I32);

    /// <summary><c>start, start + step, ...</c> below <paramref name="stop"/> (above, for a negative step), as I32 unless <paramref name="dtype"/> says otherwise.</summary>
    public static Tensor Arange(int start, int stop, int step = 1, DType? dtype = null) =>
        Arange((double)start, stop, step, dtype ?? DType.I32);

    /// <summary>
    /// Evenly spaced values in <c>[start, stop)</c>: <c>ceil((stop - start) / step)</c> of them,
    /// <c>start + i * step</c>. The dtype defaults (numpy/JAX) to I32 when all three are whole
    /// numbers, else F32.
    /// </summary>
    public static Tensor Arange(double start, double stop, double step = 1, DType? dtype = null)
    {
        if (step == 0 || double.IsNaN(step)) throw Errors.Arg("arange", "step", $"step must be non-zero and finite; got {step}");
        if (!double.IsFinite(start)) throw Errors.Arg("arange", "start", $"start must be finite; got {start}");
        if (!double.IsFinite(stop)) throw Errors.Arg("arange", "stop", $"stop must be finite; got {stop}");
        double count = Math.Ceiling((stop - start) / step);
        if (count > int.MaxValue) throw Errors.Arg("arange", "stop", $"{count} elements do not fit one tensor");
        int n = (int)Math.Max(0, count);
        bool whole = Math.Floor(start) == start && Math.Floor(stop) == stop && Math.Floor(step) == step;
        DType t = dtype ?? (whole ? DType.I32 : DTypes.DefaultFloat);
        if (t == DType.Bool) throw Errors.Arg("arange", "dtype", "arange cannot produce bool");
        var iota = Iota(t, [n], 0);
        if (step != 1) iota = Multiply(iota, ConvertElementType(step, t, weak: false));
        if (start != 0) iota = Add(iota, ConvertElementType(start, t, weak: false));
        return iota;
    }

    /// <summary>
    /// <paramref name="num"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/>
    /// (included unless <paramref name="endpoint"/> is false); F32 by default. An integer
    /// <paramref name="dtype"/> floors the values (as JAX does).
    /// </summary>
    public static Tensor Linspace(double start, double stop, int num = 50, bool endpoint = true, DType? dtype = null)
    {
        if (num < 0) throw Errors.Arg("linspace", "num", $"num must be non-negative; got {num}");
        DType t = dtype ?? DTypes.DefaultFloat;
        if (t == DType.Bool) throw Errors.Arg("linspace", "dtype", "linspace cannot produce bool");
        // Computed in F64 for F64, else F32, then converted: integer results are floored values.
        DType work = t == DType.F64 ? DType.F64 : DType.F32;
        int div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : 0;
        var i = Iota(work, [num], 0);
        var v = Add(Multiply(i, ConvertElementType(step, work, weak: false)), ConvertElementType(start, work, weak: false));
        // The last value is stop exactly, not start + (num - 1) * step.
        if (endpoint && num > 1) v = Where(Equal(i, num - 1), ConvertElementType(stop, work, weak: false), v);
        if (!t.IsFloat()) v = Floor(v);
        return t == work ? v : ConvertElementType(v, t, weak: false);
    }

    /// <summary>
    /// A 2-D tensor with ones on the <paramref name="k"/>-th diagonal (0: main, positive: above)
    /// and zeros elsewhere; <paramref name="m"/> columns (default <paramref name="n"/>).
    /// </summary>
    public static Tensor Eye(int n, int? m = null, int k = 0, DType dtype = DTypes.DefaultFloat)
    {
        if (n < 0) throw Errors.Arg("eye", "n", $"n must be non-negative; got {n}");
        int cols = m ?? n;
        if (cols < 0) throw Errors.Arg("eye", "m", $"m must be non-negative; got {cols}");
        var rows = Iota(DType.I32, [n, cols], 0);
        var columns = Iota(DType.I32, [n, cols], 1);
        var onDiagonal = Equal(Add(rows, k), columns);
        return ConvertElementType(onDiagonal, dtype, weak: false);
    }

    /// <summary>The <paramref name="n"/>×<paramref name="n"/> identity matrix.</summary>
    public static Tensor Identity(int n, DType dtype = DTypes.DefaultFloat) => Eye(n, dtype: dtype);

    private static Tensor Iota(DType dtype, int[] shape, int dimension) =>
        Prims.Iota.Bind1([], new IotaParams(dtype, shape, dimension));
}
