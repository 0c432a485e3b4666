//===- ScalarMath.cpp - Float ops, compare, maximum and minimum -----------===//
//
// Float ops run in f32 or f64. 16-bit floats are widened to f32 by the
// dispatcher and rounded back once at the end, as XLA:CPU does; for the
// correctly rounded ops (+ - * / sqrt) f32 has enough precision that the
// double rounding is innocuous. f32 expm1 and log1p use Kahan's formulations
// because MLIR's LLVM lowering of math.expm1/log1p is exp(x)-1 / log(1+x),
// which loses all precision near zero; f64 keeps math.expm1/log1p, which
// F64Approximations.cpp expands before that lowering.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"
#include "ScalarEmitter.h"

#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;

namespace axle::lowering {

std::string enumWord(Attribute attr) {
  std::string text = attrText(attr);
  size_t end = text.rfind('>');
  if (end == std::string::npos)
    return {};
  size_t begin = text.find_last_of(" <", end);
  return begin == std::string::npos ? std::string()
                                    : text.substr(begin + 1, end - begin - 1);
}

Value Emitter::maximum(Kind kind, Value x, Value y) {
  switch (kind) {
  case Kind::Float: // IEEE maximum: NaN propagates, -0 < +0.
    return arith::MaximumFOp::create(b, loc, x, y);
  case Kind::Signed:
    return arith::MaxSIOp::create(b, loc, x, y);
  case Kind::Unsigned:
    return arith::MaxUIOp::create(b, loc, x, y);
  case Kind::Bool:
    return arith::OrIOp::create(b, loc, x, y);
  }
  return {};
}

Value Emitter::minimum(Kind kind, Value x, Value y) {
  switch (kind) {
  case Kind::Float:
    return arith::MinimumFOp::create(b, loc, x, y);
  case Kind::Signed:
    return arith::MinSIOp::create(b, loc, x, y);
  case Kind::Unsigned:
    return arith::MinUIOp::create(b, loc, x, y);
  case Kind::Bool:
    return arith::AndIOp::create(b, loc, x, y);
  }
  return {};
}

Value Emitter::compare(Operation *op, Kind kind, Value x, Value y,
                       std::string &error) {
  std::string direction = enumWord(getOpAttr(op, "comparison_direction"));
  std::string type = enumWord(getOpAttr(op, "compare_type"));
  static const char *const names[] = {"EQ", "NE", "LT", "LE", "GT", "GE"};
  int index = -1;
  for (int i = 0; i < 6; ++i)
    if (direction == names[i])
      index = i;
  if (index < 0) {
    error = "missing or unknown comparison_direction '" + direction + "'";
    return {};
  }
  if (!type.empty() && type != "NOTYPE" && type != "FLOAT" &&
      type != "TOTALORDER" && type != "SIGNED" && type != "UNSIGNED") {
    error = "unknown compare_type '" + type + "'";
    return {};
  }
  using IP = arith::CmpIPredicate;
  static const IP signedPreds[] = {IP::eq,  IP::ne,  IP::slt,
                                   IP::sle, IP::sgt, IP::sge};
  static const IP unsignedPreds[] = {IP::eq,  IP::ne,  IP::ult,
                                     IP::ule, IP::ugt, IP::uge};
  if (kind == Kind::Float) {
    if (type == "TOTALORDER") {
      // Map the bits to integers whose signed order is the total order:
      // negative floats (sign bit set) have their magnitude bits flipped.
      x = widenHalf(x);
      y = widenHalf(y);
      unsigned width = x.getType().getIntOrFloatBitWidth();
      Type intType = b.getIntegerType(width);
      auto key = [&](Value v) {
        Value bits = bitcast(intType, v);
        Value negative = cmpi(IP::slt, bits, intConst(intType, 0));
        Value flipped = arith::XOrIOp::create(
            b, loc, bits,
            intConst(intType, llvm::APInt::getSignedMaxValue(width)));
        return select(negative, flipped, bits);
      };
      return cmpi(signedPreds[index], key(x), key(y));
    }
    if (!type.empty() && type != "NOTYPE" && type != "FLOAT") {
      error = "compare_type " + type + " does not apply to floats";
      return {};
    }
    // NE is unordered (true with NaN); the others are ordered.
    using P = arith::CmpFPredicate;
    static const P preds[] = {P::OEQ, P::UNE, P::OLT, P::OLE, P::OGT, P::OGE};
    return cmpf(preds[index], widenHalf(x), widenHalf(y));
  }
  if (type == "FLOAT" || type == "TOTALORDER") {
    error = "compare_type " + type + " does not apply to integers";
    return {};
  }
  bool isSigned = type.empty() || type == "NOTYPE" ? kind == Kind::Signed
                                                   : type == "SIGNED";
  return cmpi(isSigned ? signedPreds[index] : unsignedPreds[index], x, y);
}

Value Emitter::floatOp(llvm::StringRef n, ValueRange a) {
  Type type = a[0].getType();
  auto fc = [&](double v) { return floatConst(type, v); };
  if (n == "stablehlo.add")
    return arith::AddFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.subtract")
    return arith::SubFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.multiply")
    return arith::MulFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.divide")
    return arith::DivFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.remainder") // fmod: the sign of the dividend.
    return arith::RemFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.maximum")
    return maximum(Kind::Float, a[0], a[1]);
  if (n == "stablehlo.minimum")
    return minimum(Kind::Float, a[0], a[1]);
  if (n == "stablehlo.power")
    return math::PowFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.atan2")
    return math::Atan2Op::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.negate")
    return arith::NegFOp::create(b, loc, a[0]);
  if (n == "stablehlo.exponential")
    return math::ExpOp::create(b, loc, a[0]);
  if (n == "stablehlo.exponential_minus_one") {
    // f64: F64Approximations.cpp expands it (or calls libm's expm1).
    if (type.isF64())
      return math::ExpM1Op::create(b, loc, a[0]);
    // u = e^x; x if u == 1; u - 1 if u - 1 == -1 or u is inf;
    // else (u - 1) * (x / log(u)) (this order: (u - 1) * x overflows for
    // x near the top of exp's range).
    Value u = math::ExpOp::create(b, loc, a[0]);
    Value um1 = arith::SubFOp::create(b, loc, u, fc(1.0));
    Value r = arith::MulFOp::create(
        b, loc, um1,
        arith::DivFOp::create(b, loc, a[0], math::LogOp::create(b, loc, u)));
    r = select(cmpf(arith::CmpFPredicate::OEQ, um1, fc(-1.0)), um1, r);
    r = select(cmpf(arith::CmpFPredicate::OEQ, u, fc(INFINITY)), u, r);
    return select(cmpf(arith::CmpFPredicate::OEQ, u, fc(1.0)), a[0], r);
  }
  if (n == "stablehlo.log")
    return math::LogOp::create(b, loc, a[0]);
  if (n == "stablehlo.log_plus_one") {
    // f64: F64Approximations.cpp expands it (or calls libm's log1p).
    if (type.isF64())
      return math::Log1pOp::create(b, loc, a[0]);
    // u = 1 + x; x if u == 1; log(u) if u is inf;
    // else log(u) * (x / (u - 1)) (log(u) * x overflows for huge x).
    Value u = arith::AddFOp::create(b, loc, a[0], fc(1.0));
    Value logU = math::LogOp::create(b, loc, u);
    Value r = arith::MulFOp::create(
        b, loc, logU,
        arith::DivFOp::create(b, loc, a[0],
                              arith::SubFOp::create(b, loc, u, fc(1.0))));
    r = select(cmpf(arith::CmpFPredicate::OEQ, u, fc(INFINITY)), logU, r);
    r = select(cmpf(arith::CmpFPredicate::OEQ, u, fc(0.0)), logU, r);
    return select(cmpf(arith::CmpFPredicate::OEQ, u, fc(1.0)), a[0], r);
  }
  if (n == "stablehlo.sqrt")
    return math::SqrtOp::create(b, loc, a[0]);
  if (n == "stablehlo.rsqrt")
    return arith::DivFOp::create(b, loc, fc(1.0),
                                 math::SqrtOp::create(b, loc, a[0]));
  if (n == "stablehlo.cbrt")
    return math::CbrtOp::create(b, loc, a[0]);
  if (n == "stablehlo.tanh")
    return math::TanhOp::create(b, loc, a[0]);
  if (n == "stablehlo.sine")
    return math::SinOp::create(b, loc, a[0]);
  if (n == "stablehlo.cosine")
    return math::CosOp::create(b, loc, a[0]);
  if (n == "stablehlo.tan")
    return math::TanOp::create(b, loc, a[0]);
  if (n == "stablehlo.floor")
    return math::FloorOp::create(b, loc, a[0]);
  if (n == "stablehlo.ceil")
    return math::CeilOp::create(b, loc, a[0]);
  if (n == "stablehlo.round_nearest_even")
    return math::RoundEvenOp::create(b, loc, a[0]);
  if (n == "stablehlo.round_nearest_afz")
    return math::RoundOp::create(b, loc, a[0]);
  if (n == "stablehlo.abs")
    return math::AbsFOp::create(b, loc, a[0]);
  if (n == "stablehlo.sign") {
    // -1, +1, or x itself for +-0 and NaN.
    Value r =
        select(cmpf(arith::CmpFPredicate::OLT, a[0], fc(0.0)), fc(-1.0), a[0]);
    return select(cmpf(arith::CmpFPredicate::OGT, a[0], fc(0.0)), fc(1.0), r);
  }
  if (n == "stablehlo.is_finite")
    return cmpf(arith::CmpFPredicate::ONE, math::AbsFOp::create(b, loc, a[0]),
                fc(INFINITY));
  if (n == "stablehlo.logistic") {
    // With e = exp(-|x|) <= 1 nothing overflows: 1/(1+e) for x >= 0 and
    // e/(1+e) for x < 0, which keeps the tiny (even subnormal) results of
    // large negative x that 1/(1+exp(-x)) flushes to 0 once exp overflows.
    Value e = math::ExpOp::create(
        b, loc, arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, a[0])));
    Value denominator = arith::AddFOp::create(b, loc, fc(1.0), e);
    Value numerator =
        select(cmpf(arith::CmpFPredicate::OLT, a[0], fc(0.0)), e, fc(1.0));
    return arith::DivFOp::create(b, loc, numerator, denominator);
  }
  return {};
}

} // namespace axle::lowering
