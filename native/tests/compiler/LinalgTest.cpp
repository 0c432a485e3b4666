//===- LinalgTest.cpp - cholesky and triangular_solve ---------------------===//
#include "TestUtil.h"

namespace axle::test {
namespace {

TEST(Cholesky, LowerAndUpperBatched) {
  auto exe = compileOk(program(
      {"tensor<2x3x3xf64>"}, {"tensor<2x3x3xf64>", "tensor<2x3x3xf64>"},
      R"(  %0 = "stablehlo.cholesky"(%a) {lower = true} : (tensor<2x3x3xf64>) -> tensor<2x3x3xf64>
  %1 = "stablehlo.cholesky"(%a) {lower = false} : (tensor<2x3x3xf64>) -> tensor<2x3x3xf64>
  "func.return"(%0, %1) : (tensor<2x3x3xf64>, tensor<2x3x3xf64>) -> ())"));
  ASSERT_TRUE(exe);
  // A = L L^T for known L; batch 1 is not positive definite.
  double l[9] = {2, 0, 0, 1, 3, 0, -1, 0.5, 1.5};
  std::vector<double> a(18, 0.0);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 3; ++k)
        a[i * 3 + j] += l[i * 3 + k] * l[j * 3 + k];
  double bad[9] = {1, 2, 0, 2, 1, 0, 0, 0, 1};
  std::copy(bad, bad + 9, a.begin() + 9);
  auto out = runAll(*exe, {a.data()});
  auto lower = as<double>(out[0]), upper = as<double>(out[1]);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      EXPECT_NEAR(lower[i * 3 + j], l[i * 3 + j], 1e-12);
      EXPECT_NEAR(upper[j * 3 + i], l[i * 3 + j], 1e-12);
    }
  // Not positive definite: undefined values, but it ran (no crash).
  EXPECT_EQ(lower[9], 1.0);
}

TEST(TriangularSolve, AllSidesAndTransposes) {
  // a lower triangular; check op(a) x = b (left) and x op(a) = b (right).
  const double a[9] = {2, 0, 0, 1, 4, 0, -1, 3, 5};
  const double b[6] = {1, 2, 3, 4, 5, 6}; // 3x2 (left) or 2x3 (right)
  struct Case {
    bool left;
    const char *transpose;
    bool unit;
  };
  for (Case c :
       {Case{true, "NO_TRANSPOSE", false}, Case{true, "TRANSPOSE", false},
        Case{false, "ADJOINT", false}, Case{false, "NO_TRANSPOSE", true}}) {
    std::string bt = c.left ? "tensor<3x2xf64>" : "tensor<2x3xf64>";
    auto exe = compileOk(program(
        {"tensor<3x3xf64>", bt}, {bt},
        "  %0 = \"stablehlo.triangular_solve\"(%a, %b) {left_side = " +
            std::string(c.left ? "true" : "false") +
            ", lower = true, unit_diagonal = " + (c.unit ? "true" : "false") +
            ", transpose_a = #stablehlo<transpose " + c.transpose +
            ">} : (tensor<3x3xf64>, " + bt + ") -> " + bt +
            "\n  \"func.return\"(%0) : (" + bt + ") -> ()"));
    ASSERT_TRUE(exe);
    auto x = as<double>(runAll(*exe, {a, b})[0]);
    // op(a) from the lower triangle only; check the product gives b.
    bool t = std::string(c.transpose) != "NO_TRANSPOSE";
    auto opA = [&](int i, int j) {
      int r = t ? j : i, q = t ? i : j;
      if (q > r)
        return 0.0;
      return r == q && c.unit ? 1.0 : a[r * 3 + q];
    };
    for (int i = 0; i < (c.left ? 3 : 2); ++i)
      for (int j = 0; j < (c.left ? 2 : 3); ++j) {
        double s = 0;
        for (int k = 0; k < 3; ++k)
          s += c.left ? opA(i, k) * x[k * 2 + j] : x[i * 3 + k] * opA(k, j);
        EXPECT_NEAR(s, b[c.left ? i * 2 + j : i * 3 + j], 1e-12)
            << c.left << c.transpose << c.unit << " at " << i << "," << j;
      }
  }
}

} // namespace
} // namespace axle::test
