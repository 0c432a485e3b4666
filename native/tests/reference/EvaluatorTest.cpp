//===- EvaluatorTest.cpp - The evaluator against hand-computed answers ----===//
//
// Known answers from the StableHLO spec's examples (docs/spec.md) and from
// the XLA semantics the evaluator documents for cases the spec leaves open.
// An oracle that is wrong would make every differential test meaningless, so
// these tests pin it down independently of the compiler.
//
//===----------------------------------------------------------------------===//

#include "Evaluator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace axle::reference {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

Tensor make(const std::string &type, std::vector<int64_t> dims,
            std::vector<double> values) {
  Tensor t(TensorType{*parseTypeName(type), std::move(dims)});
  EXPECT_EQ(static_cast<int64_t>(values.size()), t.size());
  for (int64_t i = 0; i < t.size() && i < static_cast<int64_t>(values.size()); ++i) {
    if (isFloat(t.element()))
      t.setFloat(i, values[i]);
    else
      t.setInt(i, static_cast<uint64_t>(static_cast<int64_t>(values[i])));
  }
  return t;
}

/// Runs `body` as @main with `signature` ("(%a: tensor<..>) -> tensor<..>").
std::vector<Tensor> run(const std::string &signature, const std::string &body,
                        const std::vector<Tensor> &inputs) {
  std::string text = "func.func public @main" + signature + " {\n" + body + "}\n";
  std::string error;
  auto evaluator = Evaluator::parse(text, error);
  EXPECT_TRUE(evaluator) << error;
  std::vector<Tensor> outputs;
  if (evaluator) {
    EXPECT_TRUE(evaluator->run(inputs, outputs, error)) << error << "\n" << text;
  }
  return outputs;
}

/// Element values as text, so NaN and -0 compare exactly.
std::vector<std::string> values(const Tensor &t) {
  std::vector<std::string> v;
  for (int64_t i = 0; i < t.size(); ++i)
    v.push_back(t.format(i));
  return v;
}

void expectValues(const std::vector<Tensor> &out, const Tensor &expected) {
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type(), expected.type());
  EXPECT_EQ(values(out[0]), values(expected));
}

std::string binary(const std::string &op, const std::string &type,
                   const std::string &attrs = "") {
  return "  %0 = \"stablehlo." + op + "\"(%a, %b) " + attrs + " : (" + type +
         ", " + type + ") -> " + type + "\n  \"func.return\"(%0) : (" + type +
         ") -> ()\n";
}

std::string sig2(const std::string &in, const std::string &out) {
  return "(%a: " + in + ", %b: " + in + ") -> " + out;
}

std::string unary(const std::string &op, const std::string &in,
                  const std::string &out) {
  return "  %0 = \"stablehlo." + op + "\"(%a) : (" + in + ") -> " + out +
         "\n  \"func.return\"(%0) : (" + out + ") -> ()\n";
}

TEST(Evaluator, AddSpecExample) {
  std::string t = "tensor<2x2xi32>";
  expectValues(run(sig2(t, t), binary("add", t),
                   {make("i32", {2, 2}, {1, 2, 3, 4}), make("i32", {2, 2}, {5, 6, 7, 8})}),
               make("i32", {2, 2}, {6, 8, 10, 12}));
}

TEST(Evaluator, IntegerDivisionTruncatesAndFollowsXlaAtZero) {
  std::string t = "tensor<6xi32>";
  expectValues(run(sig2(t, t), binary("divide", t),
                   {make("i32", {6}, {17, -17, 17, -17, 7, -2147483648.0}),
                    make("i32", {6}, {3, 3, -3, -3, 0, -1})}),
               make("i32", {6}, {5, -5, -5, 5, -1, -2147483648.0}));
  expectValues(run(sig2(t, t), binary("remainder", t),
                   {make("i32", {6}, {5, -5, 5, -5, 7, -2147483648.0}),
                    make("i32", {6}, {3, 3, -3, -3, 0, -1})}),
               make("i32", {6}, {2, -2, 2, -2, 7, 0}));
  std::string u = "tensor<2xui8>";
  expectValues(run(sig2(u, u), binary("divide", u),
                   {make("ui8", {2}, {7, 200}), make("ui8", {2}, {0, 7})}),
               make("ui8", {2}, {255, 28}));
}

TEST(Evaluator, FloatRemainderHasTheDividendSign) {
  std::string t = "tensor<4xf32>";
  expectValues(run(sig2(t, t), binary("remainder", t),
                   {make("f32", {4}, {5.5, -5.5, 5.5, -5.5}),
                    make("f32", {4}, {2.5, 2.5, -2.5, -2.5})}),
               make("f32", {4}, {0.5, -0.5, 0.5, -0.5}));
}

TEST(Evaluator, ShiftsSpecExamplesAndOversizedAmounts) {
  std::string t = "tensor<4xi64>";
  expectValues(run(sig2(t, t), binary("shift_left", t),
                   {make("i64", {4}, {-1, 0, 1, 1}), make("i64", {4}, {1, 2, 3, 64})}),
               make("i64", {4}, {-2, 0, 8, 0}));
  expectValues(run(sig2(t, t), binary("shift_right_arithmetic", t),
                   {make("i64", {4}, {-1, 0, 8, -8}), make("i64", {4}, {1, 2, 3, 100})}),
               make("i64", {4}, {-1, 0, 1, -1}));
  Tensor logical = make("i64", {4}, {0, 0, 1, 0});
  logical.setInt(0, uint64_t(0x7fffffffffffffff));
  expectValues(run(sig2(t, t), binary("shift_right_logical", t),
                   {make("i64", {4}, {-1, 0, 8, -1}), make("i64", {4}, {1, 2, 3, -1})}),
               logical);
}

TEST(Evaluator, PopcntAndCountLeadingZeros) {
  std::string t = "tensor<4xi64>";
  expectValues(run("(%a: " + t + ") -> " + t, unary("popcnt", t, t),
                   {make("i64", {4}, {0, 1, 2, 127})}),
               make("i64", {4}, {0, 1, 1, 7}));
  expectValues(run("(%a: " + t + ") -> " + t, unary("count_leading_zeros", t, t),
                   {make("i64", {4}, {0, 1, 128, -1})}),
               make("i64", {4}, {64, 63, 56, 0}));
  std::string u = "tensor<2xui8>";
  expectValues(run("(%a: " + u + ") -> " + u, unary("count_leading_zeros", u, u),
                   {make("ui8", {2}, {1, 0})}),
               make("ui8", {2}, {7, 8}));
}

TEST(Evaluator, Rounding) {
  std::string t = "tensor<6xf32>";
  Tensor in = make("f32", {6}, {-2.5, 0.4, 0.5, 0.6, 2.5, -0.0});
  expectValues(run("(%a: " + t + ") -> " + t, unary("round_nearest_afz", t, t), {in}),
               make("f32", {6}, {-3, 0, 1, 1, 3, -0.0}));
  expectValues(run("(%a: " + t + ") -> " + t, unary("round_nearest_even", t, t), {in}),
               make("f32", {6}, {-2, 0, 0, 1, 2, -0.0}));
}

TEST(Evaluator, MaximumMinimumPropagateNaNAndOrderZeros) {
  std::string t = "tensor<4xf32>";
  Tensor a = make("f32", {4}, {kNaN, 1, -0.0, 0.0});
  Tensor b = make("f32", {4}, {1, kNaN, 0.0, -0.0});
  expectValues(run(sig2(t, t), binary("maximum", t), {a, b}),
               make("f32", {4}, {kNaN, kNaN, 0.0, 0.0}));
  expectValues(run(sig2(t, t), binary("minimum", t), {a, b}),
               make("f32", {4}, {kNaN, kNaN, -0.0, -0.0}));
}

TEST(Evaluator, CompareFloatAndTotalOrder) {
  std::string t = "tensor<4xf32>", r = "tensor<4xi1>";
  Tensor a = make("f32", {4}, {kNaN, -0.0, 1, -kInf});
  Tensor b = make("f32", {4}, {kNaN, 0.0, 2, kNaN});
  auto cmp = [&](const std::string &dir, const std::string &type) {
    return "  %0 = \"stablehlo.compare\"(%a, %b) {comparison_direction = "
           "#stablehlo<comparison_direction " + dir + ">, compare_type = "
           "#stablehlo<comparison_type " + type + ">} : (" + t + ", " + t +
           ") -> " + r + "\n  \"func.return\"(%0) : (" + r + ") -> ()\n";
  };
  expectValues(run(sig2(t, r), cmp("EQ", "FLOAT"), {a, b}),
               make("i1", {4}, {0, 1, 0, 0}));
  expectValues(run(sig2(t, r), cmp("NE", "FLOAT"), {a, b}),
               make("i1", {4}, {1, 0, 1, 1}));
  expectValues(run(sig2(t, r), cmp("EQ", "TOTALORDER"), {a, b}),
               make("i1", {4}, {1, 0, 0, 0}));
  expectValues(run(sig2(t, r), cmp("LT", "TOTALORDER"), {a, b}),
               make("i1", {4}, {0, 1, 1, 1}));
}

TEST(Evaluator, ConvertSaturatesRoundsToEvenAndMapsNaNToZero) {
  std::string f = "tensor<6xf32>";
  expectValues(run("(%a: " + f + ") -> tensor<6xi8>", unary("convert", f, "tensor<6xi8>"),
                   {make("f32", {6}, {300, -300, kNaN, -1.9, 2.9, kInf})}),
               make("i8", {6}, {127, -128, 0, -1, 2, 127}));
  expectValues(run("(%a: " + f + ") -> tensor<6xui8>", unary("convert", f, "tensor<6xui8>"),
                   {make("f32", {6}, {300, -5, kNaN, 255.9, -0.5, -kInf})}),
               make("ui8", {6}, {255, 0, 0, 255, 0, 0}));
  // 2049 lies halfway between the f16 neighbours 2048 and 2050: ties to even.
  expectValues(run("(%a: tensor<2xi32>) -> tensor<2xf16>",
                   unary("convert", "tensor<2xi32>", "tensor<2xf16>"),
                   {make("i32", {2}, {2049, 2051})}),
               make("f16", {2}, {2048, 2052}));
  // 1 + 2^-8 lies halfway between the bf16 neighbours 1 and 1 + 2^-7.
  expectValues(run("(%a: tensor<2xf32>) -> tensor<2xbf16>",
                   unary("convert", "tensor<2xf32>", "tensor<2xbf16>"),
                   {make("f32", {2}, {1.00390625, 1.01171875})}),
               make("bf16", {2}, {1.0, 1.015625}));
  expectValues(run("(%a: tensor<3xf32>) -> tensor<3xi1>",
                   unary("convert", "tensor<3xf32>", "tensor<3xi1>"),
                   {make("f32", {3}, {0, -0.0, kNaN})}),
               make("i1", {3}, {0, 0, 1}));
  // int64 -> f32 rounds once (a detour through double would round twice).
  Tensor big = make("i64", {1}, {0});
  big.setInt(0, (uint64_t(1) << 60) + (uint64_t(1) << 36) + 1);
  expectValues(run("(%a: tensor<1xi64>) -> tensor<1xf32>",
                   unary("convert", "tensor<1xi64>", "tensor<1xf32>"), {big}),
               make("f32", {1}, {std::ldexp(1.0, 60) + std::ldexp(1.0, 37)}));
}

TEST(Evaluator, IntegerWrapAndPower) {
  std::string t = "tensor<3xi8>";
  expectValues(run(sig2(t, t), binary("add", t),
                   {make("i8", {3}, {127, -128, 100}), make("i8", {3}, {1, -1, 100})}),
               make("i8", {3}, {-128, 127, -56}));
  expectValues(run(sig2(t, t), binary("power", t),
                   {make("i8", {3}, {2, -1, 3}), make("i8", {3}, {7, -3, -1})}),
               make("i8", {3}, {-128, -1, 0}));
}

TEST(Evaluator, BroadcastInDimSpecExample) {
  expectValues(
      run("(%a: tensor<1x3xi32>) -> tensor<2x3x2xi32>",
          "  %0 = \"stablehlo.broadcast_in_dim\"(%a) {broadcast_dimensions = "
          "array<i64: 2, 1>} : (tensor<1x3xi32>) -> tensor<2x3x2xi32>\n"
          "  \"func.return\"(%0) : (tensor<2x3x2xi32>) -> ()\n",
          {make("i32", {1, 3}, {1, 2, 3})}),
      make("i32", {2, 3, 2}, {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}));
}

TEST(Evaluator, TransposeSpecExample) {
  expectValues(
      run("(%a: tensor<2x3x2xi32>) -> tensor<2x3x2xi32>",
          "  %0 = \"stablehlo.transpose\"(%a) {permutation = array<i64: 2, 1, "
          "0>} : (tensor<2x3x2xi32>) -> tensor<2x3x2xi32>\n"
          "  \"func.return\"(%0) : (tensor<2x3x2xi32>) -> ()\n",
          {make("i32", {2, 3, 2}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})}),
      make("i32", {2, 3, 2}, {1, 7, 3, 9, 5, 11, 2, 8, 4, 10, 6, 12}));
}

TEST(Evaluator, SliceSpecExample) {
  expectValues(
      run("(%a: tensor<3x4xi64>) -> tensor<2x2xi64>",
          "  %0 = \"stablehlo.slice\"(%a) {start_indices = array<i64: 1, 2>, "
          "limit_indices = array<i64: 3, 4>, strides = array<i64: 1, 1>} : "
          "(tensor<3x4xi64>) -> tensor<2x2xi64>\n"
          "  \"func.return\"(%0) : (tensor<2x2xi64>) -> ()\n",
          {make("i64", {3, 4}, {0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1})}),
      make("i64", {2, 2}, {1, 1, 1, 1}));
}

TEST(Evaluator, PadSpecExampleWithInteriorAndNegativePadding) {
  expectValues(
      run("(%a: tensor<2x3xi64>, %p: tensor<i64>) -> tensor<5x9xi64>",
          "  %0 = \"stablehlo.pad\"(%a, %p) {edge_padding_low = array<i64: 0, "
          "1>, edge_padding_high = array<i64: 2, 1>, interior_padding = "
          "array<i64: 1, 2>} : (tensor<2x3xi64>, tensor<i64>) -> "
          "tensor<5x9xi64>\n  \"func.return\"(%0) : (tensor<5x9xi64>) -> ()\n",
          {make("i64", {2, 3}, {1, 2, 3, 4, 5, 6}), make("i64", {}, {0})}),
      make("i64", {5, 9}, {0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                           0, 4, 0, 0, 5, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                           0, 0, 0, 0, 0, 0, 0, 0, 0}));
  expectValues(
      run("(%a: tensor<4xf32>, %p: tensor<f32>) -> tensor<3xf32>",
          "  %0 = \"stablehlo.pad\"(%a, %p) {edge_padding_low = array<i64: -2>, "
          "edge_padding_high = array<i64: 1>, interior_padding = array<i64: 0>} "
          ": (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>\n"
          "  \"func.return\"(%0) : (tensor<3xf32>) -> ()\n",
          {make("f32", {4}, {1, 2, 3, 4}), make("f32", {}, {9})}),
      make("f32", {3}, {3, 4, 9}));
}

TEST(Evaluator, ReverseConcatenateIota) {
  expectValues(
      run("(%a: tensor<3x2xi32>) -> tensor<3x2xi32>",
          "  %0 = \"stablehlo.reverse\"(%a) {dimensions = array<i64: 1>} : "
          "(tensor<3x2xi32>) -> tensor<3x2xi32>\n"
          "  \"func.return\"(%0) : (tensor<3x2xi32>) -> ()\n",
          {make("i32", {3, 2}, {1, 2, 3, 4, 5, 6})}),
      make("i32", {3, 2}, {2, 1, 4, 3, 6, 5}));
  expectValues(
      run("(%a: tensor<3x2xi32>, %b: tensor<1x2xi32>) -> tensor<4x2xi32>",
          "  %0 = \"stablehlo.concatenate\"(%a, %b) {dimension = 0 : i64} : "
          "(tensor<3x2xi32>, tensor<1x2xi32>) -> tensor<4x2xi32>\n"
          "  \"func.return\"(%0) : (tensor<4x2xi32>) -> ()\n",
          {make("i32", {3, 2}, {1, 2, 3, 4, 5, 6}), make("i32", {1, 2}, {7, 8})}),
      make("i32", {4, 2}, {1, 2, 3, 4, 5, 6, 7, 8}));
  expectValues(run("() -> tensor<2x3xf16>",
                   "  %0 = \"stablehlo.iota\"() {iota_dimension = 1 : i64} : () "
                   "-> tensor<2x3xf16>\n  \"func.return\"(%0) : (tensor<2x3xf16>) -> ()\n",
                   {}),
               make("f16", {2, 3}, {0, 1, 2, 0, 1, 2}));
}

TEST(Evaluator, DynamicSliceAndUpdateClampStartsSpecExamples) {
  std::string starts = "%i: tensor<i64>, %j: tensor<i64>";
  expectValues(
      run("(%a: tensor<4x4xi32>, " + starts + ") -> tensor<2x2xi32>",
          "  %0 = \"stablehlo.dynamic_slice\"(%a, %i, %j) {slice_sizes = "
          "array<i64: 2, 2>} : (tensor<4x4xi32>, tensor<i64>, tensor<i64>) -> "
          "tensor<2x2xi32>\n  \"func.return\"(%0) : (tensor<2x2xi32>) -> ()\n",
          {make("i32", {4, 4}, {0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}),
           make("i64", {}, {-1}), make("i64", {}, {3})}),
      make("i32", {2, 2}, {1, 1, 1, 1}));
  expectValues(
      run("(%a: tensor<4x4xi32>, %u: tensor<2x2xi32>, " + starts +
              ") -> tensor<4x4xi32>",
          "  %0 = \"stablehlo.dynamic_update_slice\"(%a, %u, %i, %j) : "
          "(tensor<4x4xi32>, tensor<2x2xi32>, tensor<i64>, tensor<i64>) -> "
          "tensor<4x4xi32>\n  \"func.return\"(%0) : (tensor<4x4xi32>) -> ()\n",
          {make("i32", {4, 4}, {1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1}),
           make("i32", {2, 2}, {1, 1, 1, 1}), make("i64", {}, {-1}),
           make("i64", {}, {3})}),
      make("i32", {4, 4}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
}

TEST(Evaluator, ReduceSpecExampleAndArgmax) {
  expectValues(
      run("(%a: tensor<1x6xi64>, %z: tensor<i64>) -> tensor<1xi64>",
          "  %0 = \"stablehlo.reduce\"(%a, %z) ({\n"
          "  ^bb0(%x: tensor<i64>, %y: tensor<i64>):\n"
          "    %s = \"stablehlo.add\"(%x, %y) : (tensor<i64>, tensor<i64>) -> tensor<i64>\n"
          "    \"stablehlo.return\"(%s) : (tensor<i64>) -> ()\n"
          "  }) {dimensions = array<i64: 1>} : (tensor<1x6xi64>, tensor<i64>) -> "
          "tensor<1xi64>\n  \"func.return\"(%0) : (tensor<1xi64>) -> ()\n",
          {make("i64", {1, 6}, {0, 1, 2, 3, 4, 5}), make("i64", {}, {0})}),
      make("i64", {1}, {15}));
  // Variadic argmax: (value, index) pairs, ties to the smaller index.
  std::vector<Tensor> out = run(
      "(%v: tensor<5xf32>, %i: tensor<5xi32>, %v0: tensor<f32>, %i0: "
      "tensor<i32>) -> (tensor<f32>, tensor<i32>)",
      "  %0:2 = \"stablehlo.reduce\"(%v, %i, %v0, %i0) ({\n"
      "  ^bb0(%av: tensor<f32>, %ai: tensor<i32>, %bv: tensor<f32>, %bi: tensor<i32>):\n"
      "    %gt = \"stablehlo.compare\"(%av, %bv) {comparison_direction = "
      "#stablehlo<comparison_direction GT>} : (tensor<f32>, tensor<f32>) -> tensor<i1>\n"
      "    %eq = \"stablehlo.compare\"(%av, %bv) {comparison_direction = "
      "#stablehlo<comparison_direction EQ>} : (tensor<f32>, tensor<f32>) -> tensor<i1>\n"
      "    %lt = \"stablehlo.compare\"(%ai, %bi) {comparison_direction = "
      "#stablehlo<comparison_direction LT>} : (tensor<i32>, tensor<i32>) -> tensor<i1>\n"
      "    %tie = \"stablehlo.and\"(%eq, %lt) : (tensor<i1>, tensor<i1>) -> tensor<i1>\n"
      "    %keep = \"stablehlo.or\"(%gt, %tie) : (tensor<i1>, tensor<i1>) -> tensor<i1>\n"
      "    %rv = \"stablehlo.select\"(%keep, %av, %bv) : (tensor<i1>, tensor<f32>, "
      "tensor<f32>) -> tensor<f32>\n"
      "    %ri = \"stablehlo.select\"(%keep, %ai, %bi) : (tensor<i1>, tensor<i32>, "
      "tensor<i32>) -> tensor<i32>\n"
      "    \"stablehlo.return\"(%rv, %ri) : (tensor<f32>, tensor<i32>) -> ()\n"
      "  }) {dimensions = array<i64: 0>} : (tensor<5xf32>, tensor<5xi32>, "
      "tensor<f32>, tensor<i32>) -> (tensor<f32>, tensor<i32>)\n"
      "  \"func.return\"(%0#0, %0#1) : (tensor<f32>, tensor<i32>) -> ()\n",
      {make("f32", {5}, {1, 7, 3, 7, 2}), make("i32", {5}, {0, 1, 2, 3, 4}),
       make("f32", {}, {-kInf}), make("i32", {}, {-1})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].getFloat(0), 7);
  EXPECT_EQ(out[1].getInt(0), 1);
}

TEST(Evaluator, DotGeneralSpecExample) {
  expectValues(
      run("(%a: tensor<2x2x2xi64>, %b: tensor<2x2x2xi64>) -> tensor<2x2x2xi64>",
          "  %0 = \"stablehlo.dot_general\"(%a, %b) {dot_dimension_numbers = "
          "#stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions "
          "= [0], lhs_contracting_dimensions = [2], rhs_contracting_dimensions = "
          "[1]>} : (tensor<2x2x2xi64>, tensor<2x2x2xi64>) -> tensor<2x2x2xi64>\n"
          "  \"func.return\"(%0) : (tensor<2x2x2xi64>) -> ()\n",
          {make("i64", {2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}),
           make("i64", {2, 2, 2}, {1, 0, 0, 1, 1, 0, 0, 1})}),
      make("i64", {2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}));
  expectValues(
      run("(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x2xf32>",
          "  %0 = \"stablehlo.dot_general\"(%a, %b) {dot_dimension_numbers = "
          "#stablehlo.dot<lhs_contracting_dimensions = [1], "
          "rhs_contracting_dimensions = [0]>} : (tensor<2x3xf32>, "
          "tensor<3x2xf32>) -> tensor<2x2xf32>\n"
          "  \"func.return\"(%0) : (tensor<2x2xf32>) -> ()\n",
          {make("f32", {2, 3}, {1, 2, 3, 4, 5, 6}),
           make("f32", {3, 2}, {1, 2, 3, 4, 5, 6})}),
      make("f32", {2, 2}, {22, 28, 49, 64}));
}

TEST(Evaluator, SortSpecExample) {
  std::vector<Tensor> out = run(
      "(%a: tensor<2x3xi64>, %b: tensor<2x3xi64>) -> (tensor<2x3xi64>, "
      "tensor<2x3xi64>)",
      "  %0:2 = \"stablehlo.sort\"(%a, %b) ({\n"
      "  ^bb0(%x0: tensor<i64>, %y0: tensor<i64>, %x1: tensor<i64>, %y1: tensor<i64>):\n"
      "    %p = \"stablehlo.compare\"(%x0, %y0) {comparison_direction = "
      "#stablehlo<comparison_direction GT>} : (tensor<i64>, tensor<i64>) -> tensor<i1>\n"
      "    \"stablehlo.return\"(%p) : (tensor<i1>) -> ()\n"
      "  }) {dimension = 0 : i64, is_stable = true} : (tensor<2x3xi64>, "
      "tensor<2x3xi64>) -> (tensor<2x3xi64>, tensor<2x3xi64>)\n"
      "  \"func.return\"(%0#0, %0#1) : (tensor<2x3xi64>, tensor<2x3xi64>) -> ()\n",
      {make("i64", {2, 3}, {1, 2, 3, 3, 2, 1}), make("i64", {2, 3}, {3, 2, 1, 1, 2, 3})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values(out[0]), values(make("i64", {2, 3}, {3, 2, 3, 1, 2, 1})));
  EXPECT_EQ(values(out[1]), values(make("i64", {2, 3}, {1, 2, 1, 3, 2, 3})));
}

TEST(Evaluator, WhileCountsAndCaseClampsItsIndex) {
  expectValues(
      run("(%n: tensor<i32>) -> tensor<i32>",
          "  %z = \"stablehlo.constant\"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>\n"
          "  %0:2 = \"stablehlo.while\"(%z, %z) ({\n"
          "  ^bb0(%i: tensor<i32>, %s: tensor<i32>):\n"
          "    %c = \"stablehlo.compare\"(%i, %n) {comparison_direction = "
          "#stablehlo<comparison_direction LT>} : (tensor<i32>, tensor<i32>) -> tensor<i1>\n"
          "    \"stablehlo.return\"(%c) : (tensor<i1>) -> ()\n"
          "  }, {\n"
          "  ^bb0(%i: tensor<i32>, %s: tensor<i32>):\n"
          "    %one = \"stablehlo.constant\"() {value = dense<1> : tensor<i32>} : () -> tensor<i32>\n"
          "    %i2 = \"stablehlo.add\"(%i, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>\n"
          "    %s2 = \"stablehlo.add\"(%s, %i2) : (tensor<i32>, tensor<i32>) -> tensor<i32>\n"
          "    \"stablehlo.return\"(%i2, %s2) : (tensor<i32>, tensor<i32>) -> ()\n"
          "  }) : (tensor<i32>, tensor<i32>) -> (tensor<i32>, tensor<i32>)\n"
          "  \"func.return\"(%0#1) : (tensor<i32>) -> ()\n",
          {make("i32", {}, {4})}),
      make("i32", {}, {10}));
  std::string body =
      "  %0 = \"stablehlo.case\"(%k) ({\n"
      "    %a = \"stablehlo.constant\"() {value = dense<10> : tensor<i32>} : () -> tensor<i32>\n"
      "    \"stablehlo.return\"(%a) : (tensor<i32>) -> ()\n"
      "  }, {\n"
      "    %b = \"stablehlo.constant\"() {value = dense<11> : tensor<i32>} : () -> tensor<i32>\n"
      "    \"stablehlo.return\"(%b) : (tensor<i32>) -> ()\n"
      "  }) : (tensor<i32>) -> tensor<i32>\n"
      "  \"func.return\"(%0) : (tensor<i32>) -> ()\n";
  expectValues(run("(%k: tensor<i32>) -> tensor<i32>", body, {make("i32", {}, {0})}),
               make("i32", {}, {10}));
  expectValues(run("(%k: tensor<i32>) -> tensor<i32>", body, {make("i32", {}, {-5})}),
               make("i32", {}, {11}));
}

TEST(Evaluator, ConstantsIncludingSplatsHexAndUnsigned) {
  std::vector<Tensor> out =
      run("() -> (tensor<2xui8>, tensor<2x2xbf16>, tensor<f32>)",
          "  %0 = \"stablehlo.constant\"() {value = dense<[255, 0]> : tensor<2xui8>} : () -> tensor<2xui8>\n"
          "  %1 = \"stablehlo.constant\"() {value = dense<1.5> : tensor<2x2xbf16>} : () -> tensor<2x2xbf16>\n"
          "  %2 = \"stablehlo.constant\"() {value = dense<\"0x0000C07F\"> : tensor<f32>} : () -> tensor<f32>\n"
          "  \"func.return\"(%0, %1, %2) : (tensor<2xui8>, tensor<2x2xbf16>, tensor<f32>) -> ()\n",
          {});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(values(out[0]), values(make("ui8", {2}, {255, 0})));
  EXPECT_EQ(values(out[1]), values(make("bf16", {2, 2}, {1.5, 1.5, 1.5, 1.5})));
  EXPECT_TRUE(std::isnan(out[2].getFloat(0)));
}

TEST(Evaluator, UnknownOpIsAClearError) {
  std::string error;
  auto evaluator = Evaluator::parse(
      "func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {\n"
      "  %0 = \"stablehlo.fft\"(%a) : (tensor<2xf32>) -> tensor<2xf32>\n"
      "  \"func.return\"(%0) : (tensor<2xf32>) -> ()\n}\n",
      error);
  ASSERT_TRUE(evaluator) << error;
  std::vector<Tensor> out;
  EXPECT_FALSE(evaluator->run({make("f32", {2}, {1, 2})}, out, error));
  EXPECT_NE(error.find("stablehlo.fft"), std::string::npos) << error;
  EXPECT_FALSE(isSupportedOp("stablehlo.fft"));
  EXPECT_TRUE(isSupportedOp("stablehlo.dot_general"));
}

} // namespace
} // namespace axle::reference
