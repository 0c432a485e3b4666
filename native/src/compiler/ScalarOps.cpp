//===- ScalarOps.cpp - StableHLO elementwise ops on scalars ---------------===//
//
// Semantics follow the StableHLO spec, with XLA's choices where the spec
// leaves them open and LLVM would have undefined behaviour: integer division
// by zero gives -1 (all ones) and x % 0 gives x; INT_MIN / -1 gives INT_MIN;
// shifts by the bit width or more give 0 (or the sign for arithmetic right).
//
//===----------------------------------------------------------------------===//

#include "ScalarOps.h"

#include "Lowering.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;

namespace axle::lowering {
namespace {

enum class Kind { Float, Signed, Unsigned, Bool };

Kind kindOf(Type type) {
  if (isa<FloatType>(type))
    return Kind::Float;
  auto integer = cast<IntegerType>(type);
  if (integer.getWidth() == 1)
    return Kind::Bool;
  return integer.isUnsigned() ? Kind::Unsigned : Kind::Signed;
}

/// Scalar emission for one op: builder, location, signless element type.
struct Emitter {
  OpBuilder &b;
  Location loc;

  Value intConst(Type type, const APInt &value) {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
  }
  Value intConst(Type type, int64_t value) {
    return intConst(type,
                    APInt(type.getIntOrFloatBitWidth(), value, /*isSigned=*/true));
  }
  Value floatConst(Type type, double value) {
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
  }
  Value cmpi(arith::CmpIPredicate p, Value x, Value y) {
    return arith::CmpIOp::create(b, loc, p, x, y);
  }
  Value cmpf(arith::CmpFPredicate p, Value x, Value y) {
    return arith::CmpFOp::create(b, loc, p, x, y);
  }
  Value select(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }

  /// Integer division and remainder without UB (see file comment).
  Value divRem(bool isDiv, bool isSigned, Value x, Value d) {
    Type type = x.getType();
    unsigned width = type.getIntOrFloatBitWidth();
    Value isZero = cmpi(arith::CmpIPredicate::eq, d, intConst(type, 0));
    Value bad = isZero;
    if (isSigned) {
      Value overflow = arith::AndIOp::create(
          b, loc,
          cmpi(arith::CmpIPredicate::eq, x,
               intConst(type, APInt::getSignedMinValue(width))),
          cmpi(arith::CmpIPredicate::eq, d, intConst(type, -1)));
      bad = arith::OrIOp::create(b, loc, isZero, overflow);
    }
    Value safe = select(bad, intConst(type, 1), d);
    Value r;
    if (isDiv)
      r = isSigned ? Value(arith::DivSIOp::create(b, loc, x, safe))
                   : Value(arith::DivUIOp::create(b, loc, x, safe));
    else
      r = isSigned ? Value(arith::RemSIOp::create(b, loc, x, safe))
                   : Value(arith::RemUIOp::create(b, loc, x, safe));
    // INT_MIN / 1 == INT_MIN and INT_MIN % 1 == 0 already match XLA.
    return select(isZero, isDiv ? intConst(type, -1) : x, r);
  }

  Value shift(llvm::StringRef name, Value x, Value amount) {
    Type type = x.getType();
    unsigned width = type.getIntOrFloatBitWidth();
    Value tooBig =
        cmpi(arith::CmpIPredicate::uge, amount, intConst(type, width));
    if (name == "stablehlo.shift_right_arithmetic") {
      Value clamped = select(tooBig, intConst(type, width - 1), amount);
      return arith::ShRSIOp::create(b, loc, x, clamped);
    }
    Value shifted = name == "stablehlo.shift_left"
                        ? Value(arith::ShLIOp::create(b, loc, x, amount))
                        : Value(arith::ShRUIOp::create(b, loc, x, amount));
    return select(tooBig, intConst(type, 0), shifted);
  }

  Value sign(Kind kind, Value x) {
    Type type = x.getType();
    if (kind == Kind::Float) {
      Value zero = floatConst(type, 0.0);
      Value r = select(cmpf(arith::CmpFPredicate::OLT, x, zero),
                       floatConst(type, -1.0), x);
      return select(cmpf(arith::CmpFPredicate::OGT, x, zero),
                    floatConst(type, 1.0), r);
    }
    Value zero = intConst(type, 0);
    if (kind != Kind::Signed)
      return arith::ExtUIOp::create(
          b, loc, type, cmpi(arith::CmpIPredicate::ne, x, zero));
    Value r = select(cmpi(arith::CmpIPredicate::slt, x, zero),
                     intConst(type, -1), zero);
    return select(cmpi(arith::CmpIPredicate::sgt, x, zero), intConst(type, 1),
                  r);
  }

  Value maximum(Kind kind, Value x, Value y) {
    switch (kind) {
    case Kind::Float:
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

  Value minimum(Kind kind, Value x, Value y) {
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

  Value compare(Operation *op, Kind kind, Value x, Value y, std::string &error);
  Value floatOp(llvm::StringRef name, ValueRange a);
  Value integerOp(llvm::StringRef name, Kind kind, ValueRange a);
};

/// The last word of an opaque enum attribute: `#stablehlo<comparison_direction
/// LT>` -> "LT". Empty when absent.
std::string enumWord(Attribute attr) {
  std::string text = attrText(attr);
  size_t end = text.rfind('>');
  if (end == std::string::npos)
    return {};
  size_t begin = text.find_last_of(" <", end);
  return begin == std::string::npos ? std::string()
                                    : text.substr(begin + 1, end - begin - 1);
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
  if (kind == Kind::Float) {
    // TOTALORDER is treated like FLOAT (NaN ordering is not implemented).
    using P = arith::CmpFPredicate;
    static const P preds[] = {P::OEQ, P::UNE, P::OLT, P::OLE, P::OGT, P::OGE};
    return cmpf(preds[index], x, y);
  }
  bool isSigned = type.empty() || type == "NOTYPE" ? kind == Kind::Signed
                                                   : type == "SIGNED";
  using P = arith::CmpIPredicate;
  static const P signedPreds[] = {P::eq, P::ne, P::slt, P::sle, P::sgt, P::sge};
  static const P unsignedPreds[] = {P::eq,  P::ne,  P::ult,
                                    P::ule, P::ugt, P::uge};
  return cmpi(isSigned ? signedPreds[index] : unsignedPreds[index], x, y);
}

Value Emitter::floatOp(llvm::StringRef n, ValueRange a) {
  Type type = a[0].getType();
  if (n == "stablehlo.add")
    return arith::AddFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.subtract")
    return arith::SubFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.multiply")
    return arith::MulFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.divide")
    return arith::DivFOp::create(b, loc, a[0], a[1]);
  if (n == "stablehlo.remainder")
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
  if (n == "stablehlo.exponential_minus_one")
    return math::ExpM1Op::create(b, loc, a[0]);
  if (n == "stablehlo.log")
    return math::LogOp::create(b, loc, a[0]);
  if (n == "stablehlo.log_plus_one")
    return math::Log1pOp::create(b, loc, a[0]);
  if (n == "stablehlo.sqrt")
    return math::SqrtOp::create(b, loc, a[0]);
  if (n == "stablehlo.rsqrt")
    return math::RsqrtOp::create(b, loc, a[0]);
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
  if (n == "stablehlo.is_finite")
    return cmpf(arith::CmpFPredicate::ONE, math::AbsFOp::create(b, loc, a[0]),
                floatConst(type, INFINITY));
  if (n == "stablehlo.logistic") {
    Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, a[0]));
    Value one = floatConst(type, 1.0);
    return arith::DivFOp::create(b, loc, one,
                                 arith::AddFOp::create(b, loc, one, e));
  }
  return {};
}

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
    return divRem(n == "stablehlo.divide", isSigned, a[0], a[1]);
  if (n == "stablehlo.negate")
    return arith::SubIOp::create(b, loc, intConst(type, 0), a[0]);
  if (n == "stablehlo.abs")
    return isSigned ? Value(math::AbsIOp::create(b, loc, a[0])) : a[0];
  if (n == "stablehlo.sign")
    return sign(kind, a[0]);
  if (n == "stablehlo.shift_left" || n == "stablehlo.shift_right_logical" ||
      n == "stablehlo.shift_right_arithmetic")
    return shift(n, a[0], a[1]);
  if (n == "stablehlo.popcnt")
    return math::CtPopOp::create(b, loc, a[0]);
  if (n == "stablehlo.count_leading_zeros")
    return math::CountLeadingZerosOp::create(b, loc, a[0]);
  return {};
}

/// Operand count each op takes.
unsigned arity(llvm::StringRef name) {
  static const llvm::StringRef ternary[] = {"stablehlo.select",
                                            "stablehlo.clamp"};
  static const llvm::StringRef binary[] = {
      "stablehlo.add",       "stablehlo.subtract",
      "stablehlo.multiply",  "stablehlo.divide",
      "stablehlo.remainder", "stablehlo.power",
      "stablehlo.atan2",     "stablehlo.maximum",
      "stablehlo.minimum",   "stablehlo.and",
      "stablehlo.or",        "stablehlo.xor",
      "stablehlo.compare",   "stablehlo.shift_left",
      "stablehlo.shift_right_logical", "stablehlo.shift_right_arithmetic"};
  if (llvm::is_contained(ternary, name))
    return 3;
  return llvm::is_contained(binary, name) ? 2 : 1;
}

} // namespace

llvm::ArrayRef<llvm::StringRef> scalarOpNames() {
  static const llvm::StringRef names[] = {
      "stablehlo.add", "stablehlo.subtract", "stablehlo.multiply",
      "stablehlo.divide", "stablehlo.remainder", "stablehlo.power",
      "stablehlo.atan2", "stablehlo.maximum", "stablehlo.minimum",
      "stablehlo.and", "stablehlo.or", "stablehlo.xor", "stablehlo.not",
      "stablehlo.compare", "stablehlo.shift_left",
      "stablehlo.shift_right_logical", "stablehlo.shift_right_arithmetic",
      "stablehlo.select", "stablehlo.clamp", "stablehlo.convert",
      "stablehlo.negate", "stablehlo.exponential",
      "stablehlo.exponential_minus_one", "stablehlo.log",
      "stablehlo.log_plus_one", "stablehlo.sqrt", "stablehlo.rsqrt",
      "stablehlo.cbrt", "stablehlo.tanh", "stablehlo.sine", "stablehlo.cosine",
      "stablehlo.tan", "stablehlo.floor", "stablehlo.ceil",
      "stablehlo.round_nearest_even", "stablehlo.round_nearest_afz",
      "stablehlo.abs", "stablehlo.is_finite", "stablehlo.logistic",
      "stablehlo.sign", "stablehlo.popcnt", "stablehlo.count_leading_zeros"};
  return names;
}

Value emitConvert(OpBuilder &b, Location loc, Value value, Type from, Type to) {
  Emitter e{b, loc};
  Kind src = kindOf(from), dst = kindOf(to);
  Type target = toSignless(to);
  unsigned srcWidth = from.getIntOrFloatBitWidth();
  unsigned dstWidth = to.getIntOrFloatBitWidth();
  if (src == Kind::Float && dst == Kind::Float) {
    if (from == to)
      return value;
    if (srcWidth == dstWidth) // f16 <-> bf16: go through f32.
      value = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
    if (value.getType().getIntOrFloatBitWidth() < dstWidth)
      return arith::ExtFOp::create(b, loc, target, value);
    return arith::TruncFOp::create(b, loc, target, value);
  }
  if (src != Kind::Float && dst == Kind::Float)
    return src == Kind::Signed
               ? Value(arith::SIToFPOp::create(b, loc, target, value))
               : Value(arith::UIToFPOp::create(b, loc, target, value));
  if (dst == Kind::Bool)
    return src == Kind::Float
               ? e.cmpf(arith::CmpFPredicate::UNE, value,
                        e.floatConst(from, 0.0))
               : e.cmpi(arith::CmpIPredicate::ne, value,
                        e.intConst(value.getType(), 0));
  if (src == Kind::Float) {
    // fptosi/fptoui are poison out of range; saturate like XLA instead.
    bool isSigned = dst == Kind::Signed;
    Value r = isSigned ? Value(arith::FPToSIOp::create(b, loc, target, value))
                       : Value(arith::FPToUIOp::create(b, loc, target, value));
    double limit = std::ldexp(1.0, isSigned ? dstWidth - 1 : dstWidth);
    APInt maxValue = isSigned ? APInt::getSignedMaxValue(dstWidth)
                              : APInt::getMaxValue(dstWidth);
    APInt minValue = isSigned ? APInt::getSignedMinValue(dstWidth)
                              : APInt::getZero(dstWidth);
    Value low = e.floatConst(from, isSigned ? -limit : -1.0);
    r = e.select(e.cmpf(arith::CmpFPredicate::UNO, value, value),
                 e.intConst(target, 0), r);
    r = e.select(e.cmpf(arith::CmpFPredicate::OLE, value, low),
                 e.intConst(target, minValue), r);
    return e.select(e.cmpf(arith::CmpFPredicate::OGE, value,
                           e.floatConst(from, limit)),
                    e.intConst(target, maxValue), r);
  }
  // Integer (or bool) to integer.
  if (srcWidth == dstWidth)
    return value;
  if (srcWidth > dstWidth)
    return arith::TruncIOp::create(b, loc, target, value);
  return src == Kind::Signed
             ? Value(arith::ExtSIOp::create(b, loc, target, value))
             : Value(arith::ExtUIOp::create(b, loc, target, value));
}

Value emitScalarOp(OpBuilder &b, Location loc, Operation *op, ValueRange args,
                   std::string &error) {
  llvm::StringRef name = op->getName().getStringRef();
  if (op->getNumResults() != 1 || op->getNumOperands() != arity(name) ||
      args.size() != op->getNumOperands()) {
    error = "expects " + std::to_string(arity(name)) +
            " operand(s) and 1 result";
    return {};
  }
  auto elementType = [](Type t) { return getElementTypeOrSelf(t); };
  Type out = elementType(op->getResult(0).getType());
  SmallVector<Type> in;
  for (Type t : op->getOperandTypes())
    in.push_back(elementType(t));
  Emitter e{b, loc};
  auto mismatch = [&]() -> Value {
    error = "operand and result element types do not match";
    return {};
  };

  if (name == "stablehlo.convert")
    return emitConvert(b, loc, args[0], in[0], out);
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
    return e.floatOp(name, args);
  }
  for (Type t : in)
    if (t != out)
      return mismatch();
  Kind kind = kindOf(out);
  if (name == "stablehlo.clamp") // clamp(min, operand, max)
    return e.minimum(kind, e.maximum(kind, args[1], args[0]), args[2]);
  Value result =
      kind == Kind::Float ? e.floatOp(name, args) : e.integerOp(name, kind, args);
  if (!result)
    error = "element type " + attrText(TypeAttr::get(out)) +
            " is not supported by this op";
  return result;
}

} // namespace axle::lowering
