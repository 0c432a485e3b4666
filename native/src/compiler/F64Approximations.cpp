//===- F64Approximations.cpp - Inline f64 exp, expm1, log, log1p ----------===//
//
// f64 transcendentals were libm calls per element: 7-18 ns each on the
// development VM, and a call in the loop body keeps LLVM from vectorizing the
// loop (exp, log and log1p took a large share of the sampler's log-density
// and gradient). Here they become arith operations on the scalar op's operand,
// so the loop vectorizes (<4 x double> on AVX2, <8 x double> on AVX-512).
//
// Neither form uses a table (a vector table lookup is a gather) nor
// llvm.ldexp (a libm call per element without AVX-512):
//   exp, expm1: k = round(x / ln 2), r = x - k ln 2 (Cody-Waite, ln 2 in two
//     parts), exp(r) = 1 + r + r^2 q(r) with q of degree 9 on |r| <= ln2/2;
//     2^k is built from its exponent bits.
//   log, log1p: x = 2^k (1 + f) with 1 + f in [sqrt2/2, sqrt2), s = f/(2+f),
//     log(1+f) = f - f^2/2 + s (f^2/2 + R(s^2)) as in fdlibm's e_log.c, with R
//     of degree 7 (one division per element).
// q and R are minimax fits of our own: native/tools/fit_f64_polynomials.py
// (R's coefficients agree with fdlibm's Lg1..Lg7 to 16 down to 4 digits, the
// higher ones less, with the same error bound); the ln 2 split is fdlibm's
// (the script derives it). Every special value
// (+-0, +-inf, NaN, subnormal inputs and results, the overflow and underflow
// thresholds) is exact; F64ApproximationTest sweeps them against glibc.
//
//===----------------------------------------------------------------------===//

#include "F64Approximations.h"
#include "Passes.h"

#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

using namespace mlir;

namespace axle {
namespace {

// ln 2 = kLn2Head + kLn2Tail: the head has 32 significant bits, so k * head is
// exact for every k here (|k| < 1100), and so is x - k * head (the operands
// are within a factor 2: Sterbenz); only the tail's small product rounds.
constexpr double kLn2Head = 0x1.62e42fee00000p-1;
constexpr double kLn2Tail = 0x1.a39ef35793c76p-33;
constexpr double kInvLn2 = 0x1.71547652b82fep+0;

// Adding 1.5 * 2^52 rounds a double of magnitude < 2^51 to an integer, which
// then sits in the sum's low mantissa bits.
constexpr double kShifter = 0x1.8p52;
constexpr int64_t kShifterBits = 0x4338000000000000;

// exp(r) = 1 + r + r^2 q(r), |r| <= ln2/2: q's coefficients, constant first.
// Relative error of exp 2^-56.4 (fit_f64_polynomials.py).
constexpr double kExpQ[] = {0x1.000000000000ap-1,  0x1.55555555554fap-3,
                            0x1.555555555087cp-5,  0x1.1111111127be7p-7,
                            0x1.6c16c1842a146p-10, 0x1.a01a012a56eaep-13,
                            0x1.a0199a0c6051fp-16, 0x1.71df255414fb1p-19,
                            0x1.28ad72d2ab832p-22, 0x1.ad7f6bf64127cp-26};

// R(z) = z P(z), z = s^2 <= 0.0295: P's coefficients, constant first.
// Absolute error of R 2^-57.9 (fit_f64_polynomials.py).
constexpr double kLogP[] = {0x1.5555555555592p-1, 0x1.999999997fd77p-2,
                            0x1.24924941f4fb5p-2, 0x1.c71c52060803ep-3,
                            0x1.74663fa2250b8p-3, 0x1.39a1a6f733f89p-3,
                            0x1.2f0634870fe1ep-3};

// The bits of sqrt(2)/2 (rounded up): subtracting them moves
// [sqrt2/2, sqrt2) onto one exponent (as ARM's optimized-routines log does).
constexpr int64_t kSqrtHalfBits = 0x3fe6a09e667f3bcd;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Builds f64 arithmetic on values of one type: f64 or a vector of f64 (the
/// integer operations use i64/i32 of the same shape).
class F64Builder {
public:
  F64Builder(OpBuilder &b, Location loc, Type type)
      : b(b), loc(loc), type(type), i64(shaped(b.getI64Type())),
        i32(shaped(b.getI32Type())) {}

  Value exp(Value x);
  Value expm1(Value x);
  Value log(Value x);
  Value log1p(Value x);

private:
  struct Reduced {
    Value k;     // round(x / ln 2) as a double
    Value ki;    // the same as i64
    Value r;     // x - k ln 2, rounded
    Value error; // x - k ln 2 - r, to a few bits
  };
  struct Split {
    Value k; // exponent, as a double
    Value f; // x / 2^k - 1, in [sqrt2/2 - 1, sqrt2 - 1)
  };

  Reduced reduce(Value x);
  Value expm1Kernel(Value r);
  Value pow2(Value k);
  Split split(Value x);
  Value logKernel(const Split &s, Value correction);
  Value logSpecial(Value y, Value x);

  Type shaped(Type element) {
    if (auto vector = dyn_cast<VectorType>(type))
      return vector.clone(element);
    return element;
  }
  Value constant(Type t, TypedAttr scalar) {
    Attribute a = scalar;
    if (auto vector = dyn_cast<VectorType>(t))
      a = DenseElementsAttr::get(vector, scalar);
    return arith::ConstantOp::create(b, loc, t, cast<TypedAttr>(a));
  }
  Value c(double v) { return constant(type, b.getF64FloatAttr(v)); }
  Value ci(int64_t v) { return constant(i64, b.getI64IntegerAttr(v)); }
  Value ci32(int32_t v) { return constant(i32, b.getI32IntegerAttr(v)); }

  Value add(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return arith::DivFOp::create(b, loc, x, y); }
  Value fma(Value x, Value y, Value z) {
    return math::FmaOp::create(b, loc, x, y, z);
  }
  Value cmp(arith::CmpFPredicate p, Value x, Value y) {
    return arith::CmpFOp::create(b, loc, p, x, y);
  }
  Value select(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  Value andi(Value x, Value y) { return arith::AndIOp::create(b, loc, x, y); }
  Value addi(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value subi(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value toBits(Value x) { return arith::BitcastOp::create(b, loc, i64, x); }
  Value fromBits(Value x) { return arith::BitcastOp::create(b, loc, type, x); }

  /// Horner's scheme over `coefficients` (constant first).
  template <size_t N> Value poly(const double (&coefficients)[N], Value x) {
    Value p = c(coefficients[N - 1]);
    for (size_t i = N - 1; i-- > 0;)
      p = fma(p, x, c(coefficients[i]));
    return p;
  }

  /// max(lo, min(x, hi)), NaN passing through (comparisons with NaN are false).
  Value clamp(Value x, double lo, double hi) {
    x = select(cmp(arith::CmpFPredicate::OLT, x, c(lo)), c(lo), x);
    return select(cmp(arith::CmpFPredicate::OGT, x, c(hi)), c(hi), x);
  }

  OpBuilder &b;
  Location loc;
  Type type, i64, i32;
};

F64Builder::Reduced F64Builder::reduce(Value x) {
  // The integer comes from a bitcast, which unlike fptosi is defined for NaN
  // (whose r below is NaN whatever k is).
  Value shifted = fma(x, c(kInvLn2), c(kShifter));
  Value k = sub(shifted, c(kShifter));
  Value ki = subi(toBits(shifted), ci(kShifterBits));
  Value head = fma(k, c(-kLn2Head), x); // exact
  Value r = fma(k, c(-kLn2Tail), head);
  // head - r is exact (they are close), so this is r's rounding error
  // rounded once; only expm1 needs it (LLVM drops it elsewhere).
  Value error = fma(k, c(-kLn2Tail), sub(head, r));
  return {k, ki, r, error};
}

/// expm1(r) = r + r^2 q(r), which exp adds to 1.
Value F64Builder::expm1Kernel(Value r) {
  return fma(mul(r, r), poly(kExpQ, r), r);
}

/// 2^k for k in [-1022, 1023], from its exponent bits.
Value F64Builder::pow2(Value k) {
  Value biased = addi(k, ci(1023));
  return fromBits(arith::ShLIOp::create(b, loc, biased, ci(52)));
}

Value F64Builder::exp(Value x) {
  // Below -746 exp rounds to 0 and above 710 it overflows: clamped, k stays
  // within [-1077, 1025] and the result does not change.
  Reduced red = reduce(clamp(x, -746.0, 710.0));
  Value e = add(c(1.0), expm1Kernel(red.r));
  // 2^k = 2^k1 2^k2 with k1 = floor(k/2) (shifted to be non-negative, so the
  // shift is logical: AVX2 has no 64-bit arithmetic shift): both factors are
  // normal, e * 2^k1 is exact, and the second product rounds once, into the
  // subnormals or to inf as the true value would.
  Value k1 = subi(
      arith::ShRUIOp::create(b, loc, addi(red.ki, ci(2048)), ci(1)).getResult(),
      ci(1024));
  Value k2 = subi(red.ki, k1);
  return mul(mul(e, pow2(k1)), pow2(k2));
}

Value F64Builder::expm1(Value x) {
  // Below -40, expm1 is -1 to within 2^-57; above 710 it overflows.
  Reduced red = reduce(clamp(x, -40.0, 710.0));
  Value r = red.r;
  // expm1(x) = 2^k (1 + expm1(r)) - 1 = (2^k - 1) + 2^k r + 2^k (r^2 q(r)).
  // Rounding expm1(r) first and scaling it costs up to 2 ulps where the sum
  // is smaller than 2^k expm1(r) (k = 1, r near -ln2/2), and so does r's own
  // rounding error; so the large terms are summed exactly (Fast2Sum: for
  // k != 0, |2^k - 1| >= |2^k r|; for k = 0 both the sum and its error are
  // exact), r's error enters as error * (1 + r), and one addition rounds.
  // 2^k - 1 is exact for k >= -53; below, the result is -1 within half an ulp.
  // k = 1024 (x just below the overflow threshold) has no 2^k: scale by
  // 2^1023 and double the result, which is exact or the right overflow.
  Value top = cmp(arith::CmpFPredicate::OGT, red.k, c(1023.0));
  Value scale = pow2(select(top, subi(red.ki, ci(1)), red.ki));
  Value scaleMinus1 = sub(scale, c(1.0));
  Value scaledR = mul(scale, r); // exact
  Value hi = add(scaleMinus1, scaledR);
  Value lo = sub(scaledR, sub(hi, scaleMinus1));
  Value small = fma(mul(r, r), poly(kExpQ, r), fma(red.error, r, red.error));
  Value y = add(hi, fma(scale, small, lo));
  y = select(top, mul(y, c(2.0)), y);
  // expm1(x) = x for |x| < 2^-54: this also keeps -0's sign, which the sums
  // above lose.
  Value tiny = cmp(arith::CmpFPredicate::OLT, math::AbsFOp::create(b, loc, x),
                   c(0x1p-54));
  return select(tiny, x, y);
}

F64Builder::Split F64Builder::split(Value x) {
  Value bits = toBits(x);
  // After subtracting the bits of sqrt(2)/2, the top 12 bits are k (signed);
  // they are read as i32 so the arithmetic shift and the conversion to double
  // are single AVX2 instructions.
  Value moved = subi(bits, ci(kSqrtHalfBits));
  Value high = arith::TruncIOp::create(
      b, loc, i32, arith::ShRUIOp::create(b, loc, moved, ci(32)));
  Value k = arith::SIToFPOp::create(
      b, loc, type, arith::ShRSIOp::create(b, loc, high, ci32(20)));
  Value z = fromBits(subi(bits, andi(moved, ci(int64_t(0xfff0000000000000)))));
  return {k, sub(z, c(1.0))}; // z - 1 is exact (Sterbenz)
}

/// log(2^k (1 + f)) + correction, for a small correction, fdlibm's way: f and
/// k * ln2 head are exact, and the terms that round are small beside them.
Value F64Builder::logKernel(const Split &s, Value correction) {
  Value ratio = div(s.f, add(c(2.0), s.f));
  Value z = mul(ratio, ratio);
  Value r = mul(z, poly(kLogP, z));
  Value halfSquare = mul(mul(c(0.5), s.f), s.f);
  Value low = mul(s.k, c(kLn2Tail));
  if (correction)
    low = add(low, correction);
  Value t = fma(ratio, add(halfSquare, r), low);
  t = sub(sub(halfSquare, t), s.f);
  return fma(s.k, c(kLn2Head), arith::NegFOp::create(b, loc, t));
}

/// `y` where x is positive and finite; otherwise log's special values: -inf
/// at +-0, +inf at +inf, NaN below 0 and at NaN.
Value F64Builder::logSpecial(Value y, Value x) {
  Value positive = cmp(arith::CmpFPredicate::OGT, x, c(0.0));
  Value finite = cmp(arith::CmpFPredicate::OLT, x, c(kInf));
  Value special = select(cmp(arith::CmpFPredicate::OEQ, x, c(0.0)), c(-kInf),
                         select(positive, x, c(kNaN)));
  return select(arith::AndIOp::create(b, loc, positive, finite), y, special);
}

Value F64Builder::log(Value x) {
  // The exponent field is wrong for subnormals: scale them by 2^52 (exactly)
  // first, and take 52 from k.
  Value subnormal = cmp(arith::CmpFPredicate::OLT, x, c(0x1p-1022));
  Split s = split(select(subnormal, mul(x, c(0x1p52)), x));
  s.k = sub(s.k, select(subnormal, c(52.0), c(0.0)));
  return logSpecial(logKernel(s, Value()), x);
}

Value F64Builder::log1p(Value x) {
  // m = 1 + x rounds away the low bits of a small x; x - (m - 1) is that
  // rounding error exactly (for |x| < 2^53; past that it is negligible), and
  // log1p(x) = log(m) + error/m to far better than an ulp.
  Value m = add(x, c(1.0));
  Value correction = div(sub(x, sub(m, c(1.0))), m);
  Value y = logSpecial(logKernel(split(m), correction), m);
  // +-0 keep their sign (the sums above give +0).
  return select(cmp(arith::CmpFPredicate::OEQ, x, c(0.0)), x, y);
}

bool isF64(Operation *op) {
  return getElementTypeOrSelf(op->getResult(0).getType()).isF64();
}

template <typename Op>
void rewrite(ModuleOp module, Value (F64Builder::*form)(Value)) {
  module.walk([&](Op op) {
    if (!isF64(op))
      return;
    OpBuilder b(op);
    F64Builder f64(b, op.getLoc(), op.getType());
    op.replaceAllUsesWith((f64.*form)(op.getOperand()));
    op.erase();
  });
}

} // namespace

bool useInlineF64Math() {
  const char *form = std::getenv("AXLE_F64_MATH");
  return !form || std::strcmp(form, "libm") != 0;
}

namespace {

/// Rewrites every scalar f64 math.exp, math.expm1, math.log and math.log1p as
/// arith/math.fma operations (range reduction and a polynomial), so LLVM can
/// vectorize the loops around them; within 1 ulp of glibc for exp and log,
/// 2 for expm1 and log1p (F64ApproximationTest). With `libm`, expm1 and
/// log1p become libm calls instead (the upstream LLVM lowering computes them
/// as exp(x)-1 and log(1+x)), and exp and log stay libm calls.
struct ApproximateF64Pass
    : PassWrapper<ApproximateF64Pass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ApproximateF64Pass)
  ApproximateF64Pass() = default;
  ApproximateF64Pass(const ApproximateF64Pass &other) : PassWrapper(other) {}
  StringRef getArgument() const final { return "axle-approximate-f64"; }
  StringRef getDescription() const final {
    return "Rewrite f64 math.exp, math.expm1, math.log and math.log1p as "
           "inline polynomials";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    registry
        .insert<arith::ArithDialect, func::FuncDialect, math::MathDialect>();
  }
  void runOnOperation() final {
    ModuleOp module = getOperation();
    if (!libm) {
      rewrite<math::ExpOp>(module, &F64Builder::exp);
      rewrite<math::ExpM1Op>(module, &F64Builder::expm1);
      rewrite<math::LogOp>(module, &F64Builder::log);
      rewrite<math::Log1pOp>(module, &F64Builder::log1p);
      return;
    }
    // convert-math-to-llvm would make these exp(x)-1 and log(1+x), which lose
    // every digit near 0: call libm's expm1 and log1p instead.
    SmallVector<Operation *> ops;
    module.walk([&](Operation *op) {
      if (isa<math::ExpM1Op, math::Log1pOp>(op) && isF64(op))
        ops.push_back(op);
    });
    RewritePatternSet patterns(module.getContext());
    populateMathToLibmConversionPatterns(patterns);
    (void)applyOpPatternsGreedily(ops, std::move(patterns));
  }

  Option<bool> libm{
      *this, "libm",
      llvm::cl::desc("Keep libm calls, for diagnosis (the pipeline sets it "
                     "when AXLE_F64_MATH=libm)"),
      llvm::cl::init(false)};
};

} // namespace

std::unique_ptr<Pass> createApproximateF64Pass() {
  return std::make_unique<ApproximateF64Pass>();
}

} // namespace axle
