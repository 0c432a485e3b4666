//===- F32Approximations.cpp - Inline f32 exp, log, tanh ------------------===//
//
// f32 transcendentals as inline polynomials (MLIR's, after Eigen/Cephes)
// instead of libm calls: the calls block vectorization and cost ~20x per
// element. The set is limited to the functions whose error against libm the
// native tests bound (ApproximationTest); f64 exp, expm1, log and log1p are
// F64Approximations.cpp's, and the rest stay libm.
//
//===----------------------------------------------------------------------===//

#include "ExpScalef.h"
#include "Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;

namespace axle {
namespace {

/// Constant of `type` (f32 scalar or vector of f32).
Value f32Constant(OpBuilder &b, Location loc, Type type, double v) {
  Attribute a = b.getF32FloatAttr(static_cast<float>(v));
  if (auto vector = dyn_cast<VectorType>(type))
    a = DenseElementsAttr::get(vector, a);
  return arith::ConstantOp::create(b, loc, type, cast<TypedAttr>(a));
}

/// The polynomial exp flushes results below 2^-126 to zero (libm and the
/// reference give subnormals, which e.g. logistic of large negative inputs
/// needs) and loses a few ulps just below overflow. At both ends exp(x) =
/// exp(x/2)^2: x/2 is exact and the square rounds once.
void splitExpAtTheEnds(ModuleOp module) {
  module.walk([](math::ExpOp exp) {
    Type type = exp.getType();
    if (!getElementTypeOrSelf(type).isF32() || exp->hasAttr("axle.split"))
      return;
    OpBuilder b(exp);
    Location loc = exp.getLoc();
    Value x = exp.getOperand();
    Value tiny = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                       f32Constant(b, loc, type, -87.33654475));
    Value huge = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                       f32Constant(b, loc, type, 80.0));
    Value split = arith::OrIOp::create(b, loc, tiny, huge);
    Value half =
        arith::MulFOp::create(b, loc, x, f32Constant(b, loc, type, 0.5));
    Value arg = arith::SelectOp::create(b, loc, split, half, x);
    auto e = math::ExpOp::create(b, loc, arg);
    e->setAttr("axle.split", b.getUnitAttr());
    Value squared = arith::MulFOp::create(b, loc, e, e);
    exp.replaceAllUsesWith(
        arith::SelectOp::create(b, loc, split, squared, e).getResult());
    exp.erase();
  });
}

/// The polynomial log reads the exponent field, which is wrong for
/// subnormal inputs: those are scaled by 2^24 first, log(x) = log(x·2^24) -
/// 24·ln 2 (the scaling is exact).
void scaleSubnormalLog(ModuleOp module) {
  module.walk([](math::LogOp log) {
    Type type = log.getType();
    if (!getElementTypeOrSelf(type).isF32() || log->hasAttr("axle.split"))
      return;
    OpBuilder b(log);
    Location loc = log.getLoc();
    Value x = log.getOperand();
    Value subnormal = arith::CmpFOp::create(
        b, loc, arith::CmpFPredicate::OLT, math::AbsFOp::create(b, loc, x),
        f32Constant(b, loc, type, 0x1p-126));
    Value scaled =
        arith::MulFOp::create(b, loc, x, f32Constant(b, loc, type, 0x1p24));
    auto l = math::LogOp::create(
        b, loc, arith::SelectOp::create(b, loc, subnormal, scaled, x));
    l->setAttr("axle.split", b.getUnitAttr());
    // +-0 stays exact: log(0·2^24) = -inf, and -inf - c = -inf.
    Value shifted = arith::SubFOp::create(
        b, loc, l, f32Constant(b, loc, type, 24 * 0.69314718055994530942));
    log.replaceAllUsesWith(
        arith::SelectOp::create(b, loc, subnormal, shifted, l).getResult());
    log.erase();
  });
}

struct ApproximateF32Pass
    : PassWrapper<ApproximateF32Pass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ApproximateF32Pass)
  ApproximateF32Pass() = default;
  ApproximateF32Pass(const ApproximateF32Pass &other) : PassWrapper(other) {}
  StringRef getArgument() const final { return "axle-approximate-f32"; }
  StringRef getDescription() const final {
    return "Rewrite f32 math.exp, math.log and math.tanh as inline "
           "polynomials";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    registry.insert<arith::ArithDialect, math::MathDialect, LLVM::LLVMDialect,
                    vector::VectorDialect>();
  }
  void runOnOperation() final {
    ModuleOp module = getOperation();
    static const llvm::StringSet<> approximated = {"exp", "log", "tanh"};
    // tanh's polynomial is rational and has no exp: only explicit exps
    // change.
    if (expForm == "scalef" || (expForm == "auto" && useScalefExp()))
      rewriteExpWithScalef(module);
    else
      splitExpAtTheEnds(module);
    scaleSubnormalLog(module);
    RewritePatternSet patterns(module.getContext());
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      name.consume_front("math.");
      return approximated.contains(name);
    });
    (void)applyPatternsGreedily(module, std::move(patterns));
  }

  Option<std::string> expForm{
      *this, "exp-form",
      llvm::cl::desc("exp's range handling: scalef (llvm.ldexp), portable "
                     "(exp(x/2)^2 at the ends) or auto (scalef with "
                     "AVX-512F; AXLE_EXP_FORM overrides)"),
      llvm::cl::init("auto")};
};

} // namespace

std::unique_ptr<Pass> createApproximateF32Pass() {
  return std::make_unique<ApproximateF32Pass>();
}

} // namespace axle
