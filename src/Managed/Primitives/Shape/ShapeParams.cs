namespace Axle;

// The shape primitives' parameters (Shape/ShapePrimitives.cs, Shape/ShapePadReverse.cs), named
// after StableHLO's attributes; printed graphs show them in snake_case, in this order.

/// <summary>broadcast_in_dim: the result <paramref name="Shape"/>; operand dim i goes to result dim <paramref name="BroadcastDimensions"/>[i].</summary>
internal sealed record BroadcastInDimParams(Sizes Shape, Ints BroadcastDimensions) : Params;

/// <summary>reshape: the result's sizes (symbolic in a symbolic graph).</summary>
internal sealed record ReshapeParams(Sizes NewSizes) : Params;

/// <summary>transpose: result axis i is operand axis <paramref name="Permutation"/>[i].</summary>
internal sealed record TransposeParams(Ints Permutation) : Params;

/// <summary>slice: <c>[start, limit)</c> with a stride on every axis.</summary>
internal sealed record SliceParams(Ints StartIndices, Ints LimitIndices, Ints Strides) : Params;

/// <summary>concatenate: the axis the operands are joined along.</summary>
internal sealed record ConcatenateParams(int Dimension) : Params;

/// <summary>iota: counts 0, 1, ... along <paramref name="Dimension"/> of a <paramref name="Shape"/> array.</summary>
internal sealed record IotaParams(DType Dtype, Ints Shape, int Dimension) : Params;

/// <summary>pad: edge padding (negative crops) and interior padding per axis.</summary>
internal sealed record PadParams(Ints Low, Ints High, Ints Interior) : Params;

/// <summary>rev: the axes reversed.</summary>
internal sealed record RevParams(Ints Dimensions) : Params;
