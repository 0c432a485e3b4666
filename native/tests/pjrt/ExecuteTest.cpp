//===- ExecuteTest.cpp - Compile and execute real programs ----------------===//
//
// These run StableHLO text through the real compiler (native/src/compiler)
// behind the plugin's C API.
//
//===----------------------------------------------------------------------===//

#include "PluginFixture.h"

#include <thread>

namespace axle::test {
namespace {

const char kAdd[] = R"mlir(
func.func public @main(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "stablehlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  "func.return"(%0) : (tensor<2x3xf32>) -> ()
}
)mlir";

// (a . b), doubled elementwise, then summed over the columns.
const char kDotScaleReduce[] = R"mlir(
func.func public @main(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2xf32> {
  %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = "stablehlo.add"(%0, %0) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %2 = "stablehlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %3 = "stablehlo.reduce"(%1, %2) ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    %s = "stablehlo.add"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 1>} : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
  "func.return"(%3) : (tensor<2xf32>) -> ()
}
)mlir";

class ExecuteTest : public PluginTest {
protected:
  PJRT_Buffer *a = nullptr;
  PJRT_Buffer *b = nullptr;
  void SetUp() override {
    PluginTest::SetUp();
    a = upload(PJRT_Buffer_Type_F32, {2, 3},
               std::vector<float>{1, 2, 3, 4, 5, 6});
    b = upload(PJRT_Buffer_Type_F32, {2, 3},
               std::vector<float>{10, 20, 30, 40, 50, 60});
  }
  void TearDown() override {
    destroy(a);
    destroy(b);
    PluginTest::TearDown();
  }

  PJRT_Executable *executableOf(PJRT_LoadedExecutable *loaded) {
    auto get = AXLE_ARGS(PJRT_LoadedExecutable_GetExecutable_Args);
    get.loaded_executable = loaded;
    EXPECT_EQ(takeError(api().PJRT_LoadedExecutable_GetExecutable(&get)).code,
              PJRT_Error_Code_OK);
    return get.executable;
  }
};

TEST_F(ExecuteTest, AddsTwoMatrices) {
  PJRT_LoadedExecutable *add = compileOk(kAdd);
  ASSERT_NE(add, nullptr);
  std::vector<PJRT_Buffer *> outputs;
  ErrorInfo error = execute(add, {a, b}, outputs);
  ASSERT_EQ(error.code, PJRT_Error_Code_OK) << error.message;
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(downloadAs<float>(outputs[0]),
            (std::vector<float>{11, 22, 33, 44, 55, 66}));
  destroy(outputs[0]);
  destroy(add);
}

TEST_F(ExecuteTest, DotThenElementwiseThenReduce) {
  PJRT_LoadedExecutable *program = compileOk(kDotScaleReduce);
  ASSERT_NE(program, nullptr);
  std::vector<float> lhs = {1, 2, 3, 4, 5, 6};
  std::vector<float> rhs(12);
  for (size_t i = 0; i < rhs.size(); ++i)
    rhs[i] = 0.5f * static_cast<float>(i) - 2.0f;
  PJRT_Buffer *x = upload(PJRT_Buffer_Type_F32, {2, 3}, lhs);
  PJRT_Buffer *y = upload(PJRT_Buffer_Type_F32, {3, 4}, rhs);
  std::vector<float> expected(2, 0.0f);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j) {
      float dot = 0;
      for (int k = 0; k < 3; ++k)
        dot += lhs[i * 3 + k] * rhs[k * 4 + j];
      expected[i] += 2 * dot;
    }
  std::vector<PJRT_Buffer *> outputs;
  ErrorInfo error = execute(program, {x, y}, outputs);
  ASSERT_EQ(error.code, PJRT_Error_Code_OK) << error.message;
  ASSERT_EQ(outputs.size(), 1u);
  std::vector<float> actual = downloadAs<float>(outputs[0]);
  ASSERT_EQ(actual.size(), 2u);
  EXPECT_FLOAT_EQ(actual[0], expected[0]);
  EXPECT_FLOAT_EQ(actual[1], expected[1]);
  destroy(outputs[0]);
  destroy(x);
  destroy(y);
  destroy(program);
}

TEST_F(ExecuteTest, ExecutableDescribesItsOutputs) {
  PJRT_LoadedExecutable *add = compileOk(kAdd);
  ASSERT_NE(add, nullptr);
  PJRT_Executable *exe = executableOf(add);

  auto name = AXLE_ARGS(PJRT_Executable_Name_Args);
  name.executable = exe;
  AXLE_ASSERT_OK(api().PJRT_Executable_Name(&name));
  EXPECT_EQ(std::string(name.executable_name, name.executable_name_size),
            "main");

  auto replicas = AXLE_ARGS(PJRT_Executable_NumReplicas_Args);
  replicas.executable = exe;
  AXLE_ASSERT_OK(api().PJRT_Executable_NumReplicas(&replicas));
  EXPECT_EQ(replicas.num_replicas, 1u);
  auto partitions = AXLE_ARGS(PJRT_Executable_NumPartitions_Args);
  partitions.executable = exe;
  AXLE_ASSERT_OK(api().PJRT_Executable_NumPartitions(&partitions));
  EXPECT_EQ(partitions.num_partitions, 1u);

  auto types = AXLE_ARGS(PJRT_Executable_OutputElementTypes_Args);
  types.executable = exe;
  AXLE_ASSERT_OK(api().PJRT_Executable_OutputElementTypes(&types));
  ASSERT_EQ(types.num_output_types, 1u);
  EXPECT_EQ(types.output_types[0], PJRT_Buffer_Type_F32);

  auto dims = AXLE_ARGS(PJRT_Executable_OutputDimensions_Args);
  dims.executable = exe;
  AXLE_ASSERT_OK(api().PJRT_Executable_OutputDimensions(&dims));
  ASSERT_EQ(dims.num_outputs, 1u);
  ASSERT_EQ(dims.dim_sizes[0], 2u);
  EXPECT_EQ(dims.dims[0], 2);
  EXPECT_EQ(dims.dims[1], 3);

  auto kinds = AXLE_ARGS(PJRT_Executable_OutputMemoryKinds_Args);
  kinds.executable = exe;
  AXLE_ASSERT_OK(api().PJRT_Executable_OutputMemoryKinds(&kinds));
  ASSERT_EQ(kinds.num_outputs, 1u);
  EXPECT_EQ(std::string(kinds.memory_kinds[0], kinds.memory_kind_sizes[0]),
            "device");

  auto cost = AXLE_ARGS(PJRT_Executable_GetCostAnalysis_Args);
  cost.executable = exe;
  AXLE_ASSERT_OK(api().PJRT_Executable_GetCostAnalysis(&cost));
  EXPECT_EQ(cost.num_properties, 0u);

  auto fingerprint = AXLE_ARGS(PJRT_Executable_Fingerprint_Args);
  fingerprint.executable = exe;
  AXLE_ASSERT_OK(api().PJRT_Executable_Fingerprint(&fingerprint));
  std::string first(fingerprint.executable_fingerprint,
                    fingerprint.executable_fingerprint_size);
  EXPECT_EQ(first.size(), 16u);
  PJRT_LoadedExecutable *again = compileOk(kAdd);
  PJRT_Executable *againExe = executableOf(again);
  fingerprint.executable = againExe;
  AXLE_ASSERT_OK(api().PJRT_Executable_Fingerprint(&fingerprint));
  EXPECT_EQ(std::string(fingerprint.executable_fingerprint,
                        fingerprint.executable_fingerprint_size),
            first);
  destroy(againExe);
  destroy(again);

  auto devices = AXLE_ARGS(PJRT_LoadedExecutable_AddressableDevices_Args);
  devices.executable = add;
  AXLE_ASSERT_OK(api().PJRT_LoadedExecutable_AddressableDevices(&devices));
  ASSERT_EQ(devices.num_addressable_devices, 1u);
  EXPECT_EQ(devices.addressable_devices[0], device());

  destroy(exe);
  destroy(add);
}

TEST_F(ExecuteTest, OptimizedProgramSizeQueryThenText) {
  PJRT_LoadedExecutable *add = compileOk(kAdd);
  ASSERT_NE(add, nullptr);
  PJRT_Executable *exe = executableOf(add);
  auto program = AXLE_ARGS(PJRT_Program);
  auto args = AXLE_ARGS(PJRT_Executable_OptimizedProgram_Args);
  args.executable = exe;
  args.program = &program;
  AXLE_ASSERT_OK(api().PJRT_Executable_OptimizedProgram(&args));
  EXPECT_EQ(std::string(program.format, program.format_size), "mlir");
  ASSERT_GT(program.code_size, 0u);
  std::string text(program.code_size, '\0');
  program.code = text.data();
  AXLE_ASSERT_OK(api().PJRT_Executable_OptimizedProgram(&args));
  EXPECT_EQ(program.code_size, text.size());
  EXPECT_NE(text.find("func"), std::string::npos) << text;

  // A buffer that is too small is refused, not overrun.
  std::string tiny(4, '\0');
  program.code = tiny.data();
  program.code_size = tiny.size();
  EXPECT_EQ(takeError(api().PJRT_Executable_OptimizedProgram(&args)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);
  destroy(exe);
  destroy(add);
}

TEST_F(ExecuteTest, WrongArgumentsAreInvalidArgument) {
  PJRT_LoadedExecutable *add = compileOk(kAdd);
  ASSERT_NE(add, nullptr);
  std::vector<PJRT_Buffer *> outputs;

  ErrorInfo error = execute(add, {a}, outputs);
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("num_args"), std::string::npos);

  PJRT_Buffer *ints =
      upload(PJRT_Buffer_Type_S32, {2, 3}, std::vector<int32_t>(6, 1));
  error = execute(add, {a, ints}, outputs);
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("argument 1"), std::string::npos)
      << error.message;
  EXPECT_NE(error.message.find("S32[2,3]"), std::string::npos);
  EXPECT_NE(error.message.find("F32[2,3]"), std::string::npos);

  PJRT_Buffer *wrongShape =
      upload(PJRT_Buffer_Type_F32, {3, 2}, std::vector<float>(6, 1));
  error = execute(add, {wrongShape, b}, outputs);
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("argument 0"), std::string::npos);
  EXPECT_NE(error.message.find("F32[3,2]"), std::string::npos);

  auto remove = AXLE_ARGS(PJRT_Buffer_Delete_Args);
  destroy(ints);
  // A deleted buffer of the right shape.
  PJRT_Buffer *deleted =
      upload(PJRT_Buffer_Type_F32, {2, 3}, std::vector<float>(6, 1));
  remove.buffer = deleted;
  AXLE_ASSERT_OK(api().PJRT_Buffer_Delete(&remove));
  error = execute(add, {a, deleted}, outputs);
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("deleted"), std::string::npos);
  destroy(deleted);
  destroy(wrongShape);

  // Options are required and checked; num_devices must be 1.
  PJRT_Buffer *arguments[] = {a, b};
  PJRT_Buffer *const *argumentList = arguments;
  PJRT_Buffer *outputSlot = nullptr;
  PJRT_Buffer **outputList = &outputSlot;
  auto args = AXLE_ARGS(PJRT_LoadedExecutable_Execute_Args);
  args.executable = add;
  args.argument_lists = &argumentList;
  args.num_devices = 1;
  args.num_args = 2;
  args.output_lists = &outputList;
  EXPECT_EQ(takeError(api().PJRT_LoadedExecutable_Execute(&args)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);
  auto options = AXLE_ARGS(PJRT_ExecuteOptions);
  options.struct_size = 16;
  args.options = &options;
  EXPECT_EQ(takeError(api().PJRT_LoadedExecutable_Execute(&args)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);
  options.struct_size = PJRT_ExecuteOptions_STRUCT_SIZE;
  args.num_devices = 2;
  EXPECT_EQ(takeError(api().PJRT_LoadedExecutable_Execute(&args)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);
  args.num_devices = 1;
  AXLE_ASSERT_OK(api().PJRT_LoadedExecutable_Execute(&args));
  EXPECT_EQ(downloadAs<float>(outputSlot),
            (std::vector<float>{11, 22, 33, 44, 55, 66}));
  destroy(outputSlot);
  destroy(add);
}

TEST_F(ExecuteTest, CompileErrorsCarryTheCompilersMessage) {
  ErrorInfo error;
  EXPECT_EQ(compile(kAdd, &error, "hlo"), nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("'hlo'"), std::string::npos) << error.message;

  EXPECT_EQ(compile("func.func public @main(%a: tensor<2xf32> {", &error),
            nullptr);
  EXPECT_NE(error.code, PJRT_Error_Code_OK);
  // MLIR's diagnostics carry line:column (the error is at line 1, col 41).
  EXPECT_NE(error.message.find("1:41"), std::string::npos) << error.message;

  const char unknown[] = R"mlir(
func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "stablehlo.frobnicate"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
}
)mlir";
  EXPECT_EQ(compile(unknown, &error), nullptr);
  EXPECT_NE(error.code, PJRT_Error_Code_OK);
  EXPECT_NE(error.message.find("stablehlo.frobnicate"), std::string::npos)
      << error.message;
}

TEST_F(ExecuteTest, DeletedExecutableRefusesToRun) {
  PJRT_LoadedExecutable *add = compileOk(kAdd);
  ASSERT_NE(add, nullptr);
  PJRT_Executable *exe = executableOf(add);
  auto remove = AXLE_ARGS(PJRT_LoadedExecutable_Delete_Args);
  remove.executable = add;
  AXLE_ASSERT_OK(api().PJRT_LoadedExecutable_Delete(&remove));
  auto isDeleted = AXLE_ARGS(PJRT_LoadedExecutable_IsDeleted_Args);
  isDeleted.executable = add;
  AXLE_ASSERT_OK(api().PJRT_LoadedExecutable_IsDeleted(&isDeleted));
  EXPECT_TRUE(isDeleted.is_deleted);
  std::vector<PJRT_Buffer *> outputs(1);
  PJRT_Buffer *arguments[] = {a, b};
  PJRT_Buffer *const *argumentList = arguments;
  PJRT_Buffer **outputList = outputs.data();
  auto options = AXLE_ARGS(PJRT_ExecuteOptions);
  auto args = AXLE_ARGS(PJRT_LoadedExecutable_Execute_Args);
  args.executable = add;
  args.options = &options;
  args.argument_lists = &argumentList;
  args.num_devices = 1;
  args.num_args = 2;
  args.output_lists = &outputList;
  EXPECT_EQ(takeError(api().PJRT_LoadedExecutable_Execute(&args)).code,
            PJRT_Error_Code_FAILED_PRECONDITION);
  // The executable view taken before Delete still answers queries.
  auto numOutputs = AXLE_ARGS(PJRT_Executable_NumOutputs_Args);
  numOutputs.executable = exe;
  AXLE_ASSERT_OK(api().PJRT_Executable_NumOutputs(&numOutputs));
  EXPECT_EQ(numOutputs.num_outputs, 1u);
  destroy(exe);
  destroy(add);
}

TEST_F(ExecuteTest, RepeatedExecutionLeaksNothing) {
  PJRT_LoadedExecutable *add = compileOk(kAdd);
  ASSERT_NE(add, nullptr);
  auto stats = AXLE_ARGS(PJRT_Device_MemoryStats_Args);
  stats.device = device();
  std::vector<PJRT_Buffer *> outputs;
  // One warm-up run, then the counts must stay flat.
  ASSERT_EQ(execute(add, {a, b}, outputs).code, PJRT_Error_Code_OK);
  destroy(outputs[0]);
  AxleLiveObjectCounts start = liveCounts();
  AXLE_ASSERT_OK(api().PJRT_Device_MemoryStats(&stats));
  int64_t bytes = stats.bytes_in_use;
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(execute(add, {a, b}, outputs).code, PJRT_Error_Code_OK);
    destroy(outputs[0]);
  }
  AxleLiveObjectCounts end = liveCounts();
  EXPECT_EQ(end.buffers, start.buffers);
  EXPECT_EQ(end.events, start.events);
  EXPECT_EQ(end.errors, start.errors);
  EXPECT_EQ(end.executables, start.executables);
  AXLE_ASSERT_OK(api().PJRT_Device_MemoryStats(&stats));
  EXPECT_EQ(stats.bytes_in_use, bytes);
  destroy(add);
}

TEST_F(ExecuteTest, ConcurrentExecutionsAgree) {
  PJRT_LoadedExecutable *add = compileOk(kAdd);
  ASSERT_NE(add, nullptr);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::vector<PJRT_Buffer *> outputs;
        if (execute(add, {a, b}, outputs).code != PJRT_Error_Code_OK) {
          ++failures[t];
          continue;
        }
        if (downloadAs<float>(outputs[0]) !=
            std::vector<float>{11, 22, 33, 44, 55, 66})
          ++failures[t];
        destroy(outputs[0]);
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
  destroy(add);
}

TEST_F(ExecuteTest, ExecutableOutlivesItsClient) {
  auto create = AXLE_ARGS(PJRT_Client_Create_Args);
  AXLE_ASSERT_OK(api().PJRT_Client_Create(&create));
  std::swap(client, create.client); // compile and upload on the new client
  PJRT_LoadedExecutable *add = compileOk(kAdd);
  PJRT_Buffer *x = upload(PJRT_Buffer_Type_F32, {2, 3},
                          std::vector<float>{1, 1, 1, 1, 1, 1});
  std::swap(client, create.client);
  auto destroyClient = AXLE_ARGS(PJRT_Client_Destroy_Args);
  destroyClient.client = create.client;
  AXLE_ASSERT_OK(api().PJRT_Client_Destroy(&destroyClient));

  std::vector<PJRT_Buffer *> outputs;
  ErrorInfo error = execute(add, {x, x}, outputs);
  ASSERT_EQ(error.code, PJRT_Error_Code_OK) << error.message;
  EXPECT_EQ(downloadAs<float>(outputs[0]), std::vector<float>(6, 2.0f));
  destroy(outputs[0]);
  // A buffer of another client is refused.
  error = execute(add, {x, a}, outputs);
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("another client"), std::string::npos);
  destroy(x);
  destroy(add);
}

} // namespace
} // namespace axle::test
