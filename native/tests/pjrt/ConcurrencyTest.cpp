//===- ConcurrencyTest.cpp - One client, many threads ---------------------===//
//
// The execute path is documented as thread-safe (Execute.cpp): it only reads
// the executable's shared state and holds references to the program and to
// each argument's storage for the call. These tests run one executable from
// 8 threads at once (shared and per-thread arguments, a small kernel and one
// big enough to use the worker pool) and compile from 8 threads at once;
// every result is checked, and ASan/TSan-style corruption would show as a
// wrong value or a sanitizer report under ./build.sh test-native-asan.
//
//===----------------------------------------------------------------------===//

#include "PluginFixture.h"

#include <atomic>
#include <thread>

namespace axle::test {
namespace {

constexpr int kThreads = 8;

// a * b + a, with `b` shared by every thread and `a` per thread.
const char kMulAdd[] = R"mlir(
func.func public @main(%a: tensor<16xf32>, %b: tensor<16xf32>) -> tensor<16xf32> {
  %0 = "stablehlo.multiply"(%a, %b) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %1 = "stablehlo.add"(%0, %a) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  "func.return"(%1) : (tensor<16xf32>) -> ()
}
)mlir";

// 2^19 elements: above the threshold where elementwise loops are split across
// the plugin's worker threads, so concurrent callers share that pool.
const char kBigScale[] = R"mlir(
func.func public @main(%a: tensor<524288xf32>) -> tensor<524288xf32> {
  %0 = "stablehlo.add"(%a, %a) : (tensor<524288xf32>, tensor<524288xf32>) -> tensor<524288xf32>
  %1 = "stablehlo.multiply"(%0, %a) : (tensor<524288xf32>, tensor<524288xf32>) -> tensor<524288xf32>
  "func.return"(%1) : (tensor<524288xf32>) -> ()
}
)mlir";

std::string addConstant(int k) {
  return R"(
func.func public @main(%a: tensor<4xf32>) -> tensor<4xf32> {
  %c = "stablehlo.constant"() {value = dense<)" +
         std::to_string(k) + R"(.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "stablehlo.add"(%a, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  "func.return"(%0) : (tensor<4xf32>) -> ()
}
)";
}

using ConcurrencyTest = PluginTest;

TEST_F(ConcurrencyTest, EightThreadsThousandExecutesEachShareOneExecutable) {
  PJRT_LoadedExecutable *exe = compileOk(kMulAdd);
  ASSERT_NE(exe, nullptr);
  std::vector<float> shared(16);
  for (int i = 0; i < 16; ++i)
    shared[i] = float(i);
  PJRT_Buffer *b = upload(PJRT_Buffer_Type_F32, {16}, shared);
  std::atomic<int> wrong{0}, failed{0}, done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      std::vector<float> mine(16), expected(16);
      for (int i = 0; i < 16; ++i) {
        mine[i] = float(t * 100 + i);
        expected[i] = mine[i] * shared[i] + mine[i];
      }
      PJRT_Buffer *a = upload(PJRT_Buffer_Type_F32, {16}, mine);
      for (int call = 0; call < 1000; ++call) {
        std::vector<PJRT_Buffer *> outputs;
        ErrorInfo error = execute(exe, {a, b}, outputs);
        if (error.code != PJRT_Error_Code_OK || outputs.size() != 1) {
          ++failed;
          continue;
        }
        if (downloadAs<float>(outputs[0]) != expected)
          ++wrong;
        destroy(outputs[0]);
        ++done;
      }
      destroy(a);
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(done.load(), kThreads * 1000);
  destroy(b);
  destroy(exe);
}

TEST_F(ConcurrencyTest, ConcurrentCallersShareTheWorkerPool) {
  PJRT_LoadedExecutable *exe = compileOk(kBigScale);
  ASSERT_NE(exe, nullptr);
  constexpr int64_t n = 524288;
  std::atomic<int> wrong{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      std::vector<float> input(n);
      for (int64_t i = 0; i < n; ++i)
        input[i] = float((i + t) % 7);
      PJRT_Buffer *a = upload(PJRT_Buffer_Type_F32, {n}, input);
      for (int call = 0; call < 10; ++call) {
        std::vector<PJRT_Buffer *> outputs;
        ErrorInfo error = execute(exe, {a}, outputs);
        if (error.code != PJRT_Error_Code_OK || outputs.size() != 1) {
          ++failed;
          continue;
        }
        std::vector<float> out = downloadAs<float>(outputs[0]);
        for (int64_t i = 0; i < n; ++i)
          if (out[i] != 2 * input[i] * input[i]) {
            ++wrong;
            break;
          }
        destroy(outputs[0]);
      }
      destroy(a);
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  destroy(exe);
}

TEST_F(ConcurrencyTest, CompilesFromEightThreadsAtOnce) {
  // Half the threads compile the same text, half a text of their own.
  std::atomic<int> wrong{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      int k = t % 2 == 0 ? 1 : t;
      PJRT_LoadedExecutable *exe = compileOk(addConstant(k));
      if (!exe) {
        ++failed;
        return;
      }
      std::vector<float> input = {1, 2, 3, 4};
      PJRT_Buffer *a = upload(PJRT_Buffer_Type_F32, {4}, input);
      std::vector<PJRT_Buffer *> outputs;
      ErrorInfo error = execute(exe, {a}, outputs);
      if (error.code != PJRT_Error_Code_OK || outputs.size() != 1) {
        ++failed;
      } else {
        std::vector<float> expected = {1.0f + k, 2.0f + k, 3.0f + k, 4.0f + k};
        if (downloadAs<float>(outputs[0]) != expected)
          ++wrong;
        destroy(outputs[0]);
      }
      destroy(a);
      destroy(exe);
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(ConcurrencyTest, ExecuteWhileOtherThreadsCreateAndDestroyBuffers) {
  PJRT_LoadedExecutable *exe = compileOk(addConstant(5));
  ASSERT_NE(exe, nullptr);
  std::vector<float> input = {1, 2, 3, 4};
  std::atomic<int> wrong{0};
  std::atomic<bool> stop{false};
  std::thread churn([&] {
    while (!stop.load()) {
      PJRT_Buffer *tmp = upload(PJRT_Buffer_Type_F32, {4}, input);
      destroy(tmp);
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads - 1; ++t)
    threads.emplace_back([&] {
      PJRT_Buffer *a = upload(PJRT_Buffer_Type_F32, {4}, input);
      for (int call = 0; call < 200; ++call) {
        std::vector<PJRT_Buffer *> outputs;
        if (execute(exe, {a}, outputs).code != PJRT_Error_Code_OK ||
            outputs.size() != 1) {
          ++wrong;
          continue;
        }
        if (downloadAs<float>(outputs[0]) != std::vector<float>{6, 7, 8, 9})
          ++wrong;
        destroy(outputs[0]);
      }
      destroy(a);
    });
  for (std::thread &thread : threads)
    thread.join();
  stop = true;
  churn.join();
  EXPECT_EQ(wrong.load(), 0);
  destroy(exe);
}

} // namespace
} // namespace axle::test
