//===- ControlFlowTest.cpp - while, if, case ------------------------------===//
#include "TestUtil.h"

#include <pthread.h>

namespace axle::test {
namespace {

TEST(While, CarriesSeveralValuesAndCapturesOuterOnes) {
  // for i in 0..n: acc = acc * 2 + step (step captured from outside).
  auto exe = compileOk(program(
      {"tensor<i64>", "tensor<3xf32>", "tensor<3xf32>"},
      {"tensor<i64>", "tensor<3xf32>"},
      R"(  %zero = "stablehlo.constant"() {value = dense<0> : tensor<i64>} : () -> tensor<i64>
  %one = "stablehlo.constant"() {value = dense<1> : tensor<i64>} : () -> tensor<i64>
  %r:2 = "stablehlo.while"(%zero, %b) ({
  ^bb0(%i: tensor<i64>, %acc: tensor<3xf32>):
    %lt = "stablehlo.compare"(%i, %a) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<i64>, tensor<i64>) -> tensor<i1>
    "stablehlo.return"(%lt) : (tensor<i1>) -> ()
  }, {
  ^bb0(%i: tensor<i64>, %acc: tensor<3xf32>):
    %next = "stablehlo.add"(%i, %one) : (tensor<i64>, tensor<i64>) -> tensor<i64>
    %twice = "stablehlo.add"(%acc, %acc) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %sum = "stablehlo.add"(%twice, %c) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    "stablehlo.return"(%next, %sum) : (tensor<i64>, tensor<3xf32>) -> ()
  }) : (tensor<i64>, tensor<3xf32>) -> (tensor<i64>, tensor<3xf32>)
  "func.return"(%r#0, %r#1) : (tensor<i64>, tensor<3xf32>) -> ())"));
  ASSERT_TRUE(exe);
  for (int64_t n : {0, 1, 5}) {
    std::vector<float> init = {1, 0, -1}, step = {0, 1, 2};
    auto out = runAll(*exe, {&n, init.data(), step.data()});
    std::vector<float> acc = init;
    for (int64_t i = 0; i < n; ++i)
      for (int k = 0; k < 3; ++k)
        acc[k] = acc[k] * 2 + step[k];
    EXPECT_EQ(as<int64_t>(out[0]), std::vector<int64_t>{n});
    EXPECT_EQ(as<float>(out[1]), acc);
    EXPECT_EQ(init, (std::vector<float>{1, 0, -1})); // Inputs untouched.
  }
}

TEST(While, LongLoopCallingBlasKeepsTheStackBounded) {
  // A matrix-vector product large enough to call BLAS, 20,000 times in a
  // loop, on a thread with a 2 MiB stack: every call's memref descriptors
  // must reuse one stack slot, not take new stack each iteration (a NUTS
  // chain on a .NET thread-pool thread overflowed its stack this way).
  auto exe = compileOk(program(
      {"tensor<i64>", "tensor<64x64xf64>", "tensor<64xf64>"},
      {"tensor<64xf64>"},
      R"(  %zero = "stablehlo.constant"() {value = dense<0> : tensor<i64>} : () -> tensor<i64>
  %one = "stablehlo.constant"() {value = dense<1> : tensor<i64>} : () -> tensor<i64>
  %r:2 = "stablehlo.while"(%zero, %c) ({
  ^bb0(%i: tensor<i64>, %v: tensor<64xf64>):
    %lt = "stablehlo.compare"(%i, %a) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<i64>, tensor<i64>) -> tensor<i1>
    "stablehlo.return"(%lt) : (tensor<i1>) -> ()
  }, {
  ^bb0(%i: tensor<i64>, %v: tensor<64xf64>):
    %next = "stablehlo.add"(%i, %one) : (tensor<i64>, tensor<i64>) -> tensor<i64>
    %mv = "stablehlo.dot_general"(%b, %v) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : (tensor<64x64xf64>, tensor<64xf64>) -> tensor<64xf64>
    "stablehlo.return"(%next, %mv) : (tensor<i64>, tensor<64xf64>) -> ()
  }) : (tensor<i64>, tensor<64xf64>) -> (tensor<i64>, tensor<64xf64>)
  "func.return"(%r#1) : (tensor<64xf64>) -> ())"));
  ASSERT_TRUE(exe);
  // A cyclic shift: after n steps entry k holds v[(k + n) mod 64].
  std::vector<double> shift(64 * 64, 0.0), v(64);
  for (int k = 0; k < 64; ++k) {
    shift[k * 64 + (k + 1) % 64] = 1.0;
    v[k] = k;
  }
  int64_t n = 20000;
  struct Job {
    const Executable *exe;
    std::vector<const void *> inputs;
    std::vector<double> out;
  } job{exe.get(), {&n, shift.data(), v.data()}, {}};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 2 * 1024 * 1024);
  pthread_t thread;
  ASSERT_EQ(pthread_create(
                &thread, &attr,
                [](void *p) -> void * {
                  auto *job = static_cast<Job *>(p);
                  job->out = runOne<double>(*job->exe, job->inputs);
                  return nullptr;
                },
                &job),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  ASSERT_EQ(job.out.size(), 64u);
  for (int k = 0; k < 64; ++k)
    EXPECT_EQ(job.out[k], double((k + n) % 64)) << k;
}

TEST(If, PicksABranchWithNestedControlFlow) {
  auto exe =
      compileOk(program({"tensor<i1>", "tensor<2xi32>"}, {"tensor<2xi32>"},
                        R"(  %r = "stablehlo.if"(%a) ({
    %n = "stablehlo.negate"(%b) : (tensor<2xi32>) -> tensor<2xi32>
    "stablehlo.return"(%n) : (tensor<2xi32>) -> ()
  }, {
    %t = "stablehlo.constant"() {value = dense<true> : tensor<i1>} : () -> tensor<i1>
    %inner = "stablehlo.if"(%t) ({
      %m = "stablehlo.multiply"(%b, %b) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
      "stablehlo.return"(%m) : (tensor<2xi32>) -> ()
    }, {
      "stablehlo.return"(%b) : (tensor<2xi32>) -> ()
    }) : (tensor<i1>) -> tensor<2xi32>
    "stablehlo.return"(%inner) : (tensor<2xi32>) -> ()
  }) : (tensor<i1>) -> tensor<2xi32>
  "func.return"(%r) : (tensor<2xi32>) -> ())"));
  ASSERT_TRUE(exe);
  std::vector<int32_t> x = {3, -4};
  uint8_t yes = 1, no = 0;
  EXPECT_EQ(as<int32_t>(runAll(*exe, {&yes, x.data()})[0]),
            (std::vector<int32_t>{-3, 4}));
  EXPECT_EQ(as<int32_t>(runAll(*exe, {&no, x.data()})[0]),
            (std::vector<int32_t>{9, 16}));
}

TEST(Case, OutOfRangeIndexRunsTheLastBranch) {
  auto exe = compileOk(program({"tensor<i32>", "tensor<f32>"}, {"tensor<f32>"},
                               R"(  %r = "stablehlo.case"(%a) ({
    %x = "stablehlo.negate"(%b) : (tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%x) : (tensor<f32>) -> ()
  }, {
    %x = "stablehlo.add"(%b, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%x) : (tensor<f32>) -> ()
  }, {
    "stablehlo.return"(%b) : (tensor<f32>) -> ()
  }) : (tensor<i32>) -> tensor<f32>
  "func.return"(%r) : (tensor<f32>) -> ())"));
  ASSERT_TRUE(exe);
  float x = 1.5f;
  auto run = [&](int32_t index) {
    return as<float>(runAll(*exe, {&index, &x})[0])[0];
  };
  EXPECT_EQ(run(0), -1.5f);
  EXPECT_EQ(run(1), 3.0f);
  EXPECT_EQ(run(2), 1.5f);
  EXPECT_EQ(run(7), 1.5f);
  EXPECT_EQ(run(-1), 1.5f);
}

TEST(ControlFlowErrors, BadRegionsAreErrors) {
  // cond returns the wrong type; body has the wrong arity.
  Status s = compileError(program({"tensor<i32>"}, {"tensor<i32>"},
                                  R"(  %r = "stablehlo.while"(%a) ({
  ^bb0(%i: tensor<i32>):
    "stablehlo.return"(%i) : (tensor<i32>) -> ()
  }, {
  ^bb0(%i: tensor<i32>):
    "stablehlo.return"(%i) : (tensor<i32>) -> ()
  }) : (tensor<i32>) -> tensor<i32>
  "func.return"(%r) : (tensor<i32>) -> ())"));
  EXPECT_EQ(s.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(s.message.find("stablehlo.while"), std::string::npos) << s.message;
  Status arity =
      compileError(program({"tensor<i1>", "tensor<i32>"}, {"tensor<i32>"},
                           R"(  %r = "stablehlo.if"(%a) ({
    "stablehlo.return"(%b, %b) : (tensor<i32>, tensor<i32>) -> ()
  }, {
    "stablehlo.return"(%b) : (tensor<i32>) -> ()
  }) : (tensor<i1>) -> tensor<i32>
  "func.return"(%r) : (tensor<i32>) -> ())"));
  EXPECT_EQ(arity.code, PJRT_Error_Code_INVALID_ARGUMENT);
}

} // namespace
} // namespace axle::test
