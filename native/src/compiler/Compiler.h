//===- Compiler.h - StableHLO text to a callable host program ---*- C++ -*-===//
//
// The boundary between the PJRT object layer (native/src/pjrt) and the MLIR
// compiler (native/src/compiler). It is deliberately free of MLIR and LLVM
// headers so the PJRT layer compiles quickly and never sees compiler types.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_COMPILER_COMPILER_H
#define AXLE_COMPILER_COMPILER_H

#include "pjrt_c_api.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace axle {

/// Outcome of a compiler call; `code` is a PJRT error code so the PJRT layer
/// can hand it to the caller unchanged.
struct Status {
  PJRT_Error_Code code = PJRT_Error_Code_OK;
  std::string message;

  bool ok() const { return code == PJRT_Error_Code_OK; }
  static Status success() { return {}; }
  static Status error(PJRT_Error_Code code, std::string message) {
    return {code, std::move(message)};
  }
};

/// A dense, row-major tensor type: element type and dimensions.
struct TensorSpec {
  PJRT_Buffer_Type elementType = PJRT_Buffer_Type_INVALID;
  std::vector<int64_t> dims;

  int64_t numElements() const;
  /// Bytes of a dense row-major buffer of this type (0 for unsized types).
  size_t byteSize() const;
};

/// Size in bytes of one element; 0 for types the compiler does not support.
size_t elementByteSize(PJRT_Buffer_Type type);

/// A compiled program, ready to run many times.
class Executable {
public:
  virtual ~Executable() = default;

  /// The entry function's parameters and results, in order.
  virtual const std::vector<TensorSpec> &parameters() const = 0;
  virtual const std::vector<TensorSpec> &results() const = 0;

  /// The entry function's name in the module (normally "main").
  virtual const std::string &name() const = 0;

  /// The program after the compiler's pipeline, as MLIR text.
  virtual const std::string &optimizedProgram() const = 0;

  /// Runs the program. `inputs[i]` points at dense row-major data for
  /// parameters()[i]; `outputs[j]` at caller-allocated storage of
  /// results()[j].byteSize() bytes. Pointers for zero-sized tensors may be
  /// null. Safe to call from several threads at once.
  virtual Status execute(const void *const *inputs,
                         void *const *outputs) const = 0;
};

/// Choices a client makes for every program it compiles.
struct CompileOptions {
  /// Threads a large elementwise loop is split across; 0 means one per core,
  /// 1 keeps every loop on the calling thread.
  int64_t threads = 0;
};

/// Compiles `code`. `format` is the PJRT program format; only "mlir"
/// (StableHLO as MLIR text in generic op form, with `func.func` entry
/// functions) is accepted.
/// On failure returns null and sets `status` to a message that names the
/// problem (MLIR's diagnostics with line and column, or the op that is not
/// supported yet).
std::unique_ptr<Executable> compileProgram(std::string_view code,
                                           std::string_view format,
                                           Status &status,
                                           const CompileOptions &options = {});

} // namespace axle

#endif // AXLE_COMPILER_COMPILER_H
