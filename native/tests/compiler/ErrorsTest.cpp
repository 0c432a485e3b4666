//===- ErrorsTest.cpp - Malformed programs and the optimized program ------===//
#include "TestUtil.h"

namespace axle::test {
namespace {

TEST(Errors, CustomCallNamesItsTarget) {
  Status s = compileError(program(
      {"tensor<2xf32>"}, {"tensor<2xf32>"},
      R"(  %0 = "stablehlo.custom_call"(%a) {call_target_name = "my_kernel"} : (tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ())"));
  EXPECT_EQ(s.code, PJRT_Error_Code_UNIMPLEMENTED);
  EXPECT_NE(s.message.find("my_kernel"), std::string::npos) << s.message;
}

TEST(Errors, MalformedOpsNeverCrash) {
  const char *bodies[] = {
      // compare without a direction
      R"(  %0 = "stablehlo.compare"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi1>
  %1 = "stablehlo.convert"(%0) : (tensor<2xi1>) -> tensor<2xf32>
  "func.return"(%1) : (tensor<2xf32>) -> ())",
      // reduce body with the wrong arity
      R"(  %z = "stablehlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "stablehlo.reduce"(%a, %z) ({
  ^bb0(%x: tensor<f32>):
    "stablehlo.return"(%x) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 0>} : (tensor<2xf32>, tensor<f32>) -> tensor<f32>
  %1 = "stablehlo.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<2xf32>
  "func.return"(%1) : (tensor<2xf32>) -> ())",
      // sort comparator returning f32
      R"(  %0 = "stablehlo.sort"(%a) ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "stablehlo.return"(%x) : (tensor<f32>) -> ()
  }) {dimension = 0 : i64} : (tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ())",
      // gather with missing dimension numbers
      R"(  %i = "stablehlo.constant"() {value = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %0 = "stablehlo.gather"(%a, %i) {slice_sizes = array<i64: 2>} : (tensor<2xf32>, tensor<1xi32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ())",
      // pad with the wrong result size
      R"(  %z = "stablehlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "stablehlo.pad"(%z, %z) {edge_padding_low = array<i64>, edge_padding_high = array<i64>, interior_padding = array<i64>} : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %1 = "stablehlo.pad"(%a, %z) {edge_padding_low = array<i64: 1>, edge_padding_high = array<i64: 1>, interior_padding = array<i64: 0>} : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  "func.return"(%1) : (tensor<2xf32>) -> ())",
      // stray stablehlo.return in a function body
      R"(  "stablehlo.return"(%a) : (tensor<2xf32>) -> ())",
      // dynamic_slice with a float start index
      R"(  %s = "stablehlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "stablehlo.dynamic_slice"(%a, %s) {slice_sizes = array<i64: 1>} : (tensor<2xf32>, tensor<f32>) -> tensor<1xf32>
  %1 = "stablehlo.concatenate"(%0, %0) {dimension = 0 : i64} : (tensor<1xf32>, tensor<1xf32>) -> tensor<2xf32>
  "func.return"(%1) : (tensor<2xf32>) -> ())",
      // bitcast between widths with the wrong shape
      R"(  %0 = "stablehlo.bitcast_convert"(%a) : (tensor<2xf32>) -> tensor<2xi16>
  %1 = "stablehlo.bitcast_convert"(%0) : (tensor<2xi16>) -> tensor<2xf16>
  %2 = "stablehlo.convert"(%1) : (tensor<2xf16>) -> tensor<2xf32>
  "func.return"(%2) : (tensor<2xf32>) -> ())"};
  for (const char *body : bodies) {
    Status s =
        compileError(program({"tensor<2xf32>"}, {"tensor<2xf32>"}, body));
    EXPECT_NE(s.code, PJRT_Error_Code_INTERNAL) << s.message;
    EXPECT_NE(s.message.find("stablehlo."), std::string::npos) << s.message;
  }
}

TEST(Errors, HugeShapesInsideRegionsAreRefused) {
  Status s =
      compileError(program({"tensor<i1>", "tensor<f32>"}, {"tensor<f32>"},
                           R"(  %r = "stablehlo.if"(%a) ({
    %big = "stablehlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1099511627776x4xf32>
    "stablehlo.return"(%b) : (tensor<f32>) -> ()
  }, {
    "stablehlo.return"(%b) : (tensor<f32>) -> ()
  }) : (tensor<i1>) -> tensor<f32>
  "func.return"(%r) : (tensor<f32>) -> ())"));
  EXPECT_EQ(s.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << s.message;
}

TEST(OptimizedProgram, ElementwiseChainIsOneLoopNest) {
  auto exe = compileOk(program(
      {"tensor<8x16xf32>", "tensor<8x16xf32>"}, {"tensor<8x16xf32>"},
      R"(  %0 = "stablehlo.add"(%a, %b) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
  %1 = "stablehlo.multiply"(%0, %a) : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
  %2 = "stablehlo.exponential"(%1) : (tensor<8x16xf32>) -> tensor<8x16xf32>
  "func.return"(%2) : (tensor<8x16xf32>) -> ())"));
  ASSERT_TRUE(exe);
  const std::string &text = exe->optimizedProgram();
  auto countOf = [&](const std::string &needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + 1))
      ++n;
    return n;
  };
  // One 2-D nest: two scf.for, one exp, no intermediate buffers.
  EXPECT_EQ(countOf("scf.for"), 2u) << text;
  EXPECT_EQ(countOf("math.exp"), 1u) << text;
  EXPECT_EQ(countOf("memref.alloc"), 0u) << text;
  std::vector<float> a(128, 0.5f), b(128, 1.5f);
  auto out = as<float>(runAll(*exe, {a.data(), b.data()})[0]);
  EXPECT_FLOAT_EQ(out[5], std::exp(1.0f));
}

} // namespace
} // namespace axle::test
