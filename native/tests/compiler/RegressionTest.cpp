//===- RegressionTest.cpp - Programs the differential harness broke on ----===//
//
// Each test is a reduced reproducer of a compiler bug the random
// differential tests found (native/tests/reference), kept so it stays fixed.
//
//===----------------------------------------------------------------------===//
#include "TestUtil.h"

#include <cmath>

namespace axle::test {
namespace {

TEST(ZeroSize, SliceStartingAtTheEnd) {
  // extract_slice at offset == size was rejected as out of bounds.
  auto exe = compileOk(program({"tensor<2xf32>", "tensor<0x3xf32>"},
                               {"tensor<0xf32>", "tensor<0x2xf32>"},
                               R"(  %0 = "stablehlo.slice"(%a) {start_indices = array<i64: 2>, limit_indices = array<i64: 2>, strides = array<i64: 1>} : (tensor<2xf32>) -> tensor<0xf32>
  %1 = "stablehlo.slice"(%b) {start_indices = array<i64: 0, 1>, limit_indices = array<i64: 0, 3>, strides = array<i64: 1, 1>} : (tensor<0x3xf32>) -> tensor<0x2xf32>
  "func.return"(%0, %1) : (tensor<0xf32>, tensor<0x2xf32>) -> ())"));
  ASSERT_TRUE(exe);
  float a[2] = {1, 2};
  auto out = runAll(*exe, {a, nullptr});
  EXPECT_TRUE(out[0].empty());
  EXPECT_TRUE(out[1].empty());
}

TEST(ZeroSize, ConcatenateWithAnEmptyLastOperand) {
  auto exe = compileOk(
      program({"tensor<2x3xi32>", "tensor<2x0xi32>"}, {"tensor<2x3xi32>"},
              R"(  %0 = "stablehlo.concatenate"(%a, %b) {dimension = 1 : i64} : (tensor<2x3xi32>, tensor<2x0xi32>) -> tensor<2x3xi32>
  "func.return"(%0) : (tensor<2x3xi32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<int32_t> a = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(runOne<int32_t>(*exe, {a.data(), nullptr}), a);
}

TEST(ZeroSize, EmptyResultsOfIndexingOps) {
  // pad, dynamic_slice and reverse with zero-element results;
  // dynamic_update_slice with an empty update.
  auto ok = compileOk(program(
      {"tensor<0x2xf32>", "tensor<i32>", "tensor<3xf32>", "tensor<0xf32>"},
      {"tensor<0x4xf32>", "tensor<0xf32>", "tensor<0x2xf32>", "tensor<3xf32>"},
      R"(  %d0 = "stablehlo.constant"() {value = dense<7.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "stablehlo.pad"(%a, %d0) {edge_padding_low = array<i64: 0, 1>, edge_padding_high = array<i64: 0, 1>, interior_padding = array<i64: 0, 0>} : (tensor<0x2xf32>, tensor<f32>) -> tensor<0x4xf32>
  %1 = "stablehlo.dynamic_slice"(%c, %b) {slice_sizes = array<i64: 0>} : (tensor<3xf32>, tensor<i32>) -> tensor<0xf32>
  %2 = "stablehlo.reverse"(%a) {dimensions = array<i64: 0, 1>} : (tensor<0x2xf32>) -> tensor<0x2xf32>
  %3 = "stablehlo.dynamic_update_slice"(%c, %d, %b) : (tensor<3xf32>, tensor<0xf32>, tensor<i32>) -> tensor<3xf32>
  "func.return"(%0, %1, %2, %3) : (tensor<0x4xf32>, tensor<0xf32>, tensor<0x2xf32>, tensor<3xf32>) -> ())"));
  ASSERT_TRUE(ok);
  int32_t start = 5;
  float c[3] = {1, 2, 3};
  auto out = runAll(*ok, {nullptr, &start, c, nullptr});
  EXPECT_EQ(as<float>(out[3]), (std::vector<float>{1, 2, 3}));
}

TEST(Results, OneValueReturnedTwiceGetsTwoBuffers) {
  // The same buffer returned twice crashed buffer-results-to-out-params.
  auto exe = compileOk(program(
      {"tensor<2x2xf32>"}, {"tensor<2x2xf32>", "tensor<2x2xf32>", "tensor<2x2xf32>"},
      R"(  %0 = "stablehlo.negate"(%a) : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %1 = "stablehlo.transpose"(%0) {permutation = array<i64: 0, 1>} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  "func.return"(%0, %0, %1) : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<float> a = {1, 2, 3, 4}, neg = {-1, -2, -3, -4};
  auto out = runAll(*exe, {a.data()});
  for (auto &r : out)
    EXPECT_EQ(as<float>(r), neg);
}

TEST(Results, InputsAndConstantsReturnedDirectly) {
  auto exe = compileOk(program(
      {"tensor<3xi32>"},
      {"tensor<3xi32>", "tensor<3xi32>", "tensor<2xi32>", "tensor<2xi32>", "tensor<3xui32>"},
      R"(  %c = "stablehlo.constant"() {value = dense<[7, 8]> : tensor<2xi32>} : () -> tensor<2xi32>
  %u = "stablehlo.bitcast_convert"(%a) : (tensor<3xi32>) -> tensor<3xui32>
  "func.return"(%a, %a, %c, %c, %u) : (tensor<3xi32>, tensor<3xi32>, tensor<2xi32>, tensor<2xi32>, tensor<3xui32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<int32_t> a = {1, -2, 3};
  auto out = runAll(*exe, {a.data()});
  EXPECT_EQ(as<int32_t>(out[0]), a);
  EXPECT_EQ(as<int32_t>(out[1]), a);
  EXPECT_EQ(as<int32_t>(out[2]), (std::vector<int32_t>{7, 8}));
  EXPECT_EQ(as<int32_t>(out[3]), (std::vector<int32_t>{7, 8}));
  EXPECT_EQ(as<int32_t>(out[4]), a);
  EXPECT_EQ(a, (std::vector<int32_t>{1, -2, 3})); // Input untouched.
}

TEST(Logistic, KeepsTinyResultsOfLargeNegativeInputs) {
  auto exe = compileOk(program({"tensor<6xf32>", "tensor<2xbf16>"},
                               {"tensor<6xf32>", "tensor<2xbf16>"},
                               R"(  %0 = "stablehlo.logistic"(%a) : (tensor<6xf32>) -> tensor<6xf32>
  %1 = "stablehlo.logistic"(%b) : (tensor<2xbf16>) -> tensor<2xbf16>
  "func.return"(%0, %1) : (tensor<6xf32>, tensor<2xbf16>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<float> a = {-89.0f, -100.0f, -200.0f, 0.0f, 30.0f, -INFINITY};
  std::vector<uint16_t> b = {toBF16(-89.0f), toBF16(-20.0f)};
  auto out = runAll(*exe, {a.data(), b.data()});
  auto r = as<float>(out[0]);
  for (int i = 0; i < 3; ++i) {
    double expected = std::exp(double(a[i])) / (1 + std::exp(double(a[i])));
    EXPECT_NEAR(r[i], expected, expected * 1e-5 + 1e-45) << a[i];
  }
  EXPECT_GT(r[0], 0.0f);
  EXPECT_EQ(r[3], 0.5f);
  EXPECT_EQ(r[4], 1.0f);
  EXPECT_EQ(r[5], 0.0f);
  auto h = as<uint16_t>(out[1]);
  EXPECT_GT(fromBF16(h[0]), 0.0f); // ~2.2e-39, a bf16 subnormal.
  EXPECT_NEAR(fromBF16(h[1]), 2.06e-9f, 0.02e-9f);
}

} // namespace
} // namespace axle::test
