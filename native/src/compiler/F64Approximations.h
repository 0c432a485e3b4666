//===- F64Approximations.h - Inline f64 exp, expm1, log, log1p -*- C++ -*-===//

#ifndef AXLE_COMPILER_F64APPROXIMATIONS_H
#define AXLE_COMPILER_F64APPROXIMATIONS_H

#include "mlir/IR/BuiltinOps.h"

namespace axle {

/// False when AXLE_F64_MATH=libm: the pipeline then runs
/// axle-approximate-f64{libm=1}, for diagnosis (read at each compile).
bool useInlineF64Math();

} // namespace axle

#endif
