//===- ScalarOps.h - StableHLO elementwise ops on scalars ------*- C++ -*-===//
//
// One emitter serves both elementwise ops (inside linalg.generic bodies) and
// the bodies of reductions: given a StableHLO op and its operands as signless
// scalars, it emits the arith/math ops that compute one element. Signedness
// is read from the StableHLO op's original element types.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_COMPILER_SCALAROPS_H
#define AXLE_COMPILER_SCALAROPS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace axle::lowering {

/// Whether the emitter computes `name`: the catalog's (StablehloOps.def)
/// Elementwise ops with a fixed operand count.
bool isScalarOp(llvm::StringRef name);

/// Emits `op` on `args` (one signless scalar per operand). On failure (an
/// element type the op does not accept, a bad attribute) returns null and
/// sets `error`; the caller reports it as INVALID_ARGUMENT.
mlir::Value emitScalarOp(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Operation *op, mlir::ValueRange args,
                         std::string &error);

/// Converts the signless scalar `value` whose original type is `from` to the
/// original type `to` (StableHLO `convert` semantics; float to integer
/// saturates and maps NaN to 0, like XLA).
mlir::Value emitConvert(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value value, mlir::Type from, mlir::Type to);

} // namespace axle::lowering

#endif // AXLE_COMPILER_SCALAROPS_H
