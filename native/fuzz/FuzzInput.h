//===- FuzzInput.h - Split a fuzz input into program and data ---*- C++ -*-===//
//
// Input format of axle_pjrt_fuzz (see native/fuzz/README.md):
//
//   <StableHLO text> [ '\0' <input bytes> ]
//
// Everything before the first NUL byte is the program (NUL never appears in
// MLIR text); everything after it fills the entry's parameter buffers, one
// after another, cycling when it runs out (zeros when there is none).
//
// The plugin's C API has no query for parameter shapes, so the fuzzer reads
// them from the program text: the parameter list of `@main` (or of the only
// public function) in the readable form, or the `function_type` of that
// function in the generic form. A wrong guess only means the execute is
// refused with INVALID_ARGUMENT, which the fuzzer accepts.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_FUZZ_FUZZINPUT_H
#define AXLE_FUZZ_FUZZINPUT_H

#include "pjrt_c_api.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace axle::fuzz {

struct ParameterSpec {
  PJRT_Buffer_Type type = PJRT_Buffer_Type_INVALID;
  std::vector<int64_t> dims;
  size_t elementSize = 0;
};

struct FuzzInput {
  std::string_view program;
  std::string_view data;
};

/// Splits at the first NUL byte.
FuzzInput splitInput(const uint8_t *bytes, size_t size);

/// The entry's parameters as read from the text; false when they cannot be
/// read (unknown element type, dynamic dimension, no entry found).
bool entryParameters(std::string_view program,
                     std::vector<ParameterSpec> &parameters);

/// Bytes of the largest `tensor<...>` written anywhere in the text (8 bytes
/// per element when the element type is not one the entry accepts); SIZE_MAX
/// when a size overflows. Lets the fuzzer skip running programs whose
/// intermediates are huge (they would test the machine, not the plugin).
size_t largestTensorBytes(std::string_view program);

/// Fills `out` with `data` repeated (zeros when `data` is empty), starting at
/// `offset` into `data`; returns the offset after the last byte used.
size_t fill(std::string_view data, size_t offset, std::vector<char> &out);

} // namespace axle::fuzz

#endif // AXLE_FUZZ_FUZZINPUT_H
