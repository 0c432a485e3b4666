//===- CompilerTest.cpp - Whole programs, errors and the compiler surface -===//

#include "TestUtil.h"

#include <thread>

namespace axle::test {
namespace {

TEST(Compiler, AddsTwoVectors) {
  auto exe = compileOk(R"(
func.func public @main(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "stablehlo.add"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  "func.return"(%0) : (tensor<3xf32>) -> ()
}
)");
  ASSERT_TRUE(exe);
  std::vector<float> a = {1, 2, 3}, b = {10, 20, 30};
  EXPECT_EQ(runOne<float>(*exe, {a.data(), b.data()}),
            (std::vector<float>{11, 22, 33}));
  EXPECT_EQ(exe->name(), "main");
  ASSERT_EQ(exe->parameters().size(), 2u);
  EXPECT_EQ(exe->parameters()[0].elementType, PJRT_Buffer_Type_F32);
  EXPECT_EQ(exe->parameters()[0].dims, std::vector<int64_t>{3});
}

TEST(Compiler, MatmulThenElementwiseThenReduce) {
  auto exe = compileOk(R"(
module @jit_f attributes {mhlo.num_partitions = 1 : i32} {
  func.func public @main(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2xf32> {
    %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    %1 = "stablehlo.exponential"(%0) : (tensor<2x4xf32>) -> tensor<2x4xf32>
    %2 = "stablehlo.constant"() <{value = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
    %3 = "stablehlo.reduce"(%1, %2) ({
    ^bb0(%x: tensor<f32>, %y: tensor<f32>):
      %4 = "stablehlo.add"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
      "stablehlo.return"(%4) : (tensor<f32>) -> ()
    }) {dimensions = array<i64: 1>} : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
    "func.return"(%3) : (tensor<2xf32>) -> ()
  }
}
)");
  ASSERT_TRUE(exe);
  auto a = randomData<float>(6, -1, 1, 41),
       b = randomData<float>(12, -1, 1, 42);
  std::vector<float> expected(2, 0.0f);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j) {
      float s = 0;
      for (int k = 0; k < 3; ++k)
        s += a[i * 3 + k] * b[k * 4 + j];
      expected[i] += std::exp(s);
    }
  expectAllClose(expected, runOne<float>(*exe, {a.data(), b.data()}));
  // The optimized program is the loop-level module.
  const std::string &text = exe->optimizedProgram();
  EXPECT_TRUE(text.find("scf.for") != std::string::npos ||
              text.find("affine.for") != std::string::npos)
      << text;
}

TEST(Compiler, EntryPointAndSignature) {
  auto exe = compileOk(R"(
func.func private @helper(%x: tensor<2xui32>) -> tensor<2xui32> {
  %0 = "stablehlo.add"(%x, %x) : (tensor<2xui32>, tensor<2xui32>) -> tensor<2xui32>
  "func.return"(%0) : (tensor<2xui32>) -> ()
}
func.func public @entry(%x: tensor<2xui32>, %p: tensor<i1>) -> (tensor<2xui32>, tensor<i1>) {
  %0 = "func.call"(%x) {callee = @helper} : (tensor<2xui32>) -> tensor<2xui32>
  "func.return"(%0, %p) : (tensor<2xui32>, tensor<i1>) -> ()
}
)");
  ASSERT_TRUE(exe);
  EXPECT_EQ(exe->name(), "entry");
  ASSERT_EQ(exe->results().size(), 2u);
  EXPECT_EQ(exe->parameters()[0].elementType, PJRT_Buffer_Type_U32);
  EXPECT_EQ(exe->parameters()[1].elementType, PJRT_Buffer_Type_PRED);
  EXPECT_TRUE(exe->parameters()[1].dims.empty());
  EXPECT_EQ(exe->results()[0].byteSize(), 8u);
  std::vector<uint32_t> x = {3000000000u, 1u}, y(2);
  uint8_t p = 1, q = 0;
  const void *in[] = {x.data(), &p};
  void *out[] = {y.data(), &q};
  ASSERT_TRUE(exe->execute(in, out).ok());
  EXPECT_EQ(y, (std::vector<uint32_t>{1705032704u, 2u}));
  EXPECT_EQ(q, 1);
  EXPECT_EQ(x[0], 3000000000u); // Inputs are never written.
}

TEST(Compiler, ConcurrentExecution) {
  auto exe = compileOk(R"(
func.func public @main(%a: tensor<1000xf64>) -> tensor<1000xf64> {
  %0 = "stablehlo.multiply"(%a, %a) : (tensor<1000xf64>, tensor<1000xf64>) -> tensor<1000xf64>
  "func.return"(%0) : (tensor<1000xf64>) -> ()
}
)");
  ASSERT_TRUE(exe);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::vector<double> a(1000, t + 1.0), r(1000);
      const void *in[] = {a.data()};
      void *out[] = {r.data()};
      bool good = true;
      for (int rep = 0; rep < 200; ++rep) {
        good &= exe->execute(in, out).ok();
        good &= r[999] == (t + 1.0) * (t + 1.0);
      }
      ok[t] = good;
    });
  for (auto &t : threads)
    t.join();
  EXPECT_EQ(ok, (std::vector<int>{1, 1, 1, 1}));
}

TEST(CompilerErrors, SyntaxErrorHasLineAndColumn) {
  Status s = compileError(
      R"(func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "stablehlo.add"(%a, %a : (tensor<2xf32>) -> tensor<2xf32>
})");
  EXPECT_EQ(s.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(s.message.find("2:"), std::string::npos) << s.message;
}

TEST(CompilerErrors, UnknownOpIsNamed) {
  Status s = compileError(R"(
func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "stablehlo.foo"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
}
)");
  EXPECT_EQ(s.code, PJRT_Error_Code_UNIMPLEMENTED);
  EXPECT_NE(s.message.find("unsupported op 'stablehlo.foo' at line 3"),
            std::string::npos)
      << s.message;
}

TEST(CompilerErrors, TypeMismatchesAreErrorsNotCrashes) {
  const char *programs[] = {
      // add of f32 and f64
      R"(func.func public @main(%a: tensor<2xf32>, %b: tensor<2xf64>) -> tensor<2xf32> {
  %0 = "stablehlo.add"(%a, %b) : (tensor<2xf32>, tensor<2xf64>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
})",
      // shape mismatch
      R"(func.func public @main(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2xf32> {
  %0 = "stablehlo.add"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
})",
      // exponential of an integer
      R"(func.func public @main(%a: tensor<2xi32>) -> tensor<2xi32> {
  %0 = "stablehlo.exponential"(%a) : (tensor<2xi32>) -> tensor<2xi32>
  "func.return"(%0) : (tensor<2xi32>) -> ()
})",
      // wrong arity
      R"(func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "stablehlo.add"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
})",
      // bad matmul shapes
      R"(func.func public @main(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  "func.return"(%0) : (tensor<2x5xf32>) -> ()
})",
      // reshape changing the element count
      R"(func.func public @main(%a: tensor<2x3xf32>) -> tensor<5xf32> {
  %0 = "stablehlo.reshape"(%a) : (tensor<2x3xf32>) -> tensor<5xf32>
  "func.return"(%0) : (tensor<5xf32>) -> ()
})",
      // broadcast dimension out of range
      R"(func.func public @main(%a: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = "stablehlo.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 5>} : (tensor<3xf32>) -> tensor<2x3xf32>
  "func.return"(%0) : (tensor<2x3xf32>) -> ()
})",
      // return type differs from the function type
      R"(func.func public @main(%a: tensor<3xf32>) -> tensor<3xf64> {
  "func.return"(%a) : (tensor<3xf32>) -> ()
})"};
  for (const char *program : programs) {
    Status s = compileError(program);
    EXPECT_FALSE(s.message.empty()) << program;
  }
  Status add = compileError(programs[0]);
  EXPECT_EQ(add.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(add.message.find("stablehlo.add"), std::string::npos);
}

TEST(CompilerErrors, FormatAndEntryAndLimits) {
  Status status;
  EXPECT_EQ(compileProgram("", "hlo", status), nullptr);
  EXPECT_EQ(status.code, PJRT_Error_Code_INVALID_ARGUMENT);
  Status none =
      compileError("func.func private @f() { \"func.return\"() : () -> () }");
  EXPECT_EQ(none.code, PJRT_Error_Code_INVALID_ARGUMENT);
  Status huge = compileError(R"(
func.func public @main(%a: tensor<f32>) -> tensor<1048576x1048576x4xf32> {
  %0 = "stablehlo.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1048576x1048576x4xf32>
  "func.return"(%0) : (tensor<1048576x1048576x4xf32>) -> ()
}
)");
  EXPECT_EQ(huge.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << huge.message;
  Status overflow = compileError(R"(
func.func public @main(%a: tensor<f32>) -> tensor<4294967296x4294967296x4294967296xf32> {
  %0 = "stablehlo.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<4294967296x4294967296x4294967296xf32>
  "func.return"(%0) : (tensor<4294967296x4294967296x4294967296xf32>) -> ()
}
)");
  EXPECT_EQ(overflow.code, PJRT_Error_Code_RESOURCE_EXHAUSTED)
      << overflow.message;
}

} // namespace
} // namespace axle::test
