//===- Passes.h - Axle's own MLIR passes --------------------------*- C++
//-*-===//
//
// Each pass is one concern of the pipeline (Pipeline.cpp) and lives in the
// file named beside its factory; registerAxlePasses() makes all of them
// available by argument to pass-pipeline text and to axle-opt. All run on the
// module.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_COMPILER_PASSES_H
#define AXLE_COMPILER_PASSES_H

#include "mlir/Pass/Pass.h"

#include <memory>

namespace axle {

// Aliasing.cpp
/// axle-readonly-arguments: marks every function argument not writable, so
/// bufferization never writes into a PJRT input buffer.
std::unique_ptr<mlir::Pass> createReadonlyArgumentsPass();
/// axle-distinct-returned-buffers: a buffer returned more than once gets a
/// copy per extra use, so buffer-results-to-out-params sees distinct results.
std::unique_ptr<mlir::Pass> createDistinctReturnedBuffersPass();
/// axle-noalias-entry-arguments: the public LLVM functions' pointer arguments
/// are noalias (PJRT gives every input and output its own buffer).
std::unique_ptr<mlir::Pass> createNoAliasEntryArgumentsPass();

// ElementwiseFusion.cpp
/// axle-fuse-elementwise: linalg elementwise fusion that keeps BLAS-tagged
/// contractions whole and recomputes only what is free to recompute.
std::unique_ptr<mlir::Pass> createFuseElementwisePass();

// BlasContraction.cpp
/// axle-blas-calls: contractions tagged for BLAS (now on buffers) become
/// calls to axleDotF32/F64.
std::unique_ptr<mlir::Pass> createBlasCallsPass();

// ReassociateReductions.cpp
/// axle-reassociate-reductions: float accumulator updates of reductions get
/// the reassoc fast-math flag, so LLVM can vectorize them.
std::unique_ptr<mlir::Pass> createReassociateReductionsPass();

// BufferHoisting.cpp
/// axle-hoist-buffers: fixed-size temporaries move to their function's entry
/// (small ones to the stack).
std::unique_ptr<mlir::Pass> createHoistBuffersPass();
/// axle-hoist-stack-slots: constant-size llvm.allocas move to the entry
/// block, so loops do not grow the stack.
std::unique_ptr<mlir::Pass> createHoistStackSlotsPass();

// RowFusion.cpp
/// axle-row-fusion{parallel}: consecutive row-wise generics share one loop
/// over rows.
std::unique_ptr<mlir::Pass> createRowFusionPass();

// ParallelLoops.cpp
/// axle-parallelize-loops{min-iterations}: large top-level loop nests over
/// disjoint buffers become scf.parallel.
std::unique_ptr<mlir::Pass> createParallelizeLoopsPass();
/// axle-prepare-parallel-bodies: the outlined bodies of parallel loops stay
/// functions with noalias pointers.
std::unique_ptr<mlir::Pass> createPrepareParallelBodiesPass();

// F64Approximations.cpp
/// axle-approximate-f64{libm}: f64 exp, expm1, log, log1p as inline
/// polynomials (or, with libm, expm1 and log1p as libm calls).
std::unique_ptr<mlir::Pass> createApproximateF64Pass();

// F32Approximations.cpp
/// axle-approximate-f32{exp-form}: f32 exp, log, tanh as inline polynomials.
std::unique_ptr<mlir::Pass> createApproximateF32Pass();

// LoweringPass.cpp
/// axle-lower-stablehlo: the StableHLO (generic text, unregistered ops)
/// module becomes upstream linalg/tensor/arith/math IR, as compileProgram
/// lowers it before the pipeline.
std::unique_ptr<mlir::Pass> createLowerStablehloPass();

/// Registers every pass above and the pipelines of Pipeline.h
/// (axle-pipeline, axle-loop-pipeline, axle-llvm-pipeline) by argument.
void registerAxlePasses();

} // namespace axle

#endif // AXLE_COMPILER_PASSES_H
