//===- ScalarConvert.cpp - stablehlo.convert on scalars -------------------===//
//
// Conversions round once, to nearest even, whatever the path: the hardware
// (or LLVM's lowering) may only offer f32 -> bf16 with flushed denormals, or
// f64 -> f16 through a libcall, so narrowing to 16-bit floats is done here
// with integer operations. Float to integer saturates and maps NaN to 0
// (XLA's choice; the spec leaves it implementation-defined).
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"
#include "ScalarEmitter.h"
#include "ScalarOps.h"

#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;

namespace axle::lowering {
namespace {

using IP = arith::CmpIPredicate;
using FP = arith::CmpFPredicate;

/// f64 -> f32 rounded to odd: truncated toward zero, with the last bit set
/// when inexact. A later rounding to fewer than 23 bits is then exact RNE.
Value truncToOddF32(Emitter &e, Value x) {
  OpBuilder &b = e.b;
  Type f32 = b.getF32Type(), i32 = b.getI32Type();
  Value t = arith::TruncFOp::create(b, e.loc, f32, x);
  Value back = arith::ExtFOp::create(b, e.loc, b.getF64Type(), t);
  Value exact = e.cmpf(FP::UEQ, back, x); // NaN counts as exact.
  Value bits = e.bitcast(i32, t);
  // RNE rounded away from zero when |t| > |x|: step back toward zero.
  Value absBack = math::AbsFOp::create(b, e.loc, back);
  Value absX = math::AbsFOp::create(b, e.loc, x);
  Value away = e.cmpf(FP::OGT, absBack, absX);
  Value stepped = e.select(
      away, arith::SubIOp::create(b, e.loc, bits, e.intConst(i32, 1)), bits);
  Value odd = arith::OrIOp::create(b, e.loc, stepped, e.intConst(i32, 1));
  return e.select(exact, t, e.bitcast(f32, odd));
}

/// f32 -> bf16, round to nearest even, NaN stays (quiet) NaN.
Value truncF32ToBF16(Emitter &e, Value x) {
  OpBuilder &b = e.b;
  Type i32 = b.getI32Type(), i16 = b.getI16Type();
  Value bits = e.bitcast(i32, x);
  Value lsb = arith::AndIOp::create(
      b, e.loc, arith::ShRUIOp::create(b, e.loc, bits, e.intConst(i32, 16)),
      e.intConst(i32, 1));
  Value bias = arith::AddIOp::create(b, e.loc, lsb, e.intConst(i32, 0x7FFF));
  Value rounded = arith::ShRUIOp::create(
      b, e.loc, arith::AddIOp::create(b, e.loc, bits, bias),
      e.intConst(i32, 16));
  Value nan = arith::OrIOp::create(
      b, e.loc, arith::ShRUIOp::create(b, e.loc, bits, e.intConst(i32, 16)),
      e.intConst(i32, 0x40));
  Value isNaN = e.cmpf(FP::UNO, x, x);
  Value r = e.select(isNaN, nan, rounded);
  return e.bitcast(b.getBF16Type(), arith::TruncIOp::create(b, e.loc, i16, r));
}

} // namespace

Value Emitter::widenHalf(Value x) {
  Type type = x.getType();
  if (type.isF16() || type.isBF16())
    return arith::ExtFOp::create(b, loc, b.getF32Type(), x);
  return x;
}

Value Emitter::roundFloat(Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (from.getIntOrFloatBitWidth() < toWidth)
    return arith::ExtFOp::create(b, loc, to, x);
  if (toWidth == 32)
    return arith::TruncFOp::create(b, loc, to, x);
  if (from.isF64())
    x = truncToOddF32(*this, x);
  if (to.isBF16())
    return truncF32ToBF16(*this, x);
  return arith::TruncFOp::create(b, loc, to, x); // f32 -> f16: one rounding.
}

Value emitConvert(OpBuilder &b, Location loc, Value value, Type from, Type to) {
  Emitter e{b, loc};
  Kind src = kindOf(from), dst = kindOf(to);
  Type target = toSignless(to);
  unsigned srcWidth = from.getIntOrFloatBitWidth();
  unsigned dstWidth = to.getIntOrFloatBitWidth();
  if (src == Kind::Float && dst == Kind::Float)
    return e.roundFloat(e.widenHalf(value), to);
  if (src != Kind::Float && dst == Kind::Float) {
    // Integers of up to 32 bits are exact in f64; round once from there.
    Type wide = dstWidth == 64 || srcWidth > 32 ? target : b.getF64Type();
    if (dstWidth < 32 && srcWidth > 32)
      wide = b.getF64Type(); // i64 -> 16-bit float: may round twice.
    Value r = src == Kind::Signed
                  ? Value(arith::SIToFPOp::create(b, loc, wide, value))
                  : Value(arith::UIToFPOp::create(b, loc, wide, value));
    return e.roundFloat(r, target);
  }
  if (dst == Kind::Bool)
    return src == Kind::Float
               ? e.cmpf(FP::UNE, value, e.floatConst(from, 0.0))
               : e.cmpi(IP::ne, value, e.intConst(value.getType(), 0));
  if (src == Kind::Float) {
    value = e.widenHalf(value);
    Type fromWide = value.getType();
    // fptosi/fptoui are poison out of range; saturate like XLA instead.
    bool isSigned = dst == Kind::Signed;
    Value r = isSigned ? Value(arith::FPToSIOp::create(b, loc, target, value))
                       : Value(arith::FPToUIOp::create(b, loc, target, value));
    double limit = std::ldexp(1.0, isSigned ? dstWidth - 1 : dstWidth);
    APInt maxValue = isSigned ? APInt::getSignedMaxValue(dstWidth)
                              : APInt::getMaxValue(dstWidth);
    APInt minValue = isSigned ? APInt::getSignedMinValue(dstWidth)
                              : APInt::getZero(dstWidth);
    Value low = e.floatConst(fromWide, isSigned ? -limit : -1.0);
    r = e.select(e.cmpf(FP::UNO, value, value), e.intConst(target, 0), r);
    r = e.select(e.cmpf(FP::OLE, value, low), e.intConst(target, minValue), r);
    return e.select(e.cmpf(FP::OGE, value, e.floatConst(fromWide, limit)),
                    e.intConst(target, maxValue), r);
  }
  // Integer (or bool) to integer: wrap on narrowing.
  if (srcWidth == dstWidth)
    return value;
  if (srcWidth > dstWidth)
    return arith::TruncIOp::create(b, loc, target, value);
  return src == Kind::Signed
             ? Value(arith::ExtSIOp::create(b, loc, target, value))
             : Value(arith::ExtUIOp::create(b, loc, target, value));
}

} // namespace axle::lowering
