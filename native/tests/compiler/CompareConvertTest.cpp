//===- CompareConvertTest.cpp - compare, select and convert ---------------===//

#include "TestUtil.h"

#include <limits>

namespace axle::test {
namespace {

std::string compareProgram(const std::string &type, int64_t n,
                           const std::string &direction,
                           const std::string &compareType) {
  std::string t = tensor(type, {n}), r = tensor("i1", {n});
  return "func.func public @main(%a: " + t + ", %b: " + t + ") -> " + r +
         " {\n  %0 = \"stablehlo.compare\"(%a, %b) {comparison_direction = "
         "#stablehlo<comparison_direction " +
         direction + ">, compare_type = #stablehlo<comparison_type " +
         compareType + ">} : (" + t + ", " + t + ") -> " + r +
         "\n  \"func.return\"(%0) : (" + r + ") -> ()\n}\n";
}

template <typename T>
void checkCompare(const std::string &compareType, std::vector<T> a,
                  std::vector<T> b) {
  const char *directions[] = {"EQ", "NE", "LT", "LE", "GT", "GE"};
  for (int d = 0; d < 6; ++d) {
    SCOPED_TRACE(std::string(directions[d]) + " " + typeName<T>());
    auto exe = compileOk(
        compareProgram(typeName<T>(), a.size(), directions[d], compareType));
    ASSERT_TRUE(exe);
    std::vector<uint8_t> expected(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      T x = a[i], y = b[i];
      bool r[] = {x == y, x != y, x<y, x <= y, x> y, x >= y};
      expected[i] = r[d];
    }
    EXPECT_EQ(runOne<uint8_t>(*exe, {a.data(), b.data()}), expected);
  }
}

TEST(Compare, AllDirectionsAllTypes) {
  float nan = std::numeric_limits<float>::quiet_NaN();
  checkCompare<float>("FLOAT", {1, 2, 3, nan, nan, -0.0f},
                      {2, 2, 1, 1, nan, 0.0f});
  checkCompare<double>("FLOAT", {1, 2, 3, -1e300}, {2, 2, 1, 1e300});
  checkCompare<int32_t>("SIGNED", {-5, 0, 7, -2147483647 - 1},
                        {5, 0, -7, 2147483647});
  // 0x80000000 > 1 only when compared as unsigned.
  checkCompare<uint32_t>("UNSIGNED", {0x80000000u, 1u, 4u, 0xFFFFFFFFu},
                         {1u, 0x80000000u, 4u, 0u});
  checkCompare<uint8_t>("UNSIGNED", {0, 0, 1, 1}, {0, 1, 0, 1});
}

TEST(Select, TensorAndScalarPredicate) {
  auto exe = compileOk(R"(
func.func public @main(%p: tensor<4xi1>, %a: tensor<4xui32>, %b: tensor<4xui32>) -> tensor<4xui32> {
  %0 = "stablehlo.select"(%p, %a, %b) : (tensor<4xi1>, tensor<4xui32>, tensor<4xui32>) -> tensor<4xui32>
  "func.return"(%0) : (tensor<4xui32>) -> ()
}
)");
  ASSERT_TRUE(exe);
  std::vector<uint8_t> p = {1, 0, 0, 1};
  std::vector<uint32_t> a = {1, 2, 3, 4}, b = {10, 20, 30, 40};
  EXPECT_EQ(runOne<uint32_t>(*exe, {p.data(), a.data(), b.data()}),
            (std::vector<uint32_t>{1, 20, 30, 4}));

  auto scalar = compileOk(R"(
func.func public @main(%p: tensor<i1>, %a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "stablehlo.select"(%p, %a, %b) : (tensor<i1>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
}
)");
  ASSERT_TRUE(scalar);
  uint8_t no = 0;
  std::vector<float> x = {1, 2}, y = {3, 4};
  EXPECT_EQ(runOne<float>(*scalar, {&no, x.data(), y.data()}),
            (std::vector<float>{3, 4}));
}

template <typename From, typename To>
void checkConvert(const std::string &from, const std::string &to,
                  std::vector<From> in, std::vector<To> expected) {
  int64_t n = in.size();
  std::string tf = tensor(from, {n}), tt = tensor(to, {n});
  auto exe =
      compileOk("func.func public @main(%a: " + tf + ") -> " + tt +
                " {\n  %0 = \"stablehlo.convert\"(%a) : (" + tf + ") -> " + tt +
                "\n  \"func.return\"(%0) : (" + tt + ") -> ()\n}\n");
  ASSERT_TRUE(exe);
  SCOPED_TRACE(from + " -> " + to);
  EXPECT_EQ(runOne<To>(*exe, {in.data()}), expected);
}

TEST(Convert, BetweenAllRequiredTypes) {
  checkConvert<float, int32_t>("f32", "i32", {1.9f, -1.9f, 0.0f, -0.5f},
                               {1, -1, 0, 0});
  checkConvert<int32_t, float>("i32", "f32", {-3, 0, 16777216},
                               {-3.0f, 0.0f, 16777216.0f});
  checkConvert<uint32_t, double>("ui32", "f64", {4000000000u, 1u},
                                 {4000000000.0, 1.0});
  checkConvert<double, uint32_t>("f64", "ui32", {4000000000.5, 3.7},
                                 {4000000000u, 3u});
  checkConvert<int32_t, int64_t>("i32", "i64", {-1, 5}, {-1, 5});
  checkConvert<uint32_t, int64_t>("ui32", "i64", {0xFFFFFFFFu, 5u},
                                  {4294967295LL, 5});
  checkConvert<int32_t, uint32_t>("i32", "ui32", {-1, 7}, {0xFFFFFFFFu, 7u});
  checkConvert<float, uint8_t>("f32", "i1", {0.0f, -0.0f, 2.5f, -1.0f},
                               {0, 0, 1, 1});
  checkConvert<uint8_t, float>("i1", "f32", {0, 1}, {0.0f, 1.0f});
  checkConvert<uint8_t, int32_t>("i1", "i32", {0, 1}, {0, 1});
  checkConvert<int32_t, uint8_t>("i32", "i1", {0, -4, 2}, {0, 1, 1});
  checkConvert<double, float>("f64", "f32", {0.1, -2.5}, {0.1f, -2.5f});
  checkConvert<float, double>("f32", "f64", {0.1f}, {double(0.1f)});
  // Out of range and NaN saturate like XLA instead of being poison.
  float nan = std::numeric_limits<float>::quiet_NaN();
  checkConvert<float, int32_t>("f32", "i32", {3e9f, -3e9f, nan},
                               {2147483647, -2147483647 - 1, 0});
}

} // namespace
} // namespace axle::test

namespace axle::test {
namespace {

TEST(Compare, TotalOrderRanksNaNsAndZeros) {
  // -NaN < -Inf < -1 < -0 < +0 < 1 < +Inf < +NaN.
  float nan = std::numeric_limits<float>::quiet_NaN();
  float inf = std::numeric_limits<float>::infinity();
  std::vector<float> order = {-nan, -inf, -1.0f, -0.0f, 0.0f, 1.0f, inf, nan};
  std::vector<float> a, b;
  for (float x : order)
    for (float y : order) {
      a.push_back(x);
      b.push_back(y);
    }
  const char *directions[] = {"EQ", "NE", "LT", "LE", "GT", "GE"};
  for (int d = 0; d < 6; ++d) {
    auto exe =
        compileOk(compareProgram("f32", a.size(), directions[d], "TOTALORDER"));
    ASSERT_TRUE(exe);
    auto out = runOne<uint8_t>(*exe, {a.data(), b.data()});
    for (size_t i = 0; i < a.size(); ++i) {
      size_t x = i / order.size(), y = i % order.size();
      bool r[] = {x == y, x != y, x<y, x <= y, x> y, x >= y};
      EXPECT_EQ(out[i], r[d]) << directions[d] << " " << x << " " << y;
    }
  }
}

TEST(Compare, SignedAndUnsignedNarrowTypes) {
  checkCompare<int64_t>("SIGNED", {-1, 5, std::numeric_limits<int64_t>::min()},
                        {1, 5, 0});
  // compare_type UNSIGNED on signed storage compares the bit patterns.
  auto exe = compileOk(compareProgram("i32", 2, "LT", "UNSIGNED"));
  ASSERT_TRUE(exe);
  std::vector<int32_t> a = {-1, 1}, b = {1, -1};
  EXPECT_EQ(runOne<uint8_t>(*exe, {a.data(), b.data()}),
            (std::vector<uint8_t>{0, 1}));
}

TEST(Convert, SixteenBitFloatsRoundToNearestEven) {
  // 1 + 2^-8 is a tie in bf16 (goes to 1), 1 + 3*2^-9 rounds up.
  std::vector<float> in = {
      1.0f + 0x1p-8f, 1.0f + 3 * 0x1p-9f,
      -0.0f,          1e-40f,
      3.4e38f,        std::numeric_limits<float>::quiet_NaN()};
  std::vector<uint16_t> bf, half;
  for (float f : in) {
    bf.push_back(toBF16(f));
    half.push_back(toF16(f));
  }
  checkConvert<float, uint16_t>("f32", "bf16", in, bf);
  checkConvert<float, uint16_t>("f32", "f16", in, half);
  std::vector<double> wide = {1.0 + 0x1p-8 + 0x1p-40, 0.1, -65520.0, 1e-8};
  std::vector<uint16_t> bfw, halfw;
  for (double d : wide) { // Single rounding from f64 (reference via long math).
    _Float16 h = static_cast<_Float16>(d);
    uint16_t hb;
    std::memcpy(&hb, &h, 2);
    halfw.push_back(hb);
  }
  checkConvert<double, uint16_t>("f64", "f16", wide, halfw);
  // 1 + 2^-8 + 2^-40 is just above the bf16 tie: must round up, not to 1.
  checkConvert<double, uint16_t>("f64", "bf16", {1.0 + 0x1p-8 + 0x1p-40},
                                 {0x3F81});
  checkConvert<int32_t, uint16_t>("i32", "bf16", {(1 << 30) + (1 << 22) + 1},
                                  {0x4E81});
  checkConvert<uint16_t, float>("bf16", "f32", {0x3F81, 0xC000},
                                {1.0078125f, -2.0f});
  checkConvert<uint16_t, uint16_t>("f16", "bf16", {toF16(0.1f)},
                                   {toBF16(fromF16(toF16(0.1f)))});
}

TEST(Convert, IntegerWrapAndFloatSaturation) {
  checkConvert<int32_t, int8_t>("i32", "i8", {300, -129, 127}, {44, 127, 127});
  checkConvert<int8_t, uint16_t>("i8", "ui16", {-1, 5}, {65535, 5});
  checkConvert<uint64_t, double>("ui64", "f64", {~0ull},
                                 {18446744073709551616.0});
  checkConvert<float, uint8_t>("f32", "ui8", {-5.0f, 300.0f, 7.9f},
                               {0, 255, 7});
  checkConvert<float, int16_t>("f32", "i16", {1e9f, -1e9f}, {32767, -32768});
  checkConvert<double, int64_t>("f64", "i64", {1e300, -1e300},
                                {std::numeric_limits<int64_t>::max(),
                                 std::numeric_limits<int64_t>::min()});
}

TEST(BitcastConvert, SameAndDifferentWidths) {
  auto exe = compileOk(program(
      {"tensor<2xf32>", "tensor<2x4xui8>"},
      {"tensor<2xi32>", "tensor<2x2xi16>", "tensor<2xf32>"},
      R"(  %0 = "stablehlo.bitcast_convert"(%a) : (tensor<2xf32>) -> tensor<2xi32>
  %1 = "stablehlo.bitcast_convert"(%a) : (tensor<2xf32>) -> tensor<2x2xi16>
  %2 = "stablehlo.bitcast_convert"(%b) : (tensor<2x4xui8>) -> tensor<2xf32>
  "func.return"(%0, %1, %2) : (tensor<2xi32>, tensor<2x2xi16>, tensor<2xf32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<float> a = {1.0f, -2.5f};
  std::vector<uint8_t> b(8);
  std::memcpy(b.data(), a.data(), 8);
  auto out = runAll(*exe, {a.data(), b.data()});
  std::vector<int32_t> asInt(2);
  std::vector<int16_t> asShort(4);
  std::memcpy(asInt.data(), a.data(), 8);
  std::memcpy(asShort.data(), a.data(), 8); // Little-endian halves.
  EXPECT_EQ(as<int32_t>(out[0]), asInt);
  EXPECT_EQ(as<int16_t>(out[1]), asShort);
  EXPECT_EQ(as<float>(out[2]), a);
}

} // namespace
} // namespace axle::test
