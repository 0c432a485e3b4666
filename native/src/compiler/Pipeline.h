//===- Pipeline.h - The pass pipeline from linalg to LLVM ------*- C++ -*-===//
//
// Two stages so the loop-level program can be kept as the readable
// "optimized program": tensors -> buffers -> loops, then loops -> LLVM.
// registerAxlePasses (Passes.h) registers them as axle-loop-pipeline and
// axle-llvm-pipeline, and both in order as axle-pipeline.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_COMPILER_PIPELINE_H
#define AXLE_COMPILER_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"

#include <string>

namespace axle {

/// Dialects, interface models and translations the pipeline needs.
void registerCompilerDialects(mlir::DialectRegistry &registry);

/// Loads the dialects the lowering builds ops of; creating an op of a
/// dialect that is registered but not loaded is undefined behaviour.
void loadCompilerDialects(mlir::MLIRContext &context);

/// Appends the first stage's passes to `pm` (a module pass manager).
mlir::LogicalResult buildLoopPipeline(mlir::OpPassManager &pm, int64_t threads);

/// Appends the second stage's passes to `pm` (a module pass manager).
mlir::LogicalResult buildLLVMPipeline(mlir::OpPassManager &pm, int64_t threads);

/// Fuses, bufferizes (results become caller-provided out-parameters;
/// arguments are never written) and lowers linalg to scf loops; with more
/// than one thread, large elementwise loops become scf.parallel.
mlir::LogicalResult lowerToLoops(mlir::ModuleOp module, int64_t threads);

/// Lowers the loop-level module to the LLVM dialect, splitting parallel
/// loops across `threads` threads.
mlir::LogicalResult lowerToLLVM(mlir::ModuleOp module, int64_t threads);

} // namespace axle

#endif // AXLE_COMPILER_PIPELINE_H
