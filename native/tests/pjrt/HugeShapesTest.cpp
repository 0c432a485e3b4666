//===- HugeShapesTest.cpp - Astronomical sizes fail cleanly ---------------===//
//
// Programs whose outputs or intermediates could never be backed by memory
// must come back as RESOURCE_EXHAUSTED, never reach malloc in the JIT'd code
// (which cannot report a failure and would write through a null pointer).
// Sizes are chosen from the host's physical memory, so the tests mean the
// same thing on a laptop and on a large server.
//
//===----------------------------------------------------------------------===//

#include "PluginFixture.h"

#include <unistd.h>

namespace axle::test {
namespace {

/// f32 elements in a tensor about twice the host's memory (capped below
/// 2^40 bytes so it is the host limit, not the fixed one, that refuses it).
int64_t elementsBeyondHostMemory() {
  uint64_t bytes = uint64_t(sysconf(_SC_PHYS_PAGES)) *
                   uint64_t(sysconf(_SC_PAGESIZE));
  uint64_t elements = 1;
  while (elements * 4 <= bytes && elements < (uint64_t(1) << 37))
    elements *= 2;
  return static_cast<int64_t>(elements * 2);
}

std::string tensor(int64_t elements) {
  return "tensor<" + std::to_string(elements) + "xf32>";
}

/// x broadcast to `elements`, then summed back to a scalar: the result is
/// small, the intermediate is not.
std::string hugeIntermediate(int64_t elements) {
  const std::string big = tensor(elements);
  return R"(
func.func public @main(%x: tensor<f32>) -> tensor<f32> {
  %big = "stablehlo.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> )" +
         big + R"(
  %zero = "stablehlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %sum = "stablehlo.reduce"(%big, %zero) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = "stablehlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 0>} : ()" +
         big + R"(, tensor<f32>) -> tensor<f32>
  "func.return"(%sum) : (tensor<f32>) -> ()
}
)";
}

std::string hugeOutput(int64_t elements) {
  const std::string big = tensor(elements);
  return R"(
func.func public @main(%x: tensor<f32>) -> )" +
         big + R"( {
  %big = "stablehlo.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> )" +
         big + R"(
  "func.return"(%big) : ()" + big + R"() -> ()
}
)";
}

using HugeShapesTest = PluginTest;

TEST_F(HugeShapesTest, IntermediateLargerThanHostMemoryIsRefusedAtCompile) {
  ErrorInfo error;
  const int64_t elements = elementsBeyondHostMemory();
  PJRT_LoadedExecutable *exe = compile(hugeIntermediate(elements), &error);
  EXPECT_EQ(exe, nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << error.message;
  // The message names the tensor and where it is (the broadcast, line 3).
  EXPECT_NE(error.message.find(tensor(elements)), std::string::npos)
      << error.message;
  EXPECT_NE(error.message.find("line 3"), std::string::npos) << error.message;
  if (exe)
    destroy(exe);
}

TEST_F(HugeShapesTest, OutputLargerThanHostMemoryIsRefusedAtCompile) {
  ErrorInfo error;
  PJRT_LoadedExecutable *exe =
      compile(hugeOutput(elementsBeyondHostMemory()), &error);
  EXPECT_EQ(exe, nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << error.message;
  if (exe)
    destroy(exe);
}

TEST_F(HugeShapesTest, ParameterLargerThanHostMemoryIsRefusedAtCompile) {
  const std::string big = tensor(elementsBeyondHostMemory());
  ErrorInfo error;
  PJRT_LoadedExecutable *exe = compile(
      "func.func public @main(%x: " + big + ") -> " + big + " {\n" +
          "  \"func.return\"(%x) : (" + big + ") -> ()\n}\n",
      &error);
  EXPECT_EQ(exe, nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << error.message;
  if (exe)
    destroy(exe);
}

TEST_F(HugeShapesTest, ShapesWhoseByteSizeOverflowsAreRefused) {
  // 2^62 f32 elements: the byte count overflows 64 bits.
  ErrorInfo error;
  PJRT_LoadedExecutable *exe =
      compile(hugeIntermediate(int64_t(1) << 62), &error);
  EXPECT_EQ(exe, nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << error.message;
  if (exe)
    destroy(exe);
}

TEST_F(HugeShapesTest, LargeButPossibleProgramStillCompiles) {
  // 256 MiB intermediate: allowed (it is compiled, not run, to keep the test
  // light on shared machines).
  PJRT_LoadedExecutable *exe = compileOk(hugeIntermediate(int64_t(1) << 26));
  ASSERT_NE(exe, nullptr);
  destroy(exe);
}

TEST_F(HugeShapesTest, RefusedCompileLeavesTheClientUsable) {
  ErrorInfo error;
  EXPECT_EQ(compile(hugeOutput(elementsBeyondHostMemory()), &error), nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_RESOURCE_EXHAUSTED);
  PJRT_LoadedExecutable *exe = compileOk(hugeIntermediate(1000));
  ASSERT_NE(exe, nullptr);
  float x = 0.5f;
  PJRT_Buffer *input = upload(PJRT_Buffer_Type_F32, {}, &x);
  std::vector<PJRT_Buffer *> outputs;
  ErrorInfo run = execute(exe, {input}, outputs);
  ASSERT_EQ(run.code, PJRT_Error_Code_OK) << run.message;
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(downloadAs<float>(outputs[0]), std::vector<float>{500.0f});
  destroy(outputs[0]);
  destroy(input);
  destroy(exe);
}

TEST_F(HugeShapesTest, HostBufferLargerThanHostMemoryIsRefusedBeforeAllocating) {
  auto args = AXLE_ARGS(PJRT_Client_BufferFromHostBuffer_Args);
  float x = 0;
  std::vector<int64_t> dims = {elementsBeyondHostMemory()};
  args.client = client;
  args.data = &x;
  args.type = PJRT_Buffer_Type_F32;
  args.dims = dims.data();
  args.num_dims = dims.size();
  args.host_buffer_semantics =
      PJRT_HostBufferSemantics_kImmutableOnlyDuringCall;
  args.device = device();
  ErrorInfo error = takeError(api().PJRT_Client_BufferFromHostBuffer(&args));
  EXPECT_EQ(error.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << error.message;
  EXPECT_EQ(args.buffer, nullptr);
}

} // namespace
} // namespace axle::test
