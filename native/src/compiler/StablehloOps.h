//===- StablehloOps.h - The catalog of StableHLO ops, in C++ ---*- C++ -*-===//
//
// StablehloOps.def as a table: names, operand counts and the family that
// lowers each op. The lowering dispatches only catalog ops, and the scalar
// emitter takes its op names and operand counts from here, so a new
// elementwise op is a .def line and its scalar emitter case.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_COMPILER_STABLEHLOOPS_H
#define AXLE_COMPILER_STABLEHLOOPS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace axle {

/// The family (Lower*.cpp file) that lowers an op; Structural ops are handled
/// by the lowering driver itself.
enum class OpFamily {
  Elementwise,
  Contraction,
  ControlFlow,
  GatherScatter,
  Indexing,
  Linalg,
  Reduce,
  ReduceWindow,
  Shape,
  Sort,
  Structural,
};

/// One line of StablehloOps.def.
struct StablehloOp {
  llvm::StringRef name;
  /// Operand count; -1 for variadic.
  int operands;
  OpFamily family;
};

/// Every op of the catalog, in .def order.
llvm::ArrayRef<StablehloOp> stablehloOps();

/// The catalog entry of `name`, or null when Axle does not know the op.
const StablehloOp *findStablehloOp(llvm::StringRef name);

} // namespace axle

#endif // AXLE_COMPILER_STABLEHLOOPS_H
