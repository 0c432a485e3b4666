namespace Axle;

public static partial class Ops
{
    /// <summary><paramref name="x"/> broadcast to <paramref name="shape"/> with numpy rules.</summary>
    public static Tensor BroadcastTo(Tensor x, params int[] shape)
    {
        Check(x);
        var target = new Shape(shape);
        var s = Broadcasting.Shapes("broadcast_to", ("x", x.Shape), ("shape", target));
        if (s != target) throw Errors.Shapes("broadcast_to", "x", x.Shape, "shape", target, "cannot broadcast");
        return Broadcasting.To(x, target);
    }

    /// <summary>The same elements in a new shape; one entry may be -1 (inferred).</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        Check(x);
        ArgumentNullException.ThrowIfNull(shape);
        int[] dims = (int[])shape.Clone();
        int infer = Array.IndexOf(dims, -1);
        if (infer >= 0)
        {
            int known = dims.Where((d, i) => i != infer).Aggregate(1, (a, d) => a * d);
            if (known == 0 || x.Shape.ElementCount % known != 0)
                throw Errors.Arg("reshape", "shape", $"cannot reshape {x.Shape} to ({string.Join(", ", shape)})");
            dims[infer] = x.Shape.ElementCount / known;
        }
        if (dims.Any(d => d < 0) || dims.Aggregate(1L, (a, d) => a * d) != x.Shape.ElementCount)
            throw Errors.Arg("reshape", "shape", $"cannot reshape {x.Shape} ({x.Shape.ElementCount} elements) to ({string.Join(", ", shape)})");
        if (x.Shape == new Shape(dims)) return x;
        return Prims.Reshape.Bind1([x], new ReshapeParams(dims));
    }

    /// <summary>Permutes the axes; with no <paramref name="axes"/>, reverses them.</summary>
    public static Tensor Transpose(Tensor x, params int[] axes)
    {
        Check(x);
        int[] perm = axes is { Length: > 0 }
            ? axes.Select(a => Errors.NormalizeAxis("transpose", a, x.Rank, "axes")).ToArray()
            : Enumerable.Range(0, x.Rank).Reverse().ToArray();
        if (perm.SequenceEqual(Enumerable.Range(0, x.Rank))) return x;
        return Prims.Transpose.Bind1([x], new TransposeParams(perm));
    }

    /// <summary>Removes size-1 axes (all of them, or the given ones, which must have size 1).</summary>
    public static Tensor Squeeze(Tensor x, params int[] axis)
    {
        Check(x);
        var drop = axis is { Length: > 0 }
            ? axis.Select(a => Errors.NormalizeAxis("squeeze", a, x.Rank)).ToHashSet()
            : Enumerable.Range(0, x.Rank).Where(i => IsOne(x.Shape[i])).ToHashSet();
        foreach (int a in drop)
            if (!IsOne(x.Shape[a])) throw Errors.Arg("squeeze", "axis", $"axis {a} of {x.Shape} has size {x.Shape[a]}, not 1");
        return ReshapeTo(x, new Shape(Enumerable.Range(0, x.Rank).Where(i => !drop.Contains(i)).Select(i => x.Shape[i])));
    }

    /// <summary>Inserts a size-1 axis at <paramref name="axis"/> (counted in the result; negative from the end).</summary>
    public static Tensor ExpandDims(Tensor x, int axis)
    {
        Check(x);
        int a = Errors.NormalizeAxis("expand_dims", axis, x.Rank + 1);
        var dims = x.Shape.ToList();
        dims.Insert(a, 1);
        return ReshapeTo(x, new Shape(dims));
    }

    // A symbolic dimension is never taken to be 1.
    private static bool IsOne(Dim d) => d.IsKnown && d.Value == 1;

    /// <summary>Joins tensors along an existing axis (dtypes promoted).</summary>
    public static Tensor Concatenate(Tensor[] xs, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(xs);
        if (xs.Length == 0) throw new ArgumentException("concatenate needs at least one tensor", nameof(xs));
        foreach (var t in xs) ArgumentNullException.ThrowIfNull(t, nameof(xs));
        xs = TypePromotion.Promote(xs);
        int a = Errors.NormalizeAxis("concatenate", axis, xs[0].Rank);
        if (xs.Length == 1) return xs[0];
        var result = Prims.Concatenate.Infer(xs.Select(x => x.Aval).ToArray(), new ConcatenateParams(a))[0];
        // Empty pieces contribute nothing (and the bundled plugin rejects empty concatenation operands).
        if (result.Shape.IsKnown && result.Shape.ElementCount == 0) return Full(result.Shape.ToArray(), 0, result.DType);
        var pieces = xs.Where(x => !x.Shape[a].IsKnown || x.Shape[a].Value > 0).ToArray();
        return pieces.Length == 1 ? pieces[0] : Prims.Concatenate.Bind1(pieces, new ConcatenateParams(a));
    }

    /// <summary>A strided slice <c>[start, limit)</c> on every axis.</summary>
    internal static Tensor Slice(Tensor x, int[] start, int[] limit, int[] strides)
    {
        var p = new SliceParams(start, limit, strides);
        var result = Prims.Slice.Infer([x.Aval], p)[0];
        // An empty result reads nothing, so it needs no slice (and the bundled plugin rejects
        // some empty slices: offsets at the end of an axis, or operands with an empty axis).
        if (result.Shape.IsKnown && result.Shape.ElementCount == 0) return Full(result.Shape.ToArray(), 0, x.DType);
        return Prims.Slice.Bind1([x], p);
    }
}
