//===- FuzzRegressionTest.cpp - Inputs that once crashed the plugin -------===//
//
// Every finding of native/fuzz (and of the hand-written hostile programs run
// through it) stays here: the input is compiled, and run when it compiles,
// through the plugin's C API, and must give an error or a result, never a
// crash. Each test names what went wrong before the fix.
//
//===----------------------------------------------------------------------===//

#include "PluginFixture.h"

#include <chrono>

#include <cstring>
#include <memory>

namespace axle::test {
namespace {

using FuzzRegressionTest = PluginTest;

// Before: compiled, and the JIT'd @main called itself until the stack
// overflowed (SIGSEGV; ASan: stack-overflow).
TEST_F(FuzzRegressionTest, SelfRecursiveEntryIsRefused) {
  ErrorInfo error;
  PJRT_LoadedExecutable *exe = compile(R"(
func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "func.call"(%a) {callee = @main} : (tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
}
)",
                                       &error);
  EXPECT_EQ(exe, nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT) << error.message;
  EXPECT_NE(error.message.find("recursive call to @main"), std::string::npos)
      << error.message;
  if (exe)
    destroy(exe);
}

TEST_F(FuzzRegressionTest, MutualRecursionBehindABranchIsRefused) {
  ErrorInfo error;
  PJRT_LoadedExecutable *exe = compile(R"(
func.func private @even(%n: tensor<i32>) -> tensor<i32> {
  %0 = "func.call"(%n) {callee = @odd} : (tensor<i32>) -> tensor<i32>
  "func.return"(%0) : (tensor<i32>) -> ()
}
func.func private @odd(%n: tensor<i32>) -> tensor<i32> {
  %zero = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
  %done = "stablehlo.compare"(%n, %zero) {comparison_direction = #stablehlo<comparison_direction LE>} : (tensor<i32>, tensor<i32>) -> tensor<i1>
  %r = "stablehlo.if"(%done) ({
    "stablehlo.return"(%n) : (tensor<i32>) -> ()
  }, {
    %m = "func.call"(%n) {callee = @even} : (tensor<i32>) -> tensor<i32>
    "stablehlo.return"(%m) : (tensor<i32>) -> ()
  }) : (tensor<i1>) -> tensor<i32>
  "func.return"(%r) : (tensor<i32>) -> ()
}
func.func public @main(%n: tensor<i32>) -> tensor<i32> {
  %0 = "func.call"(%n) {callee = @even} : (tensor<i32>) -> tensor<i32>
  "func.return"(%0) : (tensor<i32>) -> ()
}
)",
                                       &error);
  EXPECT_EQ(exe, nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT) << error.message;
  EXPECT_NE(error.message.find("recursive call"), std::string::npos)
      << error.message;
  if (exe)
    destroy(exe);
}

// The check must not refuse what is legal: a diamond of calls (two paths to
// the same function) is not a cycle.
TEST_F(FuzzRegressionTest, AcyclicCallDiamondStillRuns) {
  PJRT_LoadedExecutable *exe = compileOk(R"(
func.func private @twice(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "stablehlo.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
}
func.func private @left(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "func.call"(%a) {callee = @twice} : (tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
}
func.func private @right(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "func.call"(%a) {callee = @twice} : (tensor<2xf32>) -> tensor<2xf32>
  %1 = "func.call"(%0) {callee = @twice} : (tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%1) : (tensor<2xf32>) -> ()
}
func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %l = "func.call"(%a) {callee = @left} : (tensor<2xf32>) -> tensor<2xf32>
  %r = "func.call"(%a) {callee = @right} : (tensor<2xf32>) -> tensor<2xf32>
  %s = "stablehlo.add"(%l, %r) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%s) : (tensor<2xf32>) -> ()
}
)");
  ASSERT_NE(exe, nullptr);
  PJRT_Buffer *a = upload(PJRT_Buffer_Type_F32, {2}, std::vector<float>{1, 3});
  std::vector<PJRT_Buffer *> outputs;
  ErrorInfo run = execute(exe, {a}, outputs);
  ASSERT_EQ(run.code, PJRT_Error_Code_OK) << run.message;
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(downloadAs<float>(outputs[0]), (std::vector<float>{6, 18}));
  destroy(outputs[0]);
  destroy(a);
  destroy(exe);
}

/// Compiles exactly `size` bytes from a heap block of that size, so a read
/// past the end is a heap overflow that ASan reports (test-native-asan).
ErrorInfo compileExactBytes(PJRT_Client *client, const char *bytes,
                            size_t size) {
  std::unique_ptr<char[]> code(new char[size]);
  std::memcpy(code.get(), bytes, size);
  auto program = AXLE_ARGS(PJRT_Program);
  program.code = code.get();
  program.code_size = size;
  program.format = "mlir";
  program.format_size = 4;
  auto args = AXLE_ARGS(PJRT_Client_Compile_Args);
  args.client = client;
  args.program = &program;
  ErrorInfo error = takeError(api().PJRT_Client_Compile(&args));
  if (error.code == PJRT_Error_Code_OK) {
    auto destroy = AXLE_ARGS(PJRT_LoadedExecutable_Destroy_Args);
    destroy.executable = args.executable;
    takeError(api().PJRT_LoadedExecutable_Destroy(&destroy));
  }
  return error;
}

// Before: MLIR's lexer expects a NUL after the text and read past the end of
// the caller's bytes (ASan: heap-buffer-overflow in StringRef::find) — the
// fuzzer's one-byte program "W".
TEST_F(FuzzRegressionTest, ProgramBytesWithoutTerminatorAreNotOverread) {
  ErrorInfo w = compileExactBytes(client, "W", 1);
  EXPECT_EQ(w.code, PJRT_Error_Code_INVALID_ARGUMENT) << w.message;
  const char unterminated[] = "func.func public @main(%a: tensor<f32";
  ErrorInfo cut =
      compileExactBytes(client, unterminated, sizeof(unterminated) - 1);
  EXPECT_EQ(cut.code, PJRT_Error_Code_INVALID_ARGUMENT) << cut.message;
  const char valid[] = "func.func public @main(%a: tensor<f32>) -> "
                       "tensor<f32> {\n  \"func.return\"(%a) : "
                       "(tensor<f32>) -> ()\n}";
  ErrorInfo ok = compileExactBytes(client, valid, sizeof(valid) - 1);
  EXPECT_EQ(ok.code, PJRT_Error_Code_OK) << ok.message;
}

/// `depth` stablehlo.if ops, each nested in the previous one's true branch;
/// every branch returns %a.
std::string nestedIfs(int depth) {
  std::string text = "func.func public @main(%p: tensor<i1>, %a: tensor<f32>) "
                     "-> tensor<f32> {\n";
  for (int i = 0; i < depth; ++i)
    text += "%r" + std::to_string(i) + " = \"stablehlo.if\"(%p) ({\n";
  const std::string elseBranch =
      "}, {\n\"stablehlo.return\"(%a) : (tensor<f32>) -> ()\n}) : "
      "(tensor<i1>) -> tensor<f32>\n";
  text += "\"stablehlo.return\"(%a) : (tensor<f32>) -> ()\n";
  for (int i = depth - 1; i > 0; --i)
    text += elseBranch + "\"stablehlo.return\"(%r" + std::to_string(i) +
            ") : (tensor<f32>) -> ()\n";
  return text + elseBranch + "\"func.return\"(%r0) : (tensor<f32>) -> ()\n}\n";
}

// Found by review of the fuzzing notes: bufferization's analysis time
// doubles per nesting level (a denial of service, not a crash); nesting
// beyond 24 regions is refused quickly; 12 levels still compile.
TEST_F(FuzzRegressionTest, RegionsNestedTooDeeplyAreRefusedFast) {
  ErrorInfo error;
  auto start = std::chrono::steady_clock::now();
  PJRT_LoadedExecutable *exe = compile(nestedIfs(40), &error);
  EXPECT_EQ(exe, nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << error.message;
  EXPECT_NE(error.message.find("nested"), std::string::npos) << error.message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  PJRT_LoadedExecutable *ok = compile(nestedIfs(12), &error);
  ASSERT_NE(ok, nullptr) << error.message;
  destroy(ok);
}

// Before: MLIR's parser recursed once per region and overflowed the stack
// (ASan: stack-overflow) at about 5,000 levels; a .NET thread's smaller stack
// overflows sooner.
TEST_F(FuzzRegressionTest, DeeplyNestedRegionsAreRefusedNotOverflowed) {
  ErrorInfo error;
  PJRT_LoadedExecutable *exe = compile(nestedIfs(5000), &error);
  EXPECT_EQ(exe, nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << error.message;
  EXPECT_NE(error.message.find("nests brackets"), std::string::npos)
      << error.message;
  if (exe)
    destroy(exe);
}

TEST_F(FuzzRegressionTest, DeeplyNestedAttributeIsRefusedNotOverflowed) {
  const int depth = 100000;
  std::string value = std::string(depth, '[') + "1.0" + std::string(depth, ']');
  ErrorInfo error;
  PJRT_LoadedExecutable *exe = compile(
      "func.func public @main() -> tensor<f32> {\n"
      "  %0 = \"stablehlo.constant\"() {value = dense<" +
          value +
          "> : tensor<f32>} : () -> tensor<f32>\n"
          "  \"func.return\"(%0) : (tensor<f32>) -> ()\n}\n",
      &error);
  EXPECT_EQ(exe, nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_RESOURCE_EXHAUSTED) << error.message;
  if (exe)
    destroy(exe);
}

// The limit leaves room for real programs: 8 nested branches run.
TEST_F(FuzzRegressionTest, ModeratelyNestedRegionsStillRun) {
  PJRT_LoadedExecutable *exe = compileOk(nestedIfs(8));
  ASSERT_NE(exe, nullptr);
  bool p = true;
  float a = 2.5f;
  PJRT_Buffer *pb = upload(PJRT_Buffer_Type_PRED, {}, &p);
  PJRT_Buffer *ab = upload(PJRT_Buffer_Type_F32, {}, &a);
  std::vector<PJRT_Buffer *> outputs;
  ErrorInfo run = execute(exe, {pb, ab}, outputs);
  ASSERT_EQ(run.code, PJRT_Error_Code_OK) << run.message;
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(downloadAs<float>(outputs[0]), std::vector<float>{2.5f});
  destroy(outputs[0]);
  destroy(pb);
  destroy(ab);
  destroy(exe);
}

} // namespace
} // namespace axle::test
