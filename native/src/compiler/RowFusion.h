//===- RowFusion.h - One pass over rows for consecutive reductions -------===//

#ifndef AXLE_COMPILER_ROWFUSION_H
#define AXLE_COMPILER_ROWFUSION_H

#include "mlir/IR/BuiltinOps.h"

namespace axle {

/// After bufferization: puts pairs of consecutive top-level linalg.generics
/// that work row by row on the same rows into one loop over rows (parallel
/// when `parallel` and their buffers are disjoint).
void fuseConsecutiveRowOps(mlir::ModuleOp module, bool parallel);

} // namespace axle

#endif
