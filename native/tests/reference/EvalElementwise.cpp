//===- EvalElementwise.cpp - Elementwise ops ------------------------------===//
//
// Float ops compute on the exact operand values in double and round once to
// the element type; for +, -, *, /, sqrt that is the correctly rounded IEEE
// result for f16, bf16 and f32 (double has more than 2p+2 bits), and exact
// for f64 by construction. Integer ops compute on 64 bits and wrap.
//
//===----------------------------------------------------------------------===//

#include "EvalOps.h"

#include <algorithm>

#include <cmath>
#include <limits>
#include <string_view>

namespace axle::reference {
namespace {

//===-- Scalar semantics ---------------------------------------------------===//

/// IEEE-754 maximum: NaN propagates, +0 > -0.
double floatMax(double x, double y) {
  if (std::isnan(x) || std::isnan(y))
    return std::numeric_limits<double>::quiet_NaN();
  if (x == 0 && y == 0)
    return std::signbit(x) ? y : x;
  return x > y ? x : y;
}

double floatMin(double x, double y) {
  if (std::isnan(x) || std::isnan(y))
    return std::numeric_limits<double>::quiet_NaN();
  if (x == 0 && y == 0)
    return std::signbit(x) ? x : y;
  return x < y ? x : y;
}

uint64_t widthMask(unsigned w) { return w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1; }

/// Raw bits of a tensor element (zero-extended), for bitwise integer ops.
uint64_t raw(const Tensor &t, int64_t i) { return t.bits(i); }

int64_t signExtend(uint64_t bits, unsigned w) {
  if (w < 64 && (bits >> (w - 1)) & 1)
    bits |= ~uint64_t(0) << w;
  return static_cast<int64_t>(bits);
}

bool intLess(ElementType t, uint64_t xBits, uint64_t yBits) {
  unsigned w = bitWidth(t);
  if (isSigned(t))
    return signExtend(xBits, w) < signExtend(yBits, w);
  return xBits < yBits;
}

uint64_t intPower(ElementType t, int64_t base, int64_t exponent) {
  if (isSigned(t) && exponent < 0) {
    if (base == 1)
      return 1;
    if (base == -1)
      return (exponent & 1) ? uint64_t(-1) : 1;
    return 0;
  }
  uint64_t result = 1, b = static_cast<uint64_t>(base);
  uint64_t e = isSigned(t) ? static_cast<uint64_t>(exponent)
                           : static_cast<uint64_t>(exponent) & widthMask(bitWidth(t));
  while (e) {
    if (e & 1)
      result *= b;
    b *= b;
    e >>= 1;
  }
  return result;
}

double floatUnary(mlir::Operation *op, llvm::StringRef n, double x) {
  if (n == "stablehlo.abs")
    return std::fabs(x);
  if (n == "stablehlo.negate")
    return -x;
  if (n == "stablehlo.sqrt")
    return std::sqrt(x);
  if (n == "stablehlo.rsqrt")
    return 1.0 / std::sqrt(x);
  if (n == "stablehlo.cbrt")
    return std::cbrt(x);
  if (n == "stablehlo.exponential")
    return std::exp(x);
  if (n == "stablehlo.exponential_minus_one")
    return std::expm1(x);
  if (n == "stablehlo.log")
    return std::log(x);
  if (n == "stablehlo.log_plus_one")
    return std::log1p(x);
  if (n == "stablehlo.logistic")
    return 1.0 / (1.0 + std::exp(-x));
  if (n == "stablehlo.sine")
    return std::sin(x);
  if (n == "stablehlo.cosine")
    return std::cos(x);
  if (n == "stablehlo.tan")
    return std::tan(x);
  if (n == "stablehlo.tanh")
    return std::tanh(x);
  if (n == "stablehlo.floor")
    return std::floor(x);
  if (n == "stablehlo.ceil")
    return std::ceil(x);
  if (n == "stablehlo.round_nearest_afz")
    return std::round(x); // halfway cases away from zero
  if (n == "stablehlo.round_nearest_even")
    return std::nearbyint(x); // default rounding mode: ties to even
  if (n == "stablehlo.sign") {
    if (std::isnan(x) || x == 0)
      return x;
    return x > 0 ? 1.0 : -1.0;
  }
  fail(op, "not defined for float operands");
}

uint64_t intUnary(mlir::Operation *op, llvm::StringRef n, ElementType t,
                  uint64_t bits) {
  unsigned w = bitWidth(t);
  int64_t s = isSigned(t) ? signExtend(bits, w) : static_cast<int64_t>(bits);
  if (n == "stablehlo.not")
    return isBool(t) ? !bits : ~bits;
  if (isBool(t))
    fail(op, "not defined for i1 operands");
  if (n == "stablehlo.abs") {
    if (!isSigned(t))
      fail(op, "not defined for unsigned operands");
    return static_cast<uint64_t>(s < 0 ? -static_cast<uint64_t>(s) : s);
  }
  if (n == "stablehlo.negate")
    return uint64_t(0) - bits;
  if (n == "stablehlo.sign") {
    if (isSigned(t))
      return s < 0 ? uint64_t(-1) : s > 0 ? 1 : 0;
    return bits != 0;
  }
  if (n == "stablehlo.popcnt")
    return static_cast<uint64_t>(__builtin_popcountll(bits & widthMask(w)));
  if (n == "stablehlo.count_leading_zeros") {
    uint64_t v = bits & widthMask(w);
    return v == 0 ? w : static_cast<uint64_t>(__builtin_clzll(v)) - (64 - w);
  }
  fail(op, "not defined for integer operands");
}

double floatBinary(mlir::Operation *op, llvm::StringRef n, double x, double y) {
  if (n == "stablehlo.add")
    return x + y;
  if (n == "stablehlo.subtract")
    return x - y;
  if (n == "stablehlo.multiply")
    return x * y;
  if (n == "stablehlo.divide")
    return x / y;
  if (n == "stablehlo.remainder")
    return std::fmod(x, y); // exact; sign of the dividend
  if (n == "stablehlo.maximum")
    return floatMax(x, y);
  if (n == "stablehlo.minimum")
    return floatMin(x, y);
  if (n == "stablehlo.power")
    return std::pow(x, y);
  if (n == "stablehlo.atan2")
    return std::atan2(x, y);
  fail(op, "not defined for float operands");
}

uint64_t intBinary(mlir::Operation *op, llvm::StringRef n, ElementType t,
                   uint64_t xb, uint64_t yb) {
  unsigned w = bitWidth(t);
  bool sgn = isSigned(t);
  int64_t xs = signExtend(xb, w), ys = signExtend(yb, w);
  if (n == "stablehlo.and")
    return xb & yb;
  if (n == "stablehlo.or")
    return xb | yb;
  if (n == "stablehlo.xor")
    return xb ^ yb;
  if (n == "stablehlo.maximum")
    return isBool(t) ? (xb | yb) : intLess(t, xb, yb) ? yb : xb;
  if (n == "stablehlo.minimum")
    return isBool(t) ? (xb & yb) : intLess(t, xb, yb) ? xb : yb;
  if (isBool(t)) {
    if (n == "stablehlo.add")
      return xb | yb;
    if (n == "stablehlo.multiply")
      return xb & yb;
    fail(op, "not defined for i1 operands");
  }
  if (n == "stablehlo.add")
    return xb + yb;
  if (n == "stablehlo.subtract")
    return xb - yb;
  if (n == "stablehlo.multiply")
    return xb * yb;
  if (n == "stablehlo.divide" || n == "stablehlo.remainder") {
    bool div = n == "stablehlo.divide";
    if (yb == 0)
      return div ? ~uint64_t(0) : xb;
    if (!sgn)
      return div ? xb / yb : xb % yb;
    int64_t minValue = signExtend(uint64_t(1) << (w - 1), w);
    if (xs == minValue && ys == -1)
      return div ? static_cast<uint64_t>(minValue) : 0;
    return static_cast<uint64_t>(div ? xs / ys : xs % ys);
  }
  if (n == "stablehlo.power")
    return intPower(t, sgn ? xs : static_cast<int64_t>(xb), sgn ? ys : static_cast<int64_t>(yb));
  if (n == "stablehlo.shift_left")
    return yb >= w ? 0 : xb << yb;
  if (n == "stablehlo.shift_right_logical")
    return yb >= w ? 0 : xb >> yb;
  if (n == "stablehlo.shift_right_arithmetic")
    return static_cast<uint64_t>(signExtend(xb, w) >> (yb >= w ? w - 1 : yb));
  fail(op, "not defined for integer operands");
}

/// Key that orders floats like TOTALORDER: -NaN < -inf < ... < -0 < +0 < ...
/// < +inf < +NaN.
int64_t totalOrderKey(ElementType t, uint64_t bits) {
  unsigned w = bitWidth(t);
  uint64_t sign = uint64_t(1) << (w - 1);
  int64_t magnitude = static_cast<int64_t>(bits & (sign - 1));
  return (bits & sign) ? -magnitude - 1 : magnitude;
}

bool applyDirection(mlir::Operation *op, const std::string &dir, int cmp,
                    bool unordered) {
  // cmp: -1 less, 0 equal, 1 greater; unordered: a NaN was involved (FLOAT).
  if (dir == "EQ")
    return !unordered && cmp == 0;
  if (dir == "NE")
    return unordered || cmp != 0;
  if (dir == "LT")
    return !unordered && cmp < 0;
  if (dir == "LE")
    return !unordered && cmp <= 0;
  if (dir == "GT")
    return !unordered && cmp > 0;
  if (dir == "GE")
    return !unordered && cmp >= 0;
  fail(op, "unknown comparison_direction '" + dir + "'");
}

//===-- Ops ----------------------------------------------------------------===//

std::vector<Tensor> evalUnary(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 1);
  Tensor r(resultType(op));
  llvm::StringRef n = op->getName().getStringRef();
  ElementType t = a[0].element();
  if (n == "stablehlo.is_finite") {
    if (!isFloat(t))
      fail(op, "expects a float operand");
    for (int64_t i = 0; i < r.size(); ++i)
      r.setInt(i, std::isfinite(a[0].getFloat(i)));
    return {r};
  }
  if (r.type() != a[0].type())
    fail(op, "result type must equal the operand type");
  for (int64_t i = 0; i < r.size(); ++i) {
    if (isFloat(t))
      r.setFloat(i, floatUnary(op, n, a[0].getFloat(i)));
    else
      r.setInt(i, intUnary(op, n, t, raw(a[0], i)));
  }
  return {r};
}

std::vector<Tensor> evalBinary(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 2);
  Tensor r(resultType(op));
  if (a[0].type() != r.type() || a[1].type() != r.type())
    fail(op, "operand and result types must be equal");
  llvm::StringRef n = op->getName().getStringRef();
  ElementType t = r.element();
  for (int64_t i = 0; i < r.size(); ++i) {
    if (isFloat(t))
      r.setFloat(i, floatBinary(op, n, a[0].getFloat(i), a[1].getFloat(i)));
    else
      r.setInt(i, intBinary(op, n, t, raw(a[0], i), raw(a[1], i)));
  }
  return {r};
}

std::vector<Tensor> evalCompare(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 2);
  Tensor r(resultType(op));
  if (a[0].type() != a[1].type() || a[0].dims() != r.dims() ||
      r.element() != ElementType::I1)
    fail(op, "expects equal operand types and an i1 result of their shape");
  std::string dir = enumWord(op, "comparison_direction");
  std::string kind = enumWord(op, "compare_type");
  ElementType t = a[0].element();
  if (kind.empty() || kind == "NOTYPE")
    kind = isFloat(t) ? "FLOAT" : isSigned(t) ? "SIGNED" : "UNSIGNED";
  if (isFloat(t) != (kind == "FLOAT" || kind == "TOTALORDER"))
    fail(op, "compare_type " + kind + " does not fit " + typeName(t));
  for (int64_t i = 0; i < r.size(); ++i) {
    int cmp = 0;
    bool unordered = false;
    uint64_t xb = raw(a[0], i), yb = raw(a[1], i);
    if (kind == "FLOAT") {
      double x = a[0].getFloat(i), y = a[1].getFloat(i);
      unordered = std::isnan(x) || std::isnan(y);
      cmp = x < y ? -1 : x > y ? 1 : 0;
    } else if (kind == "TOTALORDER") {
      int64_t x = totalOrderKey(t, xb), y = totalOrderKey(t, yb);
      cmp = x < y ? -1 : x > y ? 1 : 0;
    } else if (kind == "SIGNED") {
      int64_t x = signExtend(xb, bitWidth(t)), y = signExtend(yb, bitWidth(t));
      cmp = x < y ? -1 : x > y ? 1 : 0;
    } else {
      cmp = xb < yb ? -1 : xb > yb ? 1 : 0;
    }
    r.setInt(i, applyDirection(op, dir, cmp, unordered));
  }
  return {r};
}

/// Element `i` of an operand that is either full-size or rank-0 (broadcast).
int64_t at(const Tensor &t, int64_t i) { return t.rank() == 0 ? 0 : i; }

std::vector<Tensor> evalSelect(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 3);
  Tensor r(resultType(op));
  if (a[0].element() != ElementType::I1 ||
      (a[0].rank() != 0 && a[0].dims() != r.dims()) || a[1].type() != r.type() ||
      a[2].type() != r.type())
    fail(op, "expects (i1 pred of the result shape or rank 0, on_true, on_false)");
  for (int64_t i = 0; i < r.size(); ++i)
    r.setBits(i, a[0].getInt(at(a[0], i)) ? a[1].bits(i) : a[2].bits(i));
  return {r};
}

std::vector<Tensor> evalClamp(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 3);
  Tensor r(resultType(op));
  for (const Tensor *bound : {&a[0], &a[2]})
    if (bound->element() != r.element() ||
        (bound->rank() != 0 && bound->dims() != r.dims()))
      fail(op, "min and max must have the operand's type or be rank 0");
  if (a[1].type() != r.type())
    fail(op, "operand and result types must be equal");
  ElementType t = r.element();
  for (int64_t i = 0; i < r.size(); ++i) {
    int64_t lo = at(a[0], i), hi = at(a[2], i);
    if (isFloat(t)) {
      r.setFloat(i, floatMin(floatMax(a[1].getFloat(i), a[0].getFloat(lo)),
                             a[2].getFloat(hi)));
    } else {
      uint64_t x = raw(a[1], i), l = raw(a[0], lo), h = raw(a[2], hi);
      if (isBool(t)) {
        r.setInt(i, (x | l) & h);
        continue;
      }
      uint64_t m = intLess(t, x, l) ? l : x;
      r.setInt(i, intLess(t, h, m) ? h : m);
    }
  }
  return {r};
}

std::vector<Tensor> evalConvert(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 1);
  Tensor r(resultType(op));
  if (r.dims() != a[0].dims())
    fail(op, "result shape must equal the operand shape");
  ElementType from = a[0].element(), to = r.element();
  unsigned w = bitWidth(to);
  for (int64_t i = 0; i < r.size(); ++i) {
    if (isFloat(from)) {
      double v = a[0].getFloat(i);
      if (isFloat(to)) {
        r.setFloat(i, v);
      } else if (isBool(to)) {
        r.setInt(i, v != 0 || std::isnan(v));
      } else if (std::isnan(v)) {
        r.setInt(i, 0);
      } else {
        double t = std::trunc(v);
        if (isSigned(to)) {
          double limit = std::ldexp(1.0, w - 1);
          r.setInt(i, t >= limit    ? (uint64_t(1) << (w - 1)) - 1
                      : t < -limit ? uint64_t(1) << (w - 1)
                                   : static_cast<uint64_t>(static_cast<int64_t>(t)));
        } else {
          double limit = std::ldexp(1.0, w);
          r.setInt(i, t >= limit ? widthMask(w)
                      : t <= 0   ? 0
                                 : static_cast<uint64_t>(t));
        }
      }
      continue;
    }
    uint64_t v = static_cast<uint64_t>(a[0].getInt(i)); // sign-aware
    if (isFloat(to))
      r.setBits(i, floatBitsFromInt(to, v, isSigned(from)));
    else
      r.setInt(i, v);
  }
  return {r};
}

std::vector<Tensor> evalBitcastConvert(Interpreter &, mlir::Operation *op,
                                       const Operands &a) {
  expectOperands(op, a, 1);
  Tensor r(resultType(op));
  // Across widths the narrow side has one more trailing dimension of size
  // wide/narrow; element k of it holds bits [k*narrow, (k+1)*narrow) of the
  // wide element (little-endian, as XLA), which is a copy of the bytes.
  unsigned from = bitWidth(a[0].element()), to = bitWidth(r.element());
  const std::vector<int64_t> &in = a[0].dims(), &out = r.dims();
  bool ok = from == to ? in == out
            : from > to
                ? out.size() == in.size() + 1 && out.back() == from / to &&
                      std::equal(in.begin(), in.end(), out.begin())
                : in.size() == out.size() + 1 && in.back() == to / from &&
                      std::equal(out.begin(), out.end(), in.begin());
  if (!ok || isBool(r.element()) || isBool(a[0].element()))
    fail(op, "shapes do not fit a bitcast between these types");
  r.bytes() = a[0].bytes();
  return {r};
}

} // namespace

void addElementwiseOps(OpTable &table) {
  // Names and operand counts come from the compiler's op catalog (only the
  // names: the semantics here stay independent of the compiler's). An
  // elementwise op of one operand is unary, of two binary; the others, and
  // those with their own rules, are named below.
#define AXLE_STABLEHLO_OP(Ident, Name, Operands, Family)                       \
  if (std::string_view(#Family) == "Elementwise" && (Operands) == 1)           \
    table[Name] = evalUnary;                                                   \
  else if (std::string_view(#Family) == "Elementwise" && (Operands) == 2)      \
    table[Name] = evalBinary;
#include "../../src/compiler/StablehloOps.def"
  table["stablehlo.compare"] = evalCompare;
  table["stablehlo.select"] = evalSelect;
  table["stablehlo.clamp"] = evalClamp;
  table["stablehlo.convert"] = evalConvert;
  table["stablehlo.bitcast_convert"] = evalBitcastConvert;
}

} // namespace axle::reference
