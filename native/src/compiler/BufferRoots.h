//===- BufferRoots.h - Which buffer a memref value views ------*- C++ -*-===//
//
// Parallel loop bodies declare their pointers noalias (ParallelLoops.cpp),
// which holds only when the ops in them touch disjoint buffers; RowFusion also
// needs to know which buffers two ops share.
//
//===----------------------------------------------------------------------===//

#ifndef AXLE_COMPILER_BUFFERROOTS_H
#define AXLE_COMPILER_BUFFERROOTS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace axle {

/// The buffer a memref value is a view of.
inline mlir::Value rootBuffer(mlir::Value v) {
  while (auto view = v.getDefiningOp<mlir::ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

/// Whether distinct memref operands of `ops` are distinct buffers (the same
/// value used twice is one pointer, which is fine).
inline bool operandsAreDisjointBuffers(llvm::ArrayRef<mlir::Operation *> ops) {
  llvm::SmallPtrSet<mlir::Value, 8> values, roots;
  for (mlir::Operation *op : ops)
    for (mlir::Value v : op->getOperands())
      if (mlir::isa<mlir::MemRefType>(v.getType()) && values.insert(v).second &&
          !roots.insert(rootBuffer(v)).second)
        return false;
  return true;
}

} // namespace axle

#endif
