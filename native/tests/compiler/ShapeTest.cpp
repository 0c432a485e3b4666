//===- ShapeTest.cpp - constant, broadcast_in_dim, reshape and friends ----===//

#include "TestUtil.h"

namespace axle::test {
namespace {

TEST(Constant, DenseSplatAndPropertiesForm) {
  // Properties `<{...}>` (as MLIR prints registered StableHLO) and the
  // attribute dictionary both work; unsigned literals keep their bits.
  auto exe = compileOk(R"(
func.func public @main() -> tensor<2x2xui32> {
  %0 = "stablehlo.constant"() <{value = dense<[[1, 4000000000], [3, 4]]> : tensor<2x2xui32>}> : () -> tensor<2x2xui32>
  %1 = "stablehlo.constant"() {value = dense<7> : tensor<2x2xui32>} : () -> tensor<2x2xui32>
  %2 = "stablehlo.add"(%0, %1) : (tensor<2x2xui32>, tensor<2x2xui32>) -> tensor<2x2xui32>
  "func.return"(%2) : (tensor<2x2xui32>) -> ()
}
)");
  ASSERT_TRUE(exe);
  EXPECT_EQ(runOne<uint32_t>(*exe, {}),
            (std::vector<uint32_t>{8, 4000000007u, 10, 11}));
}

TEST(Constant, FloatAndBool) {
  auto exe = compileOk(R"(
func.func public @main(%a: tensor<3xf64>) -> tensor<3xf64> {
  %c = "stablehlo.constant"() <{value = dense<[0.5, -1.0, 2.0]> : tensor<3xf64>}> : () -> tensor<3xf64>
  %p = "stablehlo.constant"() <{value = dense<[true, false, true]> : tensor<3xi1>}> : () -> tensor<3xi1>
  %m = "stablehlo.multiply"(%a, %c) : (tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
  %s = "stablehlo.select"(%p, %m, %a) : (tensor<3xi1>, tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
  "func.return"(%s) : (tensor<3xf64>) -> ()
}
)");
  ASSERT_TRUE(exe);
  std::vector<double> a = {2, 3, 4};
  EXPECT_EQ(runOne<double>(*exe, {a.data()}), (std::vector<double>{1, 3, 8}));
}

TEST(BroadcastInDim, RowColumnAndScalar) {
  auto exe = compileOk(R"(
func.func public @main(%row: tensor<3xi32>, %col: tensor<2x1xi32>, %s: tensor<i32>) -> tensor<2x3xi32> {
  %r = "stablehlo.broadcast_in_dim"(%row) {broadcast_dimensions = array<i64: 1>} : (tensor<3xi32>) -> tensor<2x3xi32>
  %c = "stablehlo.broadcast_in_dim"(%col) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xi32>) -> tensor<2x3xi32>
  %k = "stablehlo.broadcast_in_dim"(%s) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2x3xi32>
  %0 = "stablehlo.add"(%r, %c) : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  %1 = "stablehlo.multiply"(%0, %k) : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  "func.return"(%1) : (tensor<2x3xi32>) -> ()
}
)");
  ASSERT_TRUE(exe);
  std::vector<int32_t> row = {1, 2, 3}, col = {10, 20};
  int32_t s = -2;
  std::vector<int32_t> expected;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      expected.push_back((row[j] + col[i]) * s);
  EXPECT_EQ(runOne<int32_t>(*exe, {row.data(), col.data(), &s}), expected);
}

TEST(BroadcastInDim, Transposing) {
  auto exe = compileOk(R"(
func.func public @main(%a: tensor<2x3xf32>) -> tensor<3x4x2xf32> {
  %0 = "stablehlo.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 2, 0>} : (tensor<2x3xf32>) -> tensor<3x4x2xf32>
  "func.return"(%0) : (tensor<3x4x2xf32>) -> ()
}
)");
  ASSERT_TRUE(exe);
  auto a = randomData<float>(6, -1, 1, 9);
  std::vector<float> expected;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j)
      for (int k = 0; k < 2; ++k)
        expected.push_back(a[k * 3 + i]);
  EXPECT_EQ(runOne<float>(*exe, {a.data()}), expected);
}

TEST(Reshape, ManyRanks) {
  auto exe = compileOk(R"(
func.func public @main(%a: tensor<2x3xf32>, %s: tensor<f32>) -> tensor<3x2xf32> {
  %0 = "stablehlo.reshape"(%a) : (tensor<2x3xf32>) -> tensor<6xf32>
  %1 = "stablehlo.reshape"(%0) : (tensor<6xf32>) -> tensor<3x1x2xf32>
  %2 = "stablehlo.reshape"(%1) : (tensor<3x1x2xf32>) -> tensor<3x2xf32>
  %3 = "stablehlo.reshape"(%s) : (tensor<f32>) -> tensor<1x1xf32>
  %4 = "stablehlo.reshape"(%3) : (tensor<1x1xf32>) -> tensor<f32>
  %5 = "stablehlo.broadcast_in_dim"(%4) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<3x2xf32>
  %6 = "stablehlo.add"(%2, %5) : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  "func.return"(%6) : (tensor<3x2xf32>) -> ()
}
)");
  ASSERT_TRUE(exe);
  std::vector<float> a = {1, 2, 3, 4, 5, 6};
  float s = 100;
  EXPECT_EQ(runOne<float>(*exe, {a.data(), &s}),
            (std::vector<float>{101, 102, 103, 104, 105, 106}));
}

TEST(Shape, TransposeIotaSliceConcatenate) {
  auto exe = compileOk(R"(
func.func public @main(%a: tensor<2x3xi32>) -> tensor<5x2xi32> {
  %t = "stablehlo.transpose"(%a) {permutation = array<i64: 1, 0>} : (tensor<2x3xi32>) -> tensor<3x2xi32>
  %i = "stablehlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<4x2xi32>
  %s = "stablehlo.slice"(%i) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 4, 2>, strides = array<i64: 2, 1>} : (tensor<4x2xi32>) -> tensor<2x2xi32>
  %c = "stablehlo.concatenate"(%t, %s) {dimension = 0 : i64} : (tensor<3x2xi32>, tensor<2x2xi32>) -> tensor<5x2xi32>
  "func.return"(%c) : (tensor<5x2xi32>) -> ()
}
)");
  ASSERT_TRUE(exe);
  std::vector<int32_t> a = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(runOne<int32_t>(*exe, {a.data()}),
            (std::vector<int32_t>{1, 4, 2, 5, 3, 6, 1, 1, 3, 3}));
}

} // namespace
} // namespace axle::test
