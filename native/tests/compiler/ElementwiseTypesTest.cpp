//===- ElementwiseTypesTest.cpp - Elementwise ops per dtype group ---------===//
//
// Several ops per program (one compile each), checked against C++ loops,
// with the spec's edge cases: integer min/max, shifts past the width,
// negative exponents, -0.0, NaN and infinities, 16-bit float rounding.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include <limits>
#include <type_traits>

namespace axle::test {
namespace {

/// "%rK = op(%a[, %b])" for each op, all on tensors of `t`.
std::string opsProgram(const std::string &t,
                       const std::vector<std::string> &ops, int arity) {
  std::string body, rets, types;
  std::vector<std::string> results;
  for (size_t k = 0; k < ops.size(); ++k) {
    std::string r = "%r" + std::to_string(k);
    body += "  " + r + " = \"stablehlo." + ops[k] + "\"(%a" +
            (arity == 2 ? ", %b" : "") + ") : (" + t +
            (arity == 2 ? ", " + t : "") + ") -> " + t + "\n";
    rets += (k ? ", " : "") + r;
    types += (k ? ", " : "") + t;
    results.push_back(t);
  }
  body += "  \"func.return\"(" + rets + ") : (" + types + ") -> ()";
  std::vector<std::string> params(arity, t);
  return program(params, results, body);
}

template <typename T> void checkIntegerOps(const std::string &name) {
  using L = std::numeric_limits<T>;
  constexpr bool isSigned = L::is_signed;
  constexpr int bits = sizeof(T) * 8;
  std::vector<T> a = {T(7), T(0), L::max(), L::min(), T(5), T(1), T(12), T(3)};
  std::vector<T> b = {T(2), T(3),    T(1),        T(isSigned ? -1 : 2),
                      T(0), T(bits), T(bits + 3), T(isSigned ? -2 : 5)};
  if constexpr (isSigned) {
    a.push_back(T(-7));
    b.push_back(T(2));
  } else {
    a.push_back(T(9));
    b.push_back(T(L::max()));
  }
  int64_t n = a.size();
  std::string t = tensor(name, {n});
  std::vector<std::string> ops = {"add",
                                  "subtract",
                                  "multiply",
                                  "divide",
                                  "remainder",
                                  "maximum",
                                  "minimum",
                                  "shift_left",
                                  "shift_right_logical",
                                  "shift_right_arithmetic",
                                  "and",
                                  "or",
                                  "xor",
                                  "power"};
  auto exe = compileOk(opsProgram(t, ops, 2));
  ASSERT_TRUE(exe);
  auto out = runAll(*exe, {a.data(), b.data()});
  using U = std::make_unsigned_t<T>;
  // Products in at least `unsigned`: u8/u16 operands would promote to int,
  // whose overflow is undefined (UBSan in test-native-asan).
  using W = std::common_type_t<U, unsigned>;
  for (int64_t i = 0; i < n; ++i) {
    T x = a[i], y = b[i];
    U ux = U(x), uy = U(y);
    T div, rem;
    if (y == 0) {
      div = T(-1);
      rem = x;
    } else if (isSigned && x == L::min() && y == T(-1)) {
      div = x;
      rem = 0;
    } else {
      div = T(x / y);
      rem = T(x % y);
    }
    T power;
    if (isSigned && y < 0) {
      power = x == 1 ? T(1) : x == T(-1) ? T((y & 1) ? -1 : 1) : T(0);
    } else {
      U r = 1, base = ux;
      for (U e = uy; e; e >>= 1, base = U(W(base) * W(base)))
        if (e & 1)
          r = U(W(r) * W(base));
      power = T(r);
    }
    bool big = uy >= U(bits);
    T expected[] = {T(U(ux + uy)), T(U(ux - uy)), T(U(W(ux) * W(uy))), div, rem,
                    std::max(x, y), std::min(x, y), big ? T(0) : T(U(ux << uy)),
                    big ? T(0) : T(ux >> uy),
                    // Arithmetic shift of the bits, whatever the signedness.
                    T(std::make_signed_t<T>(x) >> (big ? bits - 1 : int(uy))),
                    T(x & y), T(x | y), T(x ^ y), power};
    for (size_t k = 0; k < ops.size(); ++k)
      EXPECT_EQ(as<T>(out[k])[i], expected[k])
          << name << " " << ops[k] << " (" << +x << ", " << +y << ")";
  }
}

TEST(ElementwiseTypes, IntegerBinaryAllWidths) {
  checkIntegerOps<int8_t>("i8");
  checkIntegerOps<int16_t>("i16");
  checkIntegerOps<int32_t>("i32");
  checkIntegerOps<int64_t>("i64");
  checkIntegerOps<uint8_t>("ui8");
  checkIntegerOps<uint16_t>("ui16");
  checkIntegerOps<uint32_t>("ui32");
  checkIntegerOps<uint64_t>("ui64");
}

template <typename T> void checkIntegerUnary(const std::string &name) {
  using L = std::numeric_limits<T>;
  std::vector<T> a = {T(0), T(1), L::max(), L::min(), T(6), T(L::max() - 1)};
  std::string t = tensor(name, {int64_t(a.size())});
  std::vector<std::string> ops = {"abs", "negate", "sign",
                                  "not", "popcnt", "count_leading_zeros"};
  auto exe = compileOk(opsProgram(t, ops, 1));
  ASSERT_TRUE(exe);
  auto out = runAll(*exe, {a.data()});
  using U = std::make_unsigned_t<T>;
  constexpr int bits = sizeof(T) * 8;
  for (size_t i = 0; i < a.size(); ++i) {
    T x = a[i];
    U ux = U(x);
    int pop = 0, clz = 0;
    for (int k = 0; k < bits; ++k)
      pop += (ux >> k) & 1;
    while (clz < bits && !((ux >> (bits - 1 - clz)) & 1))
      ++clz;
    T abs = L::is_signed && x < 0 ? T(U(0) - ux) : x;
    T sign = L::is_signed ? T(x > 0 ? 1 : x < 0 ? -1 : 0) : T(x != 0);
    T expected[] = {abs, T(U(0) - ux), sign, T(~ux), T(pop), T(clz)};
    for (size_t k = 0; k < ops.size(); ++k)
      EXPECT_EQ(as<T>(out[k])[i], expected[k])
          << name << " " << ops[k] << " of " << +x;
  }
}

TEST(ElementwiseTypes, IntegerUnaryAllWidths) {
  checkIntegerUnary<int8_t>("i8");
  checkIntegerUnary<int16_t>("i16");
  checkIntegerUnary<int32_t>("i32");
  checkIntegerUnary<int64_t>("i64");
  checkIntegerUnary<uint8_t>("ui8");
  checkIntegerUnary<uint16_t>("ui16");
  checkIntegerUnary<uint32_t>("ui32");
  checkIntegerUnary<uint64_t>("ui64");
}

TEST(ElementwiseTypes, BooleanOps) {
  std::vector<uint8_t> a = {0, 0, 1, 1}, b = {0, 1, 0, 1};
  std::vector<std::string> ops = {"and", "or", "xor", "maximum", "minimum"};
  auto exe = compileOk(opsProgram(tensor("i1", {4}), ops, 2));
  ASSERT_TRUE(exe);
  auto out = runAll(*exe, {a.data(), b.data()});
  EXPECT_EQ(as<uint8_t>(out[0]), (std::vector<uint8_t>{0, 0, 0, 1}));
  EXPECT_EQ(as<uint8_t>(out[1]), (std::vector<uint8_t>{0, 1, 1, 1}));
  EXPECT_EQ(as<uint8_t>(out[2]), (std::vector<uint8_t>{0, 1, 1, 0}));
  EXPECT_EQ(as<uint8_t>(out[3]), (std::vector<uint8_t>{0, 1, 1, 1}));
  EXPECT_EQ(as<uint8_t>(out[4]), (std::vector<uint8_t>{0, 0, 0, 1}));
  auto notExe = compileOk(opsProgram(tensor("i1", {4}), {"not"}, 1));
  ASSERT_TRUE(notExe);
  EXPECT_EQ(as<uint8_t>(runAll(*notExe, {a.data()})[0]),
            (std::vector<uint8_t>{1, 1, 0, 0}));
}

template <typename T> void checkFloatUnary(const std::string &name) {
  const T inf = std::numeric_limits<T>::infinity();
  const T nan = std::numeric_limits<T>::quiet_NaN();
  std::vector<T> a = {T(0.5), T(-0.0), T(0.0), T(1e-7), T(-2.5),  T(2.5),
                      T(3.5), inf,     -inf,   nan,     T(-1e-9), T(0.75)};
  std::string t = tensor(name, {int64_t(a.size())});
  std::vector<std::string> ops = {"exponential_minus_one",
                                  "log_plus_one",
                                  "sign",
                                  "round_nearest_afz",
                                  "round_nearest_even",
                                  "ceil",
                                  "floor",
                                  "cbrt",
                                  "tan",
                                  "cosine",
                                  "sine",
                                  "logistic",
                                  "rsqrt",
                                  "abs",
                                  "negate",
                                  "sqrt",
                                  "log",
                                  "exponential",
                                  "tanh"};
  auto exe = compileOk(opsProgram(t, ops, 1));
  ASSERT_TRUE(exe);
  auto out = runAll(*exe, {a.data()});
  for (size_t i = 0; i < a.size(); ++i) {
    T x = a[i];
    T sign = x > 0 ? T(1) : x < 0 ? T(-1) : x;
    T expected[] = {
        std::expm1(x),       std::log1p(x),     sign,
        std::round(x),       std::nearbyint(x), std::ceil(x),
        std::floor(x),       std::cbrt(x),      std::tan(x),
        std::cos(x),         std::sin(x),       T(1) / (T(1) + std::exp(-x)),
        T(1) / std::sqrt(x), std::fabs(x),      -x,
        std::sqrt(x),        std::log(x),       std::exp(x),
        std::tanh(x)};
    for (size_t k = 0; k < ops.size(); ++k) {
      T got = as<T>(out[k])[i];
      SCOPED_TRACE(name + " " + ops[k] + " of " + std::to_string(x));
      if (std::isnan(expected[k])) {
        EXPECT_TRUE(std::isnan(got)) << got;
      } else if (std::isinf(expected[k]) || expected[k] == 0) {
        EXPECT_EQ(got, expected[k]);
        EXPECT_EQ(std::signbit(got), std::signbit(expected[k]));
      } else {
        // A few ulps, relative: expm1/log1p near 0 must keep full precision.
        T tol = std::numeric_limits<T>::epsilon() * 4 * std::fabs(expected[k]);
        EXPECT_NEAR(got, expected[k], tol);
      }
    }
  }
}

TEST(ElementwiseTypes, FloatUnaryEdgeCases) {
  checkFloatUnary<float>("f32");
  checkFloatUnary<double>("f64");
}

template <typename T> void checkFloatBinary(const std::string &name) {
  const T inf = std::numeric_limits<T>::infinity();
  const T nan = std::numeric_limits<T>::quiet_NaN();
  std::vector<T> a = {T(5.5), T(-5.5), T(5.5), T(-0.0), nan,
                      T(1),   T(2),    T(-8),  inf,     T(0)};
  std::vector<T> b = {T(2), T(2),   T(-2),      T(0.0), T(1),
                      nan,  T(0.5), T(1.0 / 3), T(1),   T(-1)};
  std::string t = tensor(name, {int64_t(a.size())});
  std::vector<std::string> ops = {"remainder", "maximum", "minimum",
                                  "atan2",     "power",   "divide"};
  auto exe = compileOk(opsProgram(t, ops, 2));
  ASSERT_TRUE(exe);
  auto out = runAll(*exe, {a.data(), b.data()});
  for (size_t i = 0; i < a.size(); ++i) {
    T x = a[i], y = b[i];
    T mx = std::isnan(x) || std::isnan(y) ? nan
           : x == y                       ? (std::signbit(x) ? y : x)
                                          : std::max(x, y);
    T mn = std::isnan(x) || std::isnan(y) ? nan
           : x == y                       ? (std::signbit(x) ? x : y)
                                          : std::min(x, y);
    T expected[] = {std::fmod(x, y), mx,   mn, std::atan2(x, y),
                    std::pow(x, y),  x / y};
    for (size_t k = 0; k < ops.size(); ++k) {
      T got = as<T>(out[k])[i];
      SCOPED_TRACE(name + " " + ops[k] + " at " + std::to_string(i));
      if (std::isnan(expected[k]))
        EXPECT_TRUE(std::isnan(got)) << got;
      else if (std::isinf(expected[k]))
        EXPECT_EQ(got, expected[k]);
      else {
        EXPECT_NEAR(got, expected[k],
                    std::numeric_limits<T>::epsilon() * 4 *
                        std::fabs(expected[k]));
        EXPECT_EQ(std::signbit(got), std::signbit(expected[k]));
      }
    }
  }
}

TEST(ElementwiseTypes, FloatBinaryEdgeCases) {
  checkFloatBinary<float>("f32");
  checkFloatBinary<double>("f64");
}

/// 16-bit floats compute in f32 and round once to nearest even.
void checkHalf(const std::string &name, uint16_t (*to)(float),
               float (*from)(uint16_t)) {
  std::vector<float> values = {1.0f, 3.14159f, -2.5f,    1000.0f,
                               0.1f, -0.0f,    65504.0f, 1e-3f};
  std::vector<uint16_t> a, b;
  for (size_t i = 0; i < values.size(); ++i) {
    a.push_back(to(values[i]));
    b.push_back(to(values[(i + 3) % values.size()]));
  }
  std::string t = tensor(name, {int64_t(a.size())});
  std::vector<std::string> binary = {"add", "multiply", "divide", "maximum"};
  auto exe = compileOk(opsProgram(t, binary, 2));
  ASSERT_TRUE(exe);
  auto out = runAll(*exe, {a.data(), b.data()});
  for (size_t i = 0; i < a.size(); ++i) {
    float x = from(a[i]), y = from(b[i]);
    float expected[] = {x + y, x * y, x / y, std::max(x, y)};
    for (size_t k = 0; k < binary.size(); ++k)
      EXPECT_EQ(as<uint16_t>(out[k])[i], to(expected[k]))
          << name << " " << binary[k] << " " << x << ", " << y;
  }
  std::vector<std::string> unary = {"exponential", "sqrt", "tanh", "negate",
                                    "sine"};
  auto un = compileOk(opsProgram(t, unary, 1));
  ASSERT_TRUE(un);
  auto outU = runAll(*un, {a.data()});
  for (size_t i = 0; i < a.size(); ++i) {
    float x = from(a[i]);
    float expected[] = {std::exp(x), std::sqrt(x), std::tanh(x), -x,
                        std::sin(x)};
    for (size_t k = 0; k < unary.size(); ++k) {
      float got = from(as<uint16_t>(outU[k])[i]);
      if (std::isnan(expected[k]))
        EXPECT_TRUE(std::isnan(got));
      else if (std::isinf(from(to(expected[k]))))
        EXPECT_EQ(got, from(to(expected[k])));
      else // f32 libm may differ by an ulp of f32: allow one 16-bit ulp.
        EXPECT_NEAR(got, from(to(expected[k])),
                    std::fabs(expected[k]) *
                        (name == "bf16" ? 1.0f / 128 : 1.0f / 1024))
            << name << " " << unary[k] << " " << x;
    }
  }
}

TEST(ElementwiseTypes, HalfAndBFloat16) {
  checkHalf("f16", toF16, fromF16);
  checkHalf("bf16", toBF16, fromBF16);
}

TEST(ElementwiseTypes, ClampAndSelectBroadcastScalars) {
  auto exe = compileOk(program(
      {"tensor<i8>", "tensor<5xi8>", "tensor<i8>"}, {"tensor<5xi8>"},
      "  %0 = \"stablehlo.clamp\"(%a, %b, %c) : (tensor<i8>, tensor<5xi8>, "
      "tensor<i8>) -> tensor<5xi8>\n  \"func.return\"(%0) : (tensor<5xi8>) "
      "-> ()"));
  ASSERT_TRUE(exe);
  int8_t lo = -3, hi = 4;
  std::vector<int8_t> x = {-128, -3, 0, 4, 127};
  EXPECT_EQ(as<int8_t>(runAll(*exe, {&lo, x.data(), &hi})[0]),
            (std::vector<int8_t>{-3, -3, 0, 4, 4}));
}

} // namespace
} // namespace axle::test
