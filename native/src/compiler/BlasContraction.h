//===- BlasContraction.h - Large f32/f64 contractions to BLAS calls -------===//

#ifndef AXLE_COMPILER_BLASCONTRACTION_H
#define AXLE_COMPILER_BLASCONTRACTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinOps.h"

namespace axle {

/// Marks a dot_general's linalg.generic (tensors) for a BLAS call when it is
/// large enough for the call to pay; the dimension numbers ride along.
void tagForBlas(mlir::linalg::GenericOp generic, mlir::RankedTensorType lhs,
                mlir::RankedTensorType rhs, llvm::ArrayRef<int64_t> lhsBatch,
                llvm::ArrayRef<int64_t> rhsBatch,
                llvm::ArrayRef<int64_t> lhsContract,
                llvm::ArrayRef<int64_t> rhsContract);

/// Whether `op` is a contraction tagged by tagForBlas; elementwise fusion
/// must leave it alone, or it would become a loop nest again.
bool isTaggedForBlas(mlir::Operation *op);

} // namespace axle

#endif
