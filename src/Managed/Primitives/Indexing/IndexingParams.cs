namespace Axle;

// The indexing primitives' parameters (Indexing/IndexingPrimitives.cs, Indexing/ScatterPrimitives.cs):
// StableHLO's dimension numbers, under their StableHLO names.

/// <summary>dynamic_slice: the window's size on every axis.</summary>
internal sealed record DynamicSliceParams(Ints SliceSizes) : Params;

/// <summary>gather: StableHLO's gather dimension numbers and the slice sizes.</summary>
internal sealed record GatherParams(Ints OffsetDims, Ints CollapsedSliceDims, Ints OperandBatchingDims,
    Ints StartIndicesBatchingDims, Ints StartIndexMap, int IndexVectorDim, Ints SliceSizes) : Params;

/// <summary>scatter_add: StableHLO's scatter dimension numbers (each corresponds to one of gather's).</summary>
internal sealed record ScatterParams(Ints UpdateWindowDims, Ints InsertedWindowDims, Ints InputBatchingDims,
    Ints ScatterIndicesBatchingDims, Ints ScatterDimsToOperandDims, int IndexVectorDim) : Params;
