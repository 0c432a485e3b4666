//===- ExpScalef.cpp - f32 exp scaled by ldexp where the CPU has vscalefps
//-===//
//
// The portable polynomial exp (MLIR's, after Cephes) builds 2^k from the
// exponent bits, which only covers normal results: F32Approximations.cpp
// computes exp(x/2)^2 at both ends, and clamps k. That is ~34 vector operations
// per element, enough to make logsumexp compute-bound. With AVX-512 a vector
// ldexp is vcvtdq2ps + vscalefps, which scales by any power of two and rounds
// once, so the range handling reduces to clamping x; k is rounded with the
// 1.5·2^23 shifter, and the polynomial is one degree lower than Cephes' (still
// 1 ulp over ApproximationTest's sweep): ~16 operations.
//
//===----------------------------------------------------------------------===//

#include "ExpScalef.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/TargetParser/Host.h"

#include <cstdlib>
#include <cstring>

using namespace mlir;

namespace axle {
namespace {

Value constant(OpBuilder &b, Location loc, float v) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
}

Value clampBelow(OpBuilder &b, Location loc, Value x, float bound) {
  Value c = constant(b, loc, bound);
  Value below = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, c);
  return arith::SelectOp::create(b, loc, below, c, x); // NaN stays NaN
}

Value clampAbove(OpBuilder &b, Location loc, Value x, float bound) {
  Value c = constant(b, loc, bound);
  Value above = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, c);
  return arith::SelectOp::create(b, loc, above, c, x);
}

Value fma(OpBuilder &b, Location loc, Value x, Value y, Value z) {
  return math::FmaOp::create(b, loc, x, y, z);
}

Value expScalef(OpBuilder &b, Location loc, Value x) {
  // exp(-104) < 2^-150 rounds to 0 and exp(89) > FLT_MAX: past these the
  // result no longer changes, and k stays within an i32's range.
  Value c = clampAbove(b, loc, clampBelow(b, loc, x, -104.0f), 89.0f);
  // k = round(x / ln 2) by adding 1.5·2^23: the sum's low mantissa bits are
  // k itself (|k| < 2^22), so the integer comes from a bitcast, which unlike
  // fptosi is defined for NaN (whose e below is NaN whatever k is).
  constexpr float kShifter = 12582912.0f; // 1.5 * 2^23, bits 0x4B400000
  Value shifted = fma(b, loc, c, constant(b, loc, 1.44269504088896341f),
                      constant(b, loc, kShifter));
  Value k = arith::SubFOp::create(b, loc, shifted, constant(b, loc, kShifter));
  Value ki = arith::SubIOp::create(
      b, loc, arith::BitcastOp::create(b, loc, b.getI32Type(), shifted),
      arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0x4B400000)));
  // r = x - k ln 2 in two parts (Cody-Waite), as the portable form does.
  Value r = fma(b, loc, k, constant(b, loc, -0.693359375f), c);
  r = fma(b, loc, k, constant(b, loc, 2.12194440e-4f), r);
  // exp(r) = 1 + r + r^2 p(r) with p of degree 4, fitted (Lawson-weighted
  // least squares, minimax in the relative error of exp) on |r| <= ln2/2:
  // 3e-9 relative, well under f32's rounding. Cephes' expf uses degree 5
  // here; one fma fewer per element. native/tools/fit_exp_polynomial.py.
  Value p = constant(b, loc, 0x1.6a2430p-10f);
  for (float coefficient :
       {0x1.1239e4p-7f, 0x1.5558f2p-5f, 0x1.555492p-3f, 0x1.fffffcp-2f})
    p = fma(b, loc, p, r, constant(b, loc, coefficient));
  Value r2 = arith::MulFOp::create(b, loc, r, r);
  Value e = arith::AddFOp::create(b, loc, fma(b, loc, p, r2, r),
                                  constant(b, loc, 1.0f));
  return LLVM::LoadExpOp::create(b, loc, b.getF32Type(), e, ki);
}

} // namespace

bool useScalefExp() {
  if (const char *form = std::getenv("AXLE_EXP_FORM")) {
    if (std::strcmp(form, "portable") == 0)
      return false;
    if (std::strcmp(form, "scalef") == 0)
      return true;
  }
  static const bool avx512 = llvm::sys::getHostCPUFeatures().lookup("avx512f");
  return avx512;
}

void rewriteExpWithScalef(ModuleOp module) {
  // The module has no LLVM ops yet, so the dialect may not be loaded.
  module.getContext()->getOrLoadDialect<LLVM::LLVMDialect>();
  module.walk([](math::ExpOp exp) {
    // Scalar f32 only: loops are still scalar here (LLVM vectorizes them).
    if (!exp.getType().isF32())
      return;
    OpBuilder b(exp);
    exp.replaceAllUsesWith(expScalef(b, exp.getLoc(), exp.getOperand()));
    exp.erase();
  });
}

} // namespace axle
