//===- ScalarOps.cpp - Dispatch and integer ops of the scalar emitter -----===//
//
// Semantics follow the StableHLO spec, with XLA's choices where the spec
// leaves them open and LLVM would have undefined behaviour: integer division
// by zero gives -1 (all ones) and x % 0 gives x; INT_MIN / -1 gives INT_MIN;
// shifts by the bit width or more give 0 (or the sign for arithmetic right).
//
//===----------------------------------------------------------------------===//

#include "ScalarOps.h"

#include "Lowering.h"
#include "ScalarEmitter.h"
#include "StablehloOps.h"

#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace axle::lowering {
namespace {

using IP = arith::CmpIPredicate;

/// Integer division and remainder without UB (see file comment).
Value divRem(Emitter &e, bool isDiv, bool isSigned, Value x, Value d) {
  OpBuilder &b = e.b;
  Type type = x.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  Value isZero = e.cmpi(IP::eq, d, e.intConst(type, 0));
  Value bad = isZero;
  if (isSigned) {
    Value overflow = arith::AndIOp::create(
        b, e.loc,
        e.cmpi(IP::eq, x, e.intConst(type, APInt::getSignedMinValue(width))),
        e.cmpi(IP::eq, d, e.intConst(type, -1)));
    bad = arith::OrIOp::create(b, e.loc, isZero, overflow);
  }
  Value safe = e.select(bad, e.intConst(type, 1), d);
  Value r;
  if (isDiv)
    r = isSigned ? Value(arith::DivSIOp::create(b, e.loc, x, safe))
                 : Value(arith::DivUIOp::create(b, e.loc, x, safe));
  else
    r = isSigned ? Value(arith::RemSIOp::create(b, e.loc, x, safe))
                 : Value(arith::RemUIOp::create(b, e.loc, x, safe));
  // INT_MIN / 1 == INT_MIN and INT_MIN % 1 == 0 already match XLA.
  return e.select(isZero, isDiv ? e.intConst(type, -1) : x, r);
}

Value shift(Emitter &e, llvm::StringRef name, Value x, Value amount) {
  OpBuilder &b = e.b;
  Type type = x.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  // The amount is read as unsigned: a negative i32 amount is >= 32.
  Value tooBig = e.cmpi(IP::uge, amount, e.intConst(type, width));
  if (name == "stablehlo.shift_right_arithmetic") {
    Value clamped = e.select(tooBig, e.intConst(type, width - 1), amount);
    return arith::ShRSIOp::create(b, e.loc, x, clamped);
  }
  Value safe = e.select(tooBig, e.intConst(type, 0), amount);
  Value shifted = name == "stablehlo.shift_left"
                      ? Value(arith::ShLIOp::create(b, e.loc, x, safe))
                      : Value(arith::ShRUIOp::create(b, e.loc, x, safe));
  return e.select(tooBig, e.intConst(type, 0), shifted);
}

/// Integer power by squaring over every exponent bit (no loop needed). For a
/// negative signed exponent: 1 for x == 1, +-1 for x == -1, else 0.
Value integerPower(Emitter &e, bool isSigned, Value x, Value y) {
  OpBuilder &b = e.b;
  Type type = x.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  Value one = e.intConst(type, 1), zero = e.intConst(type, 0);
  Value result = one, base = x;
  for (unsigned bit = 0; bit < width; ++bit) {
    Value set = e.cmpi(
        IP::ne,
        arith::AndIOp::create(
            b, e.loc, y, e.intConst(type, APInt::getOneBitSet(width, bit))),
        zero);
    result =
        e.select(set, arith::MulIOp::create(b, e.loc, result, base), result);
    base = arith::MulIOp::create(b, e.loc, base, base);
  }
  if (!isSigned)
    return result;
  Value oddY = e.cmpi(IP::ne, arith::AndIOp::create(b, e.loc, y, one), zero);
  Value negative =
      e.select(e.cmpi(IP::eq, x, one), one,
               e.select(e.cmpi(IP::eq, x, e.intConst(type, -1)),
                        e.select(oddY, e.intConst(type, -1), one), zero));
  return e.select(e.cmpi(IP::slt, y, zero), negative, result);
}

Value sign(Emitter &e, Kind kind, Value x) {
  Type type = x.getType();
  Value zero = e.intConst(type, 0);
  if (kind != Kind::Signed)
    return arith::ExtUIOp::create(e.b, e.loc, type, e.cmpi(IP::ne, x, zero));
  Value r = e.select(e.cmpi(IP::slt, x, zero), e.intConst(type, -1), zero);
  return e.select(e.cmpi(IP::sgt, x, zero), e.intConst(type, 1), r);
}

} // namespace

Value Emitter::integerOp(llvm::StringRef n, Kind kind, ValueRange a) {
  Type type = a[0].getType();
  bool isSigned = kind == Kind::Signed;
  bool isBool = kind == Kind::Bool;
  // Booleans: add is OR and multiply is AND (StableHLO spec).
  if (n == "stablehlo.add")
    return isBool ? Value(arith::OrIOp::create(b, loc, a[0], a[1]))
                  : Value(arith::AddIOp::create(b, loc, a[0], a[1]));
  if (n == "stablehlo.multiply")
    return isBool ? Value(arith::AndIOp::create(b, loc, a[0], a[1]))
                  : Value(arith::MulIOp::create(b, loc, a[0], a[1]));
  if (n == "stablehlo.and")
    return arith::AndIOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.or")
    return arith::OrIOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.xor")
    return arith::XOrIOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.not")
    return arith::XOrIOp::create(b, loc, a[0], intConst(type, -1));
  if (n == "stablehlo.maximum")
    return maximum(kind, a[0], a[1]);
  if (n == "stablehlo.minimum")
    return minimum(kind, a[0], a[1]);
  if (isBool)
    return {};
  if (n == "stablehlo.subtract")
    return arith::SubIOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.divide" || n == "stablehlo.remainder")
    return divRem(*this, n == "stablehlo.divide", isSigned, a[0], a[1]);
  if (n == "stablehlo.power")
    return integerPower(*this, isSigned, a[0], a[1]);
  if (n == "stablehlo.negate")
    return arith::SubIOp::create(b, loc, intConst(type, 0), a[0]);
  if (n == "stablehlo.abs") // abs(INT_MIN) wraps to INT_MIN.
    return isSigned ? Value(math::AbsIOp::create(b, loc, a[0])) : a[0];
  if (n == "stablehlo.sign")
    return sign(*this, kind, a[0]);
  if (n == "stablehlo.shift_left" || n == "stablehlo.shift_right_logical" ||
      n == "stablehlo.shift_right_arithmetic")
    return shift(*this, n, a[0], a[1]);
  if (n == "stablehlo.popcnt")
    return math::CtPopOp::create(b, loc, a[0]);
  if (n == "stablehlo.count_leading_zeros")
    return math::CountLeadingZerosOp::create(b, loc, a[0]);
  return {};
}

bool isScalarOp(llvm::StringRef name) {
  const StablehloOp *op = findStablehloOp(name);
  return op && op->family == OpFamily::Elementwise && op->operands >= 0;
}

Value emitScalarOp(OpBuilder &b, Location loc, Operation *op, ValueRange args,
                   std::string &error) {
  llvm::StringRef name = op->getName().getStringRef();
  const StablehloOp *entry = findStablehloOp(name);
  int arity = entry ? entry->operands : 1;
  if (op->getNumResults() != 1 || int(op->getNumOperands()) != arity ||
      args.size() != op->getNumOperands()) {
    error = "expects " + std::to_string(arity) + " operand(s) and 1 result";
    return {};
  }
  Type out = getElementTypeOrSelf(op->getResult(0).getType());
  SmallVector<Type> in;
  for (Type t : op->getOperandTypes())
    in.push_back(getElementTypeOrSelf(t));
  Emitter e{b, loc};
  auto mismatch = [&]() -> Value {
    error = "operand and result element types do not match";
    return {};
  };

  if (name == "stablehlo.convert")
    return emitConvert(b, loc, args[0], in[0], out);
  if (name == "stablehlo.bitcast_convert") {
    if (in[0].getIntOrFloatBitWidth() != out.getIntOrFloatBitWidth()) {
      error = "scalar bitcast_convert needs equal bit widths";
      return {};
    }
    return in[0] == out ? args[0] : e.bitcast(toSignless(out), args[0]);
  }
  if (name == "stablehlo.compare") {
    if (in[0] != in[1] || !out.isInteger(1))
      return mismatch();
    return e.compare(op, kindOf(in[0]), args[0], args[1], error);
  }
  if (name == "stablehlo.select") {
    if (!in[0].isInteger(1) || in[1] != out || in[2] != out)
      return mismatch();
    return e.select(args[0], args[1], args[2]);
  }
  if (name == "stablehlo.is_finite") {
    if (!isa<FloatType>(in[0]) || !out.isInteger(1)) {
      error = "expects a float operand and an i1 result";
      return {};
    }
    return e.floatOp(name, e.widenHalf(args[0]));
  }
  for (Type t : in)
    if (t != out)
      return mismatch();
  Kind kind = kindOf(out);
  if (name == "stablehlo.clamp") // clamp(min, operand, max)
    return e.minimum(kind, e.maximum(kind, args[1], args[0]), args[2]);
  Value result;
  if (kind == Kind::Float) {
    SmallVector<Value> wide;
    for (Value arg : args)
      wide.push_back(e.widenHalf(arg));
    result = e.floatOp(name, wide);
    if (result)
      result = e.roundFloat(result, out);
  } else {
    result = e.integerOp(name, kind, args);
  }
  if (!result)
    error = "element type " + attrText(TypeAttr::get(out)) +
            " is not supported by this op";
  return result;
}

} // namespace axle::lowering
