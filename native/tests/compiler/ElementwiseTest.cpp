//===- ElementwiseTest.cpp - Elementwise ops against C++ loops ------------===//

#include "TestUtil.h"

#include <functional>
#include <limits>

namespace axle::test {
namespace {

const std::vector<int64_t> kDims = {4, 5};

/// "%0 = op(%a[, %b]) ; return %0" over tensors of `dims`.
std::string elementwiseProgram(const std::string &op, int arity,
                               const std::string &in, const std::string &out,
                               const std::vector<int64_t> &dims,
                               const std::string &attrs = "") {
  std::string ti = tensor(in, dims), to = tensor(out, dims);
  std::string params = "%a: " + ti, args = "%a", types = ti;
  if (arity == 2) {
    params += ", %b: " + ti;
    args += ", %b";
    types += ", " + ti;
  }
  return "func.func public @main(" + params + ") -> " + to + " {\n" +
         "  %0 = \"stablehlo." + op + "\"(" + args + ") " + attrs + " : (" +
         types + ") -> " + to + "\n" + "  \"func.return\"(%0) : (" + to +
         ") -> ()\n}\n";
}

template <typename T>
void checkBinary(const std::string &op, std::function<T(T, T)> ref,
                 std::vector<T> a, std::vector<T> b) {
  std::vector<int64_t> dims = {static_cast<int64_t>(a.size())};
  auto exe =
      compileOk(elementwiseProgram(op, 2, typeName<T>(), typeName<T>(), dims));
  ASSERT_TRUE(exe);
  std::vector<T> expected(a.size());
  for (size_t i = 0; i < a.size(); ++i)
    expected[i] = ref(a[i], b[i]);
  SCOPED_TRACE(op + " " + typeName<T>());
  expectAllClose(expected, runOne<T>(*exe, {a.data(), b.data()}));
}

template <typename T>
void checkBinaryRandom(const std::string &op, std::function<T(T, T)> ref,
                       double lo, double hi) {
  checkBinary<T>(op, ref, randomData<T>(count(kDims), lo, hi, 1),
                 randomData<T>(count(kDims), lo, hi, 2));
}

template <typename T>
void checkUnary(const std::string &op, std::function<T(T)> ref,
                std::vector<T> a) {
  std::vector<int64_t> dims = {static_cast<int64_t>(a.size())};
  auto exe =
      compileOk(elementwiseProgram(op, 1, typeName<T>(), typeName<T>(), dims));
  ASSERT_TRUE(exe);
  std::vector<T> expected(a.size());
  for (size_t i = 0; i < a.size(); ++i)
    expected[i] = ref(a[i]);
  SCOPED_TRACE(op + " " + typeName<T>());
  expectAllClose(expected, runOne<T>(*exe, {a.data()}));
}

template <typename T> void checkArithmetic(double lo, double hi) {
  checkBinaryRandom<T>("add", std::plus<T>(), lo, hi);
  checkBinaryRandom<T>("subtract", std::minus<T>(), lo, hi);
  checkBinaryRandom<T>("multiply", std::multiplies<T>(), lo, hi);
  checkBinaryRandom<T>(
      "maximum", [](T x, T y) { return x > y ? x : y; }, lo, hi);
  checkBinaryRandom<T>(
      "minimum", [](T x, T y) { return x < y ? x : y; }, lo, hi);
}

TEST(Elementwise, FloatArithmetic) {
  checkArithmetic<float>(-10, 10);
  checkArithmetic<double>(-10, 10);
  checkBinaryRandom<float>("divide", std::divides<float>(), 0.5, 10);
  checkBinaryRandom<double>("divide", std::divides<double>(), -10, -0.5);
}

TEST(Elementwise, IntegerArithmetic) {
  checkArithmetic<int32_t>(-1000, 1000);
  // Unsigned values above 2^31 must compare and multiply as unsigned.
  checkArithmetic<uint32_t>(0, 4294967295.0);
}

TEST(Elementwise, FloatUnary) {
  auto data = randomData<float>(20, -5, 5, 3);
  checkUnary<float>(
      "negate", [](float x) { return -x; }, data);
  checkUnary<float>(
      "exponential", [](float x) { return std::exp(x); }, data);
  checkUnary<float>(
      "abs", [](float x) { return std::fabs(x); }, data);
  checkUnary<float>(
      "tanh", [](float x) { return std::tanh(x); }, data);
  checkUnary<float>(
      "floor", [](float x) { return std::floor(x); }, data);
  auto positive = randomData<double>(20, 0.01, 100, 4);
  checkUnary<double>(
      "log", [](double x) { return std::log(x); }, positive);
  checkUnary<double>(
      "sqrt", [](double x) { return std::sqrt(x); }, positive);
  checkUnary<double>(
      "negate", [](double x) { return -x; }, positive);
  checkUnary<double>(
      "exponential", [](double x) { return std::exp(x); },
      randomData<double>(20, -5, 5, 5));
}

TEST(Elementwise, IntegerNegate) {
  checkUnary<int32_t>("negate", [](int32_t x) { return -x; },
                      {0, 1, -7, 2147483647});
  checkUnary<uint32_t>("negate", [](uint32_t x) { return 0u - x; },
                       {0u, 1u, 7u, 4000000000u});
}

TEST(Elementwise, MaximumPropagatesNaN) {
  float nan = std::numeric_limits<float>::quiet_NaN();
  auto exe = compileOk(elementwiseProgram("maximum", 2, "f32", "f32", {4}));
  ASSERT_TRUE(exe);
  std::vector<float> a = {nan, 1, nan, -0.0f}, b = {1, nan, nan, 0.0f};
  auto out = runOne<float>(*exe, {a.data(), b.data()});
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_TRUE(std::isnan(out[1]));
  EXPECT_TRUE(std::isnan(out[2]));
  EXPECT_EQ(out[3], 0.0f);
  EXPECT_FALSE(std::signbit(out[3]));
}

TEST(Elementwise, IntegerDivisionTruncatesTowardZero) {
  const int32_t min = std::numeric_limits<int32_t>::min();
  std::vector<int32_t> a = {7, -7, 7, -7, 5, min, 0};
  std::vector<int32_t> b = {2, 2, -2, -2, 0, -1, 3};
  // x / 0 = -1 and INT_MIN / -1 = INT_MIN (XLA semantics, no trap).
  std::vector<int32_t> q = {3, -3, -3, 3, -1, min, 0};
  auto exe = compileOk(elementwiseProgram("divide", 2, "i32", "i32", {7}));
  ASSERT_TRUE(exe);
  EXPECT_EQ(runOne<int32_t>(*exe, {a.data(), b.data()}), q);

  std::vector<int32_t> r = {1, -1, 1, -1, 5, 0, 0};
  auto rem = compileOk(elementwiseProgram("remainder", 2, "i32", "i32", {7}));
  ASSERT_TRUE(rem);
  EXPECT_EQ(runOne<int32_t>(*rem, {a.data(), b.data()}), r);

  checkBinary<uint32_t>("divide",
                        [](uint32_t x, uint32_t y) { return y ? x / y : ~0u; },
                        {4000000000u, 7u, 9u, 5u}, {2u, 2u, 4000000000u, 0u});
}

TEST(Elementwise, Booleans) {
  std::vector<uint8_t> a = {0, 0, 1, 1}, b = {0, 1, 0, 1};
  auto run = [&](const std::string &op) {
    auto exe = compileOk(elementwiseProgram(op, 2, "i1", "i1", {4}));
    return exe ? runOne<uint8_t>(*exe, {a.data(), b.data()})
               : std::vector<uint8_t>();
  };
  EXPECT_EQ(run("add"), (std::vector<uint8_t>{0, 1, 1, 1}));
  EXPECT_EQ(run("multiply"), (std::vector<uint8_t>{0, 0, 0, 1}));
  EXPECT_EQ(run("maximum"), (std::vector<uint8_t>{0, 1, 1, 1}));
  EXPECT_EQ(run("minimum"), (std::vector<uint8_t>{0, 0, 0, 1}));
  EXPECT_EQ(run("xor"), (std::vector<uint8_t>{0, 1, 1, 0}));
}

TEST(Elementwise, BitwiseAndShiftsOnUnsigned) {
  std::vector<uint32_t> a = {0xF0F0F0F0u, 0x80000000u, 5u, 0xFFFFFFFFu};
  std::vector<uint32_t> s = {4u, 31u, 32u, 40u};
  checkBinary<uint32_t>(
      "xor", [](uint32_t x, uint32_t y) { return x ^ y; }, a, s);
  checkBinary<uint32_t>(
      "shift_left",
      [](uint32_t x, uint32_t y) { return y >= 32 ? 0u : x << y; }, a, s);
  checkBinary<uint32_t>(
      "shift_right_logical",
      [](uint32_t x, uint32_t y) { return y >= 32 ? 0u : x >> y; }, a, s);
}

TEST(Elementwise, RankZeroAndEmpty) {
  auto scalar = compileOk(elementwiseProgram("add", 2, "f64", "f64", {}));
  ASSERT_TRUE(scalar);
  double x = 1.5, y = 2.25;
  EXPECT_EQ(runOne<double>(*scalar, {&x, &y}), std::vector<double>{3.75});

  auto empty =
      compileOk(elementwiseProgram("multiply", 2, "i32", "i32", {0, 3}));
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->results()[0].byteSize(), 0u);
  const void *inputs[] = {nullptr, nullptr};
  void *outputs[] = {nullptr};
  EXPECT_TRUE(empty->execute(inputs, outputs).ok());
}

} // namespace
} // namespace axle::test
