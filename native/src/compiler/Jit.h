//===- Jit.h - LLVM-dialect module to a callable Executable ----*- C++ -*-===//
#ifndef AXLE_COMPILER_JIT_H
#define AXLE_COMPILER_JIT_H

#include "Compiler.h"

#include "mlir/IR/BuiltinOps.h"

namespace axle {

/// JIT-compiles `module` (LLVM dialect; `entry` takes the parameters' memrefs
/// followed by the results' memrefs and returns nothing) for the host CPU.
std::unique_ptr<Executable> jitCompile(mlir::ModuleOp module, std::string entry,
                                       std::vector<TensorSpec> parameters,
                                       std::vector<TensorSpec> results,
                                       std::string optimizedProgram,
                                       Status &status);

} // namespace axle

#endif // AXLE_COMPILER_JIT_H
