//===- PluginFixture.h - Drive the CPU plugin through its C API -*- C++ -*-===//
//
// The tests load the plugin exactly like a real loader: dlopen the shared
// library, look up GetPjrtApi, and call only through the returned table.
// These helpers keep the Args boilerplate out of the test bodies; each one
// fails the current test (and returns an empty value) on an unexpected error.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_TESTS_PJRT_PLUGINFIXTURE_H
#define AXLE_TESTS_PJRT_PLUGINFIXTURE_H

#include "pjrt/LiveObjects.h"

#include "pjrt_c_api.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace axle::test {

/// The plugin's table; loads the library on first use (never unloaded, as
/// loaders do).
const PJRT_Api &api();

/// A zeroed Args struct with struct_size set from the header.
template <typename Args> Args makeArgs(size_t structSize) {
  Args args;
  std::memset(&args, 0, sizeof(args));
  args.struct_size = structSize;
  return args;
}
#define AXLE_ARGS(Type) ::axle::test::makeArgs<Type>(Type##_STRUCT_SIZE)

/// Code and message of `error`, which is then destroyed. Null is OK/"".
struct ErrorInfo {
  PJRT_Error_Code code = PJRT_Error_Code_OK;
  std::string message;
};
ErrorInfo takeError(PJRT_Error *error);

/// Fails the test with the error's message when `error` is not null.
#define AXLE_ASSERT_OK(expr)                                                   \
  do {                                                                         \
    ::axle::test::ErrorInfo info_ = ::axle::test::takeError(expr);             \
    ASSERT_EQ(info_.code, PJRT_Error_Code_OK) << info_.message;                \
  } while (false)

AxleLiveObjectCounts liveCounts();

/// Base fixture: a fresh client per test, destroyed afterwards; checks that
/// the test released every buffer, executable, event and error it made.
class PluginTest : public ::testing::Test {
protected:
  void SetUp() override;
  void TearDown() override;

  PJRT_Device *device();
  PJRT_Memory *memory();

  /// Uploads dense row-major host data (or strided when `byteStrides`).
  PJRT_Buffer *upload(PJRT_Buffer_Type type, const std::vector<int64_t> &dims,
                      const void *data,
                      const std::vector<int64_t> *byteStrides = nullptr,
                      PJRT_HostBufferSemantics semantics =
                          PJRT_HostBufferSemantics_kImmutableOnlyDuringCall);
  template <typename T>
  PJRT_Buffer *upload(PJRT_Buffer_Type type, const std::vector<int64_t> &dims,
                      const std::vector<T> &values) {
    return upload(type, dims, values.data());
  }

  /// All bytes of `buffer` in dense row-major order.
  std::vector<char> download(PJRT_Buffer *buffer);
  template <typename T> std::vector<T> downloadAs(PJRT_Buffer *buffer) {
    std::vector<char> bytes = download(buffer);
    std::vector<T> values(bytes.size() / sizeof(T));
    if (!bytes.empty())
      std::memcpy(values.data(), bytes.data(), bytes.size());
    return values;
  }

  /// Compiles StableHLO text; returns null and sets `error` on failure.
  PJRT_LoadedExecutable *compile(const std::string &text, ErrorInfo *error,
                                 const std::string &format = "mlir");
  /// Compiles and fails the test on error.
  PJRT_LoadedExecutable *compileOk(const std::string &text);

  /// Runs `executable` once; returns its outputs (caller destroys them).
  ErrorInfo execute(PJRT_LoadedExecutable *executable,
                    const std::vector<PJRT_Buffer *> &arguments,
                    std::vector<PJRT_Buffer *> &outputs);

  size_t numOutputs(PJRT_LoadedExecutable *executable);

  void destroy(PJRT_Buffer *buffer);
  void destroy(PJRT_LoadedExecutable *executable);
  void destroy(PJRT_Executable *executable);
  void destroy(PJRT_Event *event);

  PJRT_Client *client = nullptr;
  AxleLiveObjectCounts before{};
};

} // namespace axle::test

#endif // AXLE_TESTS_PJRT_PLUGINFIXTURE_H
