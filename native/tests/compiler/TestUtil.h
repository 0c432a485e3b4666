//===- TestUtil.h - Helpers for the compiler tests -------------*- C++ -*-===//
#ifndef AXLE_TESTS_COMPILER_TESTUTIL_H
#define AXLE_TESTS_COMPILER_TESTUTIL_H

#include "compiler/Compiler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace axle::test {

/// MLIR element type names for the C++ types the tests use. Booleans are
/// held in uint8_t buffers (one byte per i1) and named explicitly as "i1".
template <typename T> const char *typeName();
template <> inline const char *typeName<float>() { return "f32"; }
template <> inline const char *typeName<double>() { return "f64"; }
template <> inline const char *typeName<int32_t>() { return "i32"; }
template <> inline const char *typeName<uint32_t>() { return "ui32"; }
template <> inline const char *typeName<int64_t>() { return "i64"; }
template <> inline const char *typeName<uint8_t>() { return "i1"; }

/// "tensor<2x3xf32>".
inline std::string tensor(const std::string &element,
                          const std::vector<int64_t> &dims) {
  std::string s = "tensor<";
  for (int64_t d : dims)
    s += std::to_string(d) + "x";
  return s + element + ">";
}

inline int64_t count(const std::vector<int64_t> &dims) {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= d;
  return n;
}

/// Compiles and expects success.
inline std::unique_ptr<Executable> compileOk(const std::string &code) {
  Status status;
  auto exe = compileProgram(code, "mlir", status);
  EXPECT_TRUE(status.ok()) << status.message << "\nprogram:\n" << code;
  EXPECT_EQ(exe != nullptr, status.ok());
  return exe;
}

/// Compiles and expects failure; returns the status.
inline Status compileError(const std::string &code) {
  Status status;
  auto exe = compileProgram(code, "mlir", status);
  EXPECT_FALSE(status.ok()) << "program compiled unexpectedly:\n" << code;
  EXPECT_EQ(exe, nullptr);
  return status;
}

/// Runs a one-result program; inputs are host buffers.
template <typename R>
std::vector<R> runOne(const Executable &exe, std::vector<const void *> inputs) {
  EXPECT_EQ(exe.results().size(), 1u);
  std::vector<R> out(exe.results()[0].numElements());
  EXPECT_EQ(out.size() * sizeof(R), exe.results()[0].byteSize());
  void *outs[] = {out.data()};
  Status status = exe.execute(inputs.data(), outs);
  EXPECT_TRUE(status.ok()) << status.message;
  return out;
}

/// Runs a program with any number of results; each result comes back as
/// raw bytes, read with `as<T>`.
inline std::vector<std::vector<char>> runAll(const Executable &exe,
                                             std::vector<const void *> inputs) {
  std::vector<std::vector<char>> out;
  std::vector<void *> pointers;
  for (const TensorSpec &spec : exe.results())
    out.emplace_back(spec.byteSize() + 1);
  for (auto &buffer : out)
    pointers.push_back(buffer.data());
  Status status = exe.execute(inputs.data(), pointers.data());
  EXPECT_TRUE(status.ok()) << status.message;
  for (auto &buffer : out)
    buffer.pop_back();
  return out;
}

template <typename T> std::vector<T> as(const std::vector<char> &bytes) {
  std::vector<T> v(bytes.size() / sizeof(T));
  std::memcpy(v.data(), bytes.data(), v.size() * sizeof(T));
  return v;
}

/// Compiles `body` (lines of generic-form ops, using %a, %b, ... for the
/// parameters) as `func.func @main(params) -> results`.
inline std::string program(const std::vector<std::string> &params,
                           const std::vector<std::string> &results,
                           const std::string &body) {
  std::string text = "func.func public @main(";
  for (size_t i = 0; i < params.size(); ++i)
    text +=
        (i ? ", %" : "%") + std::string(1, char('a' + i)) + ": " + params[i];
  text += ") -> (";
  for (size_t i = 0; i < results.size(); ++i)
    text += (i ? ", " : "") + results[i];
  return text + ") {\n" + body + "\n}\n";
}

/// bf16 and f16 bit patterns from float, rounding to nearest even.
inline uint16_t toBF16(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  if (std::isnan(f))
    return static_cast<uint16_t>((bits >> 16) | 0x40);
  bits += 0x7FFF + ((bits >> 16) & 1);
  return static_cast<uint16_t>(bits >> 16);
}
inline float fromBF16(uint16_t h) {
  uint32_t bits = uint32_t(h) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}
inline uint16_t toF16(float f) {
  _Float16 h = static_cast<_Float16>(f);
  uint16_t bits;
  std::memcpy(&bits, &h, 2);
  return bits;
}
inline float fromF16(uint16_t bits) {
  _Float16 h;
  std::memcpy(&h, &bits, 2);
  return static_cast<float>(h);
}

/// Deterministic random data.
template <typename T>
std::vector<T> randomData(int64_t n, double lo, double hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<T> v(n);
  if constexpr (std::is_floating_point_v<T>) {
    std::uniform_real_distribution<double> dist(lo, hi);
    for (T &x : v)
      x = static_cast<T>(dist(rng));
  } else {
    std::uniform_int_distribution<int64_t> dist(static_cast<int64_t>(lo),
                                                static_cast<int64_t>(hi));
    for (T &x : v)
      x = static_cast<T>(dist(rng));
  }
  return v;
}

/// Equality for ints, NaN-aware closeness for floats.
template <typename T> void expectClose(T expected, T actual, size_t index) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(expected)) {
      EXPECT_TRUE(std::isnan(actual)) << "at " << index << ": " << actual;
      return;
    }
    double tol = (sizeof(T) == 4 ? 2e-6 : 1e-13) *
                 std::max(1.0, std::fabs(static_cast<double>(expected)));
    EXPECT_NEAR(expected, actual, tol) << "at " << index;
  } else {
    EXPECT_EQ(expected, actual) << "at " << index;
  }
}

template <typename T>
void expectAllClose(const std::vector<T> &expected,
                    const std::vector<T> &actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (size_t i = 0; i < expected.size(); ++i)
    expectClose(expected[i], actual[i], i);
}

} // namespace axle::test

#endif // AXLE_TESTS_COMPILER_TESTUTIL_H
