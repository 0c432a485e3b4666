//===- F64Approximations.h - Inline f64 exp, expm1, log, log1p -*- C++ -*-===//

#ifndef AXLE_COMPILER_F64APPROXIMATIONS_H
#define AXLE_COMPILER_F64APPROXIMATIONS_H

#include "mlir/IR/BuiltinOps.h"

namespace axle {

/// False when AXLE_F64_MATH=libm: f64 transcendentals then call libm, for
/// diagnosis (read at each compile).
bool useInlineF64Math();

/// Rewrites every scalar f64 math.exp, math.expm1, math.log and math.log1p as
/// arith/math.fma operations (range reduction and a polynomial), so LLVM can
/// vectorize the loops around them; within 1 ulp of glibc for exp and log,
/// 2 for expm1 and log1p (F64ApproximationTest). With AXLE_F64_MATH=libm,
/// expm1 and log1p become libm calls instead (the upstream LLVM lowering
/// computes them as exp(x)-1 and log(1+x)), and exp and log stay libm calls.
void approximateF64Transcendentals(mlir::ModuleOp module);

} // namespace axle

#endif
