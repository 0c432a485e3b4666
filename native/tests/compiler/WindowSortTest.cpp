//===- WindowSortTest.cpp - reduce_window, argmax reduce and sort ---------===//
#include "TestUtil.h"

#include <algorithm>
#include <numeric>

namespace axle::test {
namespace {

TEST(ReduceWindow, MaxPoolWithStridesPaddingAndDilation) {
  // 1-D input of 6, window 2, stride 2, padding (1, 1), window dilation 1:
  // padded [-inf x0 x1 x2 x3 x4 x5 -inf] -> windows at 0, 2, 4, 6.
  // Second result: window 2 with window dilation 2 and base dilation 2.
  auto exe = compileOk(program({"tensor<6xf32>", "tensor<f32>"},
                               {"tensor<4xf32>", "tensor<9xf32>"},
                               R"(  %0 = "stablehlo.reduce_window"(%a, %b) ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    %m = "stablehlo.maximum"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%m) : (tensor<f32>) -> ()
  }) {window_dimensions = array<i64: 2>, window_strides = array<i64: 2>, padding = dense<[[1, 1]]> : tensor<1x2xi64>} : (tensor<6xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = "stablehlo.reduce_window"(%a, %b) ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    %m = "stablehlo.maximum"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%m) : (tensor<f32>) -> ()
  }) {window_dimensions = array<i64: 2>, base_dilations = array<i64: 2>, window_dilations = array<i64: 2>} : (tensor<6xf32>, tensor<f32>) -> tensor<9xf32>
  "func.return"(%0, %1) : (tensor<4xf32>, tensor<9xf32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<float> a = {3, 1, 4, 1, 5, 9};
  float init = -100;
  auto out = runAll(*exe, {a.data(), &init});
  EXPECT_EQ(as<float>(out[0]), (std::vector<float>{3, 4, 5, 9}));
  // Base-dilated: [3 . 1 . 4 . 1 . 5 . 9] (11 long); window {i, i+2}.
  std::vector<float> dilated(11, init);
  for (int i = 0; i < 6; ++i)
    dilated[2 * i] = a[i];
  std::vector<float> expected;
  for (int i = 0; i < 9; ++i)
    expected.push_back(std::max(dilated[i], dilated[i + 2]));
  EXPECT_EQ(as<float>(out[1]), expected);
}

TEST(ReduceWindow, SumPool2D) {
  auto exe =
      compileOk(program({"tensor<3x4xi32>", "tensor<i32>"}, {"tensor<2x3xi32>"},
                        R"(  %0 = "stablehlo.reduce_window"(%a, %b) ({
  ^bb0(%x: tensor<i32>, %y: tensor<i32>):
    %m = "stablehlo.add"(%x, %y) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    "stablehlo.return"(%m) : (tensor<i32>) -> ()
  }) {window_dimensions = array<i64: 2, 2>} : (tensor<3x4xi32>, tensor<i32>) -> tensor<2x3xi32>
  "func.return"(%0) : (tensor<2x3xi32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<int32_t> a(12);
  std::iota(a.begin(), a.end(), 0);
  int32_t zero = 0;
  std::vector<int32_t> expected;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      expected.push_back(a[i * 4 + j] + a[i * 4 + j + 1] + a[i * 4 + j + 4] +
                         a[i * 4 + j + 5]);
  EXPECT_EQ(as<int32_t>(runAll(*exe, {a.data(), &zero})[0]), expected);
}

TEST(Reduce, ArgmaxWithCompareSelectBody) {
  auto exe = compileOk(program(
      {"tensor<2x4xf32>", "tensor<2x4xi32>"},
      {"tensor<2xf32>", "tensor<2xi32>"},
      R"(  %ninf = "stablehlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
  %0:2 = "stablehlo.reduce"(%a, %b, %ninf, %zero) ({
  ^bb0(%av: tensor<f32>, %ai: tensor<i32>, %bv: tensor<f32>, %bi: tensor<i32>):
    %gt = "stablehlo.compare"(%av, %bv) {comparison_direction = #stablehlo<comparison_direction GT>} : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %eq = "stablehlo.compare"(%av, %bv) {comparison_direction = #stablehlo<comparison_direction EQ>} : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %lt = "stablehlo.compare"(%ai, %bi) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %tie = "stablehlo.and"(%eq, %lt) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    %pick = "stablehlo.or"(%gt, %tie) : (tensor<i1>, tensor<i1>) -> tensor<i1>
    %v = "stablehlo.select"(%pick, %av, %bv) : (tensor<i1>, tensor<f32>, tensor<f32>) -> tensor<f32>
    %i = "stablehlo.select"(%pick, %ai, %bi) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
    "stablehlo.return"(%v, %i) : (tensor<f32>, tensor<i32>) -> ()
  }) {dimensions = array<i64: 1>} : (tensor<2x4xf32>, tensor<2x4xi32>, tensor<f32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
  "func.return"(%0#0, %0#1) : (tensor<2xf32>, tensor<2xi32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<float> a = {1, 7, 7, 2, -1, -3, -0.5, -2};
  std::vector<int32_t> idx = {0, 1, 2, 3, 0, 1, 2, 3};
  auto out = runAll(*exe, {a.data(), idx.data()});
  EXPECT_EQ(as<float>(out[0]), (std::vector<float>{7, -0.5}));
  EXPECT_EQ(as<int32_t>(out[1]), (std::vector<int32_t>{1, 2}));
}

TEST(Sort, MultiOperandStableAlongEitherDimension) {
  auto exe = compileOk(
      program({"tensor<2x5xi32>", "tensor<2x5xf32>"},
              {"tensor<2x5xi32>", "tensor<2x5xf32>", "tensor<2x5xi32>"},
              R"(  %0:2 = "stablehlo.sort"(%a, %b) ({
  ^bb0(%x: tensor<i32>, %y: tensor<i32>, %p: tensor<f32>, %q: tensor<f32>):
    %lt = "stablehlo.compare"(%x, %y) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "stablehlo.return"(%lt) : (tensor<i1>) -> ()
  }) {dimension = 1 : i64, is_stable = true} : (tensor<2x5xi32>, tensor<2x5xf32>) -> (tensor<2x5xi32>, tensor<2x5xf32>)
  %1 = "stablehlo.sort"(%a) ({
  ^bb0(%x: tensor<i32>, %y: tensor<i32>):
    %gt = "stablehlo.compare"(%x, %y) {comparison_direction = #stablehlo<comparison_direction GT>} : (tensor<i32>, tensor<i32>) -> tensor<i1>
    "stablehlo.return"(%gt) : (tensor<i1>) -> ()
  }) {dimension = 0 : i64} : (tensor<2x5xi32>) -> tensor<2x5xi32>
  "func.return"(%0#0, %0#1, %1) : (tensor<2x5xi32>, tensor<2x5xf32>, tensor<2x5xi32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<int32_t> keys = {3, 1, 3, 0, 1, 5, -2, 5, 5, 0};
  std::vector<float> vals = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  auto out = runAll(*exe, {keys.data(), vals.data()});
  std::vector<int32_t> k2;
  std::vector<float> v2;
  for (int r = 0; r < 2; ++r) {
    std::vector<int> order(5);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
      return keys[r * 5 + x] < keys[r * 5 + y];
    });
    for (int i : order) {
      k2.push_back(keys[r * 5 + i]);
      v2.push_back(vals[r * 5 + i]);
    }
  }
  EXPECT_EQ(as<int32_t>(out[0]), k2);
  EXPECT_EQ(as<float>(out[1]), v2); // Stable: equal keys keep their order.
  std::vector<int32_t> desc(10);
  for (int c = 0; c < 5; ++c) {
    desc[c] = std::max(keys[c], keys[5 + c]);
    desc[5 + c] = std::min(keys[c], keys[5 + c]);
  }
  EXPECT_EQ(as<int32_t>(out[2]), desc);
}

TEST(Sort, TotalOrderFloatsPutNaNLast) {
  auto exe = compileOk(program({"tensor<6xf64>"}, {"tensor<6xf64>"},
                               R"(  %0 = "stablehlo.sort"(%a) ({
  ^bb0(%x: tensor<f64>, %y: tensor<f64>):
    %lt = "stablehlo.compare"(%x, %y) {comparison_direction = #stablehlo<comparison_direction LT>, compare_type = #stablehlo<comparison_type TOTALORDER>} : (tensor<f64>, tensor<f64>) -> tensor<i1>
    "stablehlo.return"(%lt) : (tensor<i1>) -> ()
  }) {dimension = 0 : i64} : (tensor<6xf64>) -> tensor<6xf64>
  "func.return"(%0) : (tensor<6xf64>) -> ())"));
  ASSERT_TRUE(exe);
  double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> a = {nan, 2, -0.0, 0.0, -1, -0.0};
  auto out = as<double>(runAll(*exe, {a.data()})[0]);
  EXPECT_EQ(out[0], -1);
  EXPECT_TRUE(std::signbit(out[1]) && std::signbit(out[2]) && out[1] == 0);
  EXPECT_TRUE(!std::signbit(out[3]) && out[3] == 0);
  EXPECT_EQ(out[4], 2);
  EXPECT_TRUE(std::isnan(out[5]));
}

} // namespace
} // namespace axle::test
