//===- ContractionTest.cpp - dot_general against C++ loops ----------------===//

#include "TestUtil.h"

namespace axle::test {
namespace {

template <typename T> void checkMatmul(int64_t m, int64_t k, int64_t n) {
  std::string e = typeName<T>(), a = tensor(e, {m, k}), b = tensor(e, {k, n}),
              c = tensor(e, {m, n});
  auto exe = compileOk(
      "func.func public @main(%a: " + a + ", %b: " + b + ") -> " + c +
      " {\n  %0 = \"stablehlo.dot_general\"(%a, %b) {dot_dimension_numbers = "
      "#stablehlo.dot<lhs_contracting_dimensions = [1], "
      "rhs_contracting_dimensions = [0]>} : (" +
      a + ", " + b + ") -> " + c + "\n  \"func.return\"(%0) : (" + c +
      ") -> ()\n}\n");
  ASSERT_TRUE(exe);
  auto x = randomData<T>(m * k, -10, 10, 21);
  auto y = randomData<T>(k * n, -10, 10, 22);
  std::vector<T> expected(m * n, T(0));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      for (int64_t p = 0; p < k; ++p)
        expected[i * n + j] += x[i * k + p] * y[p * n + j];
  SCOPED_TRACE(e);
  auto out = runOne<T>(*exe, {x.data(), y.data()});
  if constexpr (std::is_floating_point_v<T>) {
    for (size_t i = 0; i < out.size(); ++i)
      EXPECT_NEAR(expected[i], out[i], 1e-4 * k * 100) << i;
  } else {
    EXPECT_EQ(expected, out);
  }
}

TEST(DotGeneral, Matmul) {
  checkMatmul<float>(5, 7, 3);
  checkMatmul<double>(16, 9, 11);
  checkMatmul<int32_t>(4, 6, 5);
  checkMatmul<uint32_t>(3, 2, 4);
  checkMatmul<float>(3, 0, 2); // Empty contraction gives zeros.
}

TEST(DotGeneral, LargeMatrixVectorProductsIssuedInSlices) {
  // Over 8,192 matrix elements a gemv is issued as several BLAS calls; the
  // sizes leave a partial last slice, for A·x (rows) and xᵀ·B (columns).
  checkMatmul<double>(150, 130, 1);
  checkMatmul<float>(211, 97, 1);
  checkMatmul<double>(1, 130, 150);
  checkMatmul<float>(1, 97, 211);
}

TEST(DotGeneral, BatchAndContractingDimsAnywhere) {
  // lhs [k=3, b=2, m=4], rhs [n=5, b=2, k=3] -> [b, m, n].
  auto exe = compileOk(R"(
func.func public @main(%a: tensor<3x2x4xf64>, %b: tensor<5x2x3xf64>) -> tensor<2x4x5xf64> {
  %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [1], rhs_batching_dimensions = [1], lhs_contracting_dimensions = [0], rhs_contracting_dimensions = [2]>} : (tensor<3x2x4xf64>, tensor<5x2x3xf64>) -> tensor<2x4x5xf64>
  "func.return"(%0) : (tensor<2x4x5xf64>) -> ()
}
)");
  ASSERT_TRUE(exe);
  auto a = randomData<double>(24, -1, 1, 31);
  auto b = randomData<double>(30, -1, 1, 32);
  std::vector<double> expected;
  for (int bt = 0; bt < 2; ++bt)
    for (int m = 0; m < 4; ++m)
      for (int n = 0; n < 5; ++n) {
        double s = 0;
        for (int k = 0; k < 3; ++k)
          s += a[(k * 2 + bt) * 4 + m] * b[(n * 2 + bt) * 3 + k];
        expected.push_back(s);
      }
  expectAllClose(expected, runOne<double>(*exe, {a.data(), b.data()}));
}

TEST(DotGeneral, VectorDotAndLegacyDot) {
  auto exe = compileOk(R"(
func.func public @main(%a: tensor<3xi32>, %b: tensor<3xi32>, %m: tensor<2x3xi32>) -> tensor<2xi32> {
  %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [0], rhs_contracting_dimensions = [0]>} : (tensor<3xi32>, tensor<3xi32>) -> tensor<i32>
  %1 = "stablehlo.dot"(%m, %a) : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2xi32>
  %2 = "stablehlo.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64>} : (tensor<i32>) -> tensor<2xi32>
  %3 = "stablehlo.add"(%1, %2) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  "func.return"(%3) : (tensor<2xi32>) -> ()
}
)");
  ASSERT_TRUE(exe);
  std::vector<int32_t> a = {1, 2, 3}, b = {4, 5, 6}, m = {1, 0, 0, 0, 1, 1};
  // a.b = 32; m.a = {1, 5}.
  EXPECT_EQ(runOne<int32_t>(*exe, {a.data(), b.data(), m.data()}),
            (std::vector<int32_t>{33, 37}));
}

TEST(DotGeneral, ProductWithoutContractionFusedIntoAContraction) {
  // Issue 5: a dot_general with no contracting dims (scalar times matrix)
  // whose payload read its output; fused into the contraction below, that
  // read became the consumer's accumulator and each step added it again.
  auto exe = compileOk(R"(
func.func public @main(%x: tensor<2x3xf64>, %p: tensor<3x3xf64>) -> tensor<2x1x3xf64> {
  %s = "stablehlo.constant"() {value = dense<-5.000000e-01> : tensor<f64>} : () -> tensor<f64>
  %0 = "stablehlo.dot_general"(%s, %x) {dot_dimension_numbers = #stablehlo.dot<>} : (tensor<f64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  %1 = "stablehlo.reshape"(%0) : (tensor<2x3xf64>) -> tensor<2x3x1xf64>
  %2 = "stablehlo.dot_general"(%1, %p) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : (tensor<2x3x1xf64>, tensor<3x3xf64>) -> tensor<2x1x3xf64>
  "func.return"(%2) : (tensor<2x1x3xf64>) -> ()
}
)");
  ASSERT_TRUE(exe);
  auto x = randomData<double>(6, -1, 1, 41);
  auto p = randomData<double>(9, -1, 1, 42);
  std::vector<double> expected(6, 0.0);
  for (int b = 0; b < 2; ++b)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 3; ++i)
        expected[b * 3 + j] += -0.5 * x[b * 3 + i] * p[i * 3 + j];
  expectAllClose(expected, runOne<double>(*exe, {x.data(), p.data()}));
}

} // namespace
} // namespace axle::test
