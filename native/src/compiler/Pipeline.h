//===- Pipeline.h - Upstream passes from linalg to LLVM --------*- C++ -*-===//
//
// Two stages so the loop-level program can be kept as the readable
// "optimized program": tensors -> buffers -> loops, then loops -> LLVM.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_COMPILER_PIPELINE_H
#define AXLE_COMPILER_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"

#include <string>

namespace axle {

/// Dialects, interface models and translations the pipeline needs.
void registerCompilerDialects(mlir::DialectRegistry &registry);

/// Loads the dialects the lowering builds ops of; creating an op of a
/// dialect that is registered but not loaded is undefined behaviour.
void loadCompilerDialects(mlir::MLIRContext &context);

/// Fuses, bufferizes (results become caller-provided out-parameters;
/// arguments are never written) and lowers linalg to scf loops; with more
/// than one thread, large elementwise loops become scf.parallel.
mlir::LogicalResult lowerToLoops(mlir::ModuleOp module, int64_t threads);

/// Lowers the loop-level module to the LLVM dialect, splitting parallel
/// loops across `threads` threads.
mlir::LogicalResult lowerToLLVM(mlir::ModuleOp module, int64_t threads);

} // namespace axle

#endif // AXLE_COMPILER_PIPELINE_H
