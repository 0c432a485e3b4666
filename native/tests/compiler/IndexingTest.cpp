//===- IndexingTest.cpp - pad, reverse, dynamic slices, iota, gather, scatter
#include "TestUtil.h"

namespace axle::test {
namespace {

TEST(Pad, NegativeAndInteriorPadding) {
  // 1-D [1 2 3], low -1, high 2, interior 1: [x 2 x 3 . .] -> [0 2 0 3 0 0]
  // minus the first: operand dilated = [1 0 2 0 3], low -1 drops "1".
  auto exe = compileOk(program(
      {"tensor<2x3xi32>", "tensor<i32>"}, {"tensor<3x6xi32>"},
      R"(  %0 = "stablehlo.pad"(%a, %b) {edge_padding_low = array<i64: 1, -1>, edge_padding_high = array<i64: 0, 2>, interior_padding = array<i64: 0, 1>} : (tensor<2x3xi32>, tensor<i32>) -> tensor<3x6xi32>
  "func.return"(%0) : (tensor<3x6xi32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<int32_t> a = {1, 2, 3, 4, 5, 6};
  int32_t pad = -9;
  EXPECT_EQ(as<int32_t>(runAll(*exe, {a.data(), &pad})[0]),
            (std::vector<int32_t>{-9, -9, -9, -9, -9, -9, //
                                  -9, 2, -9, 3, -9, -9,   //
                                  -9, 5, -9, 6, -9, -9}));
}

TEST(Reverse, AndIota) {
  auto exe = compileOk(program(
      {"tensor<2x3xf32>"}, {"tensor<2x3xf32>", "tensor<2x3xui16>"},
      R"(  %0 = "stablehlo.reverse"(%a) {dimensions = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "stablehlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<2x3xui16>
  "func.return"(%0, %1) : (tensor<2x3xf32>, tensor<2x3xui16>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<float> a = {1, 2, 3, 4, 5, 6};
  auto out = runAll(*exe, {a.data()});
  EXPECT_EQ(as<float>(out[0]), (std::vector<float>{6, 5, 4, 3, 2, 1}));
  EXPECT_EQ(as<uint16_t>(out[1]), (std::vector<uint16_t>{0, 1, 2, 0, 1, 2}));
}

TEST(DynamicSlice, StartsAreClamped) {
  auto exe = compileOk(program(
      {"tensor<4x4xi64>", "tensor<i32>", "tensor<i32>", "tensor<2x2xi64>"},
      {"tensor<2x3xi64>", "tensor<4x4xi64>"},
      R"(  %0 = "stablehlo.dynamic_slice"(%a, %b, %c) {slice_sizes = array<i64: 2, 3>} : (tensor<4x4xi64>, tensor<i32>, tensor<i32>) -> tensor<2x3xi64>
  %1 = "stablehlo.dynamic_update_slice"(%a, %d, %b, %c) : (tensor<4x4xi64>, tensor<2x2xi64>, tensor<i32>, tensor<i32>) -> tensor<4x4xi64>
  "func.return"(%0, %1) : (tensor<2x3xi64>, tensor<4x4xi64>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<int64_t> a(16);
  for (int i = 0; i < 16; ++i)
    a[i] = i;
  std::vector<int64_t> u = {-1, -2, -3, -4};
  int32_t row = 3, col = -5; // Clamped to (2, 0) and (2, 0).
  auto out = runAll(*exe, {a.data(), &row, &col, u.data()});
  EXPECT_EQ(as<int64_t>(out[0]), (std::vector<int64_t>{8, 9, 10, 12, 13, 14}));
  std::vector<int64_t> expected = a;
  expected[8] = -1, expected[9] = -2, expected[12] = -3, expected[13] = -4;
  EXPECT_EQ(as<int64_t>(out[1]), expected);
  EXPECT_EQ(a[8], 8); // The input buffer is untouched.
}

TEST(Gather, RowsWithClampedStarts) {
  // Like jnp.take(a, idx, axis=0) on a 3x2 operand: slices of 1x2 rows.
  auto exe = compileOk(program(
      {"tensor<3x2xf32>", "tensor<4x1xi32>"}, {"tensor<4x2xf32>"},
      R"(  %0 = "stablehlo.gather"(%a, %b) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 2>} : (tensor<3x2xf32>, tensor<4x1xi32>) -> tensor<4x2xf32>
  "func.return"(%0) : (tensor<4x2xf32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<float> a = {1, 2, 3, 4, 5, 6};
  std::vector<int32_t> idx = {2, 0, 7, -1};
  EXPECT_EQ(as<float>(runAll(*exe, {a.data(), idx.data()})[0]),
            (std::vector<float>{5, 6, 1, 2, 5, 6, 1, 2}));
}

TEST(Gather, WindowsAndBatchingDims) {
  // Operand 2x4 (batch, x); per batch one index -> a window of 2.
  auto exe = compileOk(program(
      {"tensor<2x4xi32>", "tensor<2x1xi32>"}, {"tensor<2x2xi32>"},
      R"(  %0 = "stablehlo.gather"(%a, %b) {dimension_numbers = #stablehlo.gather<offset_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 2>} : (tensor<2x4xi32>, tensor<2x1xi32>) -> tensor<2x2xi32>
  "func.return"(%0) : (tensor<2x2xi32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<int32_t> a = {0, 1, 2, 3, 10, 11, 12, 13}, idx = {1, 3};
  EXPECT_EQ(as<int32_t>(runAll(*exe, {a.data(), idx.data()})[0]),
            (std::vector<int32_t>{1, 2, 12, 13}));
}

TEST(Scatter, AddsWithRepeatedAndOutOfBoundsIndices) {
  auto exe = compileOk(program(
      {"tensor<5xf32>", "tensor<4x1xi32>", "tensor<4xf32>"}, {"tensor<5xf32>"},
      R"(  %0 = "stablehlo.scatter"(%a, %b, %c) ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    %s = "stablehlo.add"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) {scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, indices_are_sorted = false, unique_indices = false} : (tensor<5xf32>, tensor<4x1xi32>, tensor<4xf32>) -> tensor<5xf32>
  "func.return"(%0) : (tensor<5xf32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<float> a = {1, 1, 1, 1, 1}, u = {10, 20, 30, 40};
  std::vector<int32_t> idx = {1, 3, 1, 9};
  EXPECT_EQ(as<float>(runAll(*exe, {a.data(), idx.data(), u.data()})[0]),
            (std::vector<float>{1, 41, 1, 21, 1}));
}

TEST(Scatter, WindowsReplaceRows) {
  // Replace rows of a 3x2 operand (update computation returns the update).
  auto exe =
      compileOk(program({"tensor<3x2xi32>", "tensor<2xi32>", "tensor<2x2xi32>"},
                        {"tensor<3x2xi32>"},
                        R"(  %0 = "stablehlo.scatter"(%a, %b, %c) ({
  ^bb0(%x: tensor<i32>, %y: tensor<i32>):
    "stablehlo.return"(%y) : (tensor<i32>) -> ()
  }) {scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>} : (tensor<3x2xi32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<3x2xi32>
  "func.return"(%0) : (tensor<3x2xi32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<int32_t> a = {0, 0, 0, 0, 0, 0}, idx = {2, 0}, u = {1, 2, 3, 4};
  EXPECT_EQ(as<int32_t>(runAll(*exe, {a.data(), idx.data(), u.data()})[0]),
            (std::vector<int32_t>{3, 4, 0, 0, 1, 2}));
}

} // namespace
} // namespace axle::test
