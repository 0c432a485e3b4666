//===- EvalIndexingTest.cpp - gather, scatter, linear algebra, bitcast ----===//
//
// Hand-computed answers for the evaluator ops the widened differential
// tests rely on, independent of the compiler.
//
//===----------------------------------------------------------------------===//

#include "Evaluator.h"

#include <gtest/gtest.h>

namespace axle::reference {
namespace {

Tensor make(const std::string &type, std::vector<int64_t> dims,
            std::vector<double> values) {
  Tensor t(TensorType{*parseTypeName(type), std::move(dims)});
  for (int64_t i = 0; i < t.size(); ++i) {
    if (isFloat(t.element()))
      t.setFloat(i, values.at(i));
    else
      t.setInt(i, static_cast<uint64_t>(static_cast<int64_t>(values.at(i))));
  }
  return t;
}

std::vector<double> run1(const std::string &text, const std::vector<Tensor> &inputs) {
  std::string error;
  auto evaluator = Evaluator::parse(text, error);
  EXPECT_TRUE(evaluator) << error;
  std::vector<Tensor> out;
  std::vector<double> v;
  if (!evaluator || !evaluator->run(inputs, out, error)) {
    ADD_FAILURE() << error;
    return v;
  }
  for (int64_t i = 0; i < out[0].size(); ++i)
    v.push_back(isFloat(out[0].element()) ? out[0].getFloat(i)
                                          : static_cast<double>(out[0].getInt(i)));
  return v;
}

TEST(EvalGather, ClampsStartsAndCollapsesDims) {
  // operand 3x2; rows picked by indices [1], [5] (clamped to 2), [-1] (to 0).
  auto v = run1(R"(func.func public @main(%a: tensor<3x2xf32>, %i: tensor<3x1xi32>) -> tensor<3x2xf32> {
  %0 = "stablehlo.gather"(%a, %i) {dimension_numbers = #stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 2>} : (tensor<3x2xf32>, tensor<3x1xi32>) -> tensor<3x2xf32>
  "func.return"(%0) : (tensor<3x2xf32>) -> ()
})",
                {make("f32", {3, 2}, {1, 2, 3, 4, 5, 6}), make("i32", {3, 1}, {1, 5, -1})});
  EXPECT_EQ(v, (std::vector<double>{3, 4, 5, 6, 1, 2}));
}

TEST(EvalScatter, AddsDuplicatesAndSkipsOutOfBounds) {
  auto v = run1(R"(func.func public @main(%a: tensor<4xi32>, %i: tensor<3x1xi32>, %u: tensor<3xi32>) -> tensor<4xi32> {
  %0 = "stablehlo.scatter"(%a, %i, %u) ({
  ^bb0(%x: tensor<i32>, %y: tensor<i32>):
    %s = "stablehlo.add"(%x, %y) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    "stablehlo.return"(%s) : (tensor<i32>) -> ()
  }) {scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>} : (tensor<4xi32>, tensor<3x1xi32>, tensor<3xi32>) -> tensor<4xi32>
  "func.return"(%0) : (tensor<4xi32>) -> ()
})",
                {make("i32", {4}, {1, 1, 1, 1}), make("i32", {3, 1}, {2, 2, 7}),
                 make("i32", {3}, {10, 20, 30})});
  EXPECT_EQ(v, (std::vector<double>{1, 1, 31, 1}));
}

TEST(EvalLinalg, CholeskyOfAKnownFactorisation) {
  // A = L L^T with L = [[2, 0], [1, 3]]: A = [[4, 2], [2, 10]].
  std::string text = R"(func.func public @main(%a: tensor<2x2xf64>) -> tensor<2x2xf64> {
  %0 = "stablehlo.cholesky"(%a) {lower = LOWER} : (tensor<2x2xf64>) -> tensor<2x2xf64>
  "func.return"(%0) : (tensor<2x2xf64>) -> ()
})";
  std::string lower = text, upper = text;
  lower.replace(lower.find("LOWER"), 5, "true");
  upper.replace(upper.find("LOWER"), 5, "false");
  // The unread triangle holds noise (99) that must not matter.
  EXPECT_EQ(run1(lower, {make("f64", {2, 2}, {4, 99, 2, 10})}),
            (std::vector<double>{2, 0, 1, 3}));
  EXPECT_EQ(run1(upper, {make("f64", {2, 2}, {4, 2, 99, 10})}),
            (std::vector<double>{2, 1, 0, 3}));
}

TEST(EvalLinalg, TriangularSolveLeftAndRight) {
  // a lower [[2, 0], [1, 4]] (upper noise 99). Left: a x = b; right: x a = b.
  auto solve = [](bool left, const std::string &transpose) {
    return run1(std::string(R"(func.func public @main(%a: tensor<2x2xf32>, %b: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = "stablehlo.triangular_solve"(%a, %b) {left_side = )") +
                    (left ? "true" : "false") +
                    ", lower = true, unit_diagonal = false, transpose_a = #stablehlo<transpose " +
                    transpose + R"(>} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  "func.return"(%0) : (tensor<2x2xf32>) -> ()
})",
                {make("f32", {2, 2}, {2, 99, 1, 4}), make("f32", {2, 2}, {2, 4, 9, 14})});
  };
  // [[2,0],[1,4]] x = [[2,4],[9,14]] -> x = [[1,2],[2,3]].
  EXPECT_EQ(solve(true, "NO_TRANSPOSE"), (std::vector<double>{1, 2, 2, 3}));
  // x [[2,0],[1,4]] = b -> row r: x1 = b1/4, x0 = (b0 - x1)/2.
  EXPECT_EQ(solve(false, "NO_TRANSPOSE"), (std::vector<double>{0.5, 1, 2.75, 3.5}));
  // [[2,1],[0,4]] x = b -> x1 = b1/4, x0 = (b0 - x1)/2.
  EXPECT_EQ(solve(true, "TRANSPOSE"), (std::vector<double>{-0.125, 0.25, 2.25, 3.5}));
}

TEST(EvalBitcast, AcrossWidthsIsLittleEndian) {
  auto v = run1(R"(func.func public @main(%a: tensor<2xui16>) -> tensor<2x2xui8> {
  %0 = "stablehlo.bitcast_convert"(%a) : (tensor<2xui16>) -> tensor<2x2xui8>
  "func.return"(%0) : (tensor<2x2xui8>) -> ()
})",
                {make("ui16", {2}, {0x0102, 0xA0B0})});
  EXPECT_EQ(v, (std::vector<double>{2, 1, 0xB0, 0xA0}));
}

} // namespace
} // namespace axle::reference
