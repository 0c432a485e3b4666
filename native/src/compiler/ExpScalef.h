//===- ExpScalef.h - f32 exp scaled by ldexp where the CPU has vscalefps ---===//

#ifndef AXLE_COMPILER_EXPSCALEF_H
#define AXLE_COMPILER_EXPSCALEF_H

#include "mlir/IR/BuiltinOps.h"

namespace axle {

/// True when f32 exp should take the ldexp form (the host has AVX-512F, where
/// a vector ldexp is one vscalefps; elsewhere LLVM makes it a libm call per
/// element). AXLE_EXP_FORM=portable|scalef forces one form (the tests sweep both).
bool useScalefExp();

/// Rewrites every f32 math.exp as 2^k · p(r) with the 2^k applied by
/// llvm.intr.ldexp, which rounds once into the subnormal range and overflows
/// to inf exactly: no split at the ends and no clamping of k.
void rewriteExpWithScalef(mlir::ModuleOp module);

} // namespace axle

#endif
