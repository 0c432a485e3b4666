using Axle.Lowering;

namespace Axle;

/// <summary>Shape-changing primitives: broadcast_in_dim, reshape, transpose, slice, concatenate, iota.</summary>
internal static partial class Prims
{
    // broadcast_in_dim[shape, broadcast_dimensions]: operand dim i goes to result dim broadcast_dimensions[i].
    public static readonly Primitive BroadcastInDim = new Primitive("broadcast_in_dim", (ins, p) =>
    {
        Elementwise.Expect("broadcast_in_dim", ins, 1);
        var q = (BroadcastInDimParams)p;
        int[] shape = q.Shape.Concrete.ToArray(), dims = q.BroadcastDimensions.ToArray();
        var x = ins[0];
        if (dims.Length != x.Rank)
            throw Errors.Arg("broadcast_in_dim", "broadcast_dimensions", $"needs one entry per operand dimension: operand {x.Shape}, dimensions [{string.Join(", ", dims)}]");
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0 || dims[i] >= shape.Length || (i > 0 && dims[i] <= dims[i - 1]))
                throw Errors.Arg("broadcast_in_dim", "broadcast_dimensions", $"dimensions [{string.Join(", ", dims)}] must increase and lie in [0, {shape.Length})");
            int d = x.Shape[i];
            if (d != 1 && d != shape[dims[i]])
                throw Errors.Shapes("broadcast_in_dim", "x", x.Shape, "shape", new Shape(shape), "cannot broadcast");
        }
        return [x.WithShape(new Shape(shape))];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.broadcast_in_dim", xs, ("broadcast_dimensions", LoweringContext.Dims(((BroadcastInDimParams)p).BroadcastDimensions)))])
        .DefLinear(BroadcastInDimTranspose)
        .DefBatch(BroadcastInDimBatch);

    public static readonly Primitive Reshape = new Primitive("reshape", (ins, p) =>
    {
        Elementwise.Expect("reshape", ins, 1);
        var to = new Shape(((ReshapeParams)p).NewSizes.Concrete.ToArray());
        if (to.ElementCount != ins[0].Shape.ElementCount)
            throw Errors.Shapes("reshape", "x", ins[0].Shape, "newShape", to, "cannot reshape: element counts differ");
        return [ins[0].WithShape(to)];
    }, (ctx, xs, _) => [ctx.Op("stablehlo.reshape", xs)])
        .DefLinear((ct, _, avals, _) => [Ops.Reshape(ct[0]!, avals[0].Shape.ToArray())])
        .DefBatch(ReshapeBatch);

    public static readonly Primitive Transpose = new Primitive("transpose", (ins, p) =>
    {
        Elementwise.Expect("transpose", ins, 1);
        int[] perm = ((TransposeParams)p).Permutation.ToArray();
        var x = ins[0];
        if (perm.Length != x.Rank || perm.Order().Select((v, i) => v == i).Any(ok => !ok))
            throw Errors.Arg("transpose", "axes", $"[{string.Join(", ", perm)}] is not a permutation of the {x.Rank} axes of {x.Shape}");
        return [x.WithShape(new Shape(perm.Select(a => x.Shape[a])))];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.transpose", xs, ("permutation", LoweringContext.Dims(((TransposeParams)p).Permutation)))])
        .DefLinear((ct, _, _, p) => [Ops.Transpose(ct[0]!, Ad.InversePermutation(((TransposeParams)p).Permutation.ToArray()))])
        .DefBatch(TransposeBatch);

    // slice[start_indices, limit_indices, strides]
    public static readonly Primitive Slice = new Primitive("slice", (ins, p) =>
    {
        Elementwise.Expect("slice", ins, 1);
        var (start, limit, strides) = (SliceParams)p;
        var x = ins[0];
        if (start.Length != x.Rank || limit.Length != x.Rank || strides.Length != x.Rank)
            throw Errors.Arg("slice", "x", $"needs {x.Rank} start/limit/stride entries for shape {x.Shape}");
        var dims = new int[x.Rank];
        for (int i = 0; i < x.Rank; i++)
        {
            if (start[i] < 0 || limit[i] < start[i] || limit[i] > x.Shape[i] || strides[i] < 1)
                throw Errors.Arg("slice", "x", $"slice [{start[i]}:{limit[i]}:{strides[i]}] of axis {i} is out of range for shape {x.Shape}");
            dims[i] = (limit[i] - start[i] + strides[i] - 1) / strides[i];
        }
        return [x.WithShape(new Shape(dims))];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.slice", xs,
        ("start_indices", LoweringContext.Dims(((SliceParams)p).StartIndices)),
        ("limit_indices", LoweringContext.Dims(((SliceParams)p).LimitIndices)),
        ("strides", LoweringContext.Dims(((SliceParams)p).Strides)))])
        .DefLinear(SliceTranspose)
        .DefBatch(SliceBatch);

    // concatenate[dimension]
    public static readonly Primitive Concatenate = new Primitive("concatenate", (ins, p) =>
    {
        if (ins.Length == 0) throw new ArgumentException("concatenate: needs at least one operand");
        int axis = ((ConcatenateParams)p).Dimension;
        var first = ins[0];
        int total = 0;
        for (int k = 0; k < ins.Length; k++)
        {
            var x = ins[k];
            if (x.DType != first.DType) throw Errors.DTypes("concatenate", $"xs[{k}]", x.DType, "xs[0]", first.DType);
            if (x.Rank != first.Rank || Enumerable.Range(0, x.Rank).Any(i => i != axis && x.Shape[i] != first.Shape[i]))
                throw Errors.Shapes("concatenate", $"xs[{k}]", x.Shape, "xs[0]", first.Shape, $"shapes differ off axis {axis}");
            total += x.Shape[axis];
        }
        var dims = first.Shape.ToArray();
        dims[axis] = total;
        return [new Aval(first.DType, new Shape(dims), ins.All(a => a.Weak))];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.concatenate", xs, ("dimension", Attr.Int(((ConcatenateParams)p).Dimension)))])
        .DefLinear(ConcatenateTranspose)
        .DefBatch(ConcatenateBatch);

    // iota[dtype, shape, dimension]: counts 0, 1, ... along `dimension`.
    public static readonly Primitive Iota = new Primitive("iota", (ins, p) =>
    {
        Elementwise.Expect("iota", ins, 0);
        var q = (IotaParams)p;
        var shape = new Shape(q.Shape.ToArray());
        Errors.NormalizeAxis("iota", q.Dimension, Math.Max(shape.Rank, 1), "dimension");
        return [new Aval(q.Dtype, shape)];
    }, (ctx, _, p) => [ctx.Op("stablehlo.iota", [], ("iota_dimension", Attr.Int(((IotaParams)p).Dimension)))])
        .DefZeroJvp().NonLinear();
}
