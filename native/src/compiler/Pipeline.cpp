//===- Pipeline.cpp - The pass pipeline from linalg to LLVM ---------------===//
//
// The whole pipeline, step by step: Axle's passes (Passes.h, one concern
// each) between upstream ones. Steps are pass-pipeline text, which is stable
// across MLIR releases where the C++ pass constructors and option structs are
// not, and which is what axle-opt takes.
//
//===----------------------------------------------------------------------===//

#include "Pipeline.h"
#include "ExpScalef.h"
#include "F64Approximations.h"
#include "Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "llvm/ADT/STLExtras.h"

#include <cstdlib>
#include <mutex>

using namespace mlir;

namespace axle {
namespace {

/// Appends the non-empty `steps` to `pm`.
LogicalResult addSteps(OpPassManager &pm,
                       std::initializer_list<std::string> steps) {
  std::string text;
  for (const std::string &step : steps)
    if (!step.empty())
      text += (text.empty() ? "" : ",") + step;
  if (succeeded(parsePassPipeline(text, pm)))
    return success();
  llvm::errs() << "axle: internal: bad pass pipeline " << text << "\n";
  return failure();
}

LogicalResult runSteps(ModuleOp module, int64_t threads,
                       LogicalResult (*build)(OpPassManager &, int64_t)) {
  registerAxlePasses();
  PassManager pm(module->getContext());
  // AXLE_COMPILE_TIMING=1 also reports each pass's time (to stderr).
  if (std::getenv("AXLE_COMPILE_TIMING"))
    pm.enableTiming();
  if (failed(build(pm, threads)))
    return failure();
  return pm.run(module);
}

/// Options of the registered pipelines.
struct PipelineOptions : PassPipelineOptions<PipelineOptions> {
  Option<int64_t> threads{
      *this, "threads",
      llvm::cl::desc("Threads the program runs on (more than one parallelizes "
                     "large loops)"),
      llvm::cl::init(1)};
};

} // namespace

LogicalResult buildLoopPipeline(OpPassManager &pm, int64_t threads) {
  bool parallel = threads > 1;
  return addSteps(
      pm,
      {// PJRT input buffers are immutable: bufferization must not write them.
       "axle-readonly-arguments",
       // Elementwise chains become one loop nest (one pass over memory).
       "axle-fuse-elementwise",
       // Tensors become buffers. Across function boundaries with the identity
       // layout, which is what the caller's dense buffers are; loops
       // (scf.while) may yield fresh buffers, freed each iteration by the
       // deallocation pipeline below.
       "one-shot-bufferize{bufferize-function-boundaries=1 "
       "allow-return-allocs-from-loops=1 "
       "function-boundary-type-conversion=identity-layout-map}",
       // Large contractions tagged during lowering become BLAS calls, now
       // that their buffers are decided.
       "axle-blas-calls",
       // Reductions may be reassociated, so LLVM vectorizes accumulators.
       "axle-reassociate-reductions",
       // buffer-results-to-out-params needs each result in its own buffer.
       "axle-distinct-returned-buffers",
       // Results become caller-provided out-parameters.
       "buffer-results-to-out-params{hoist-static-allocs=1 "
       "modify-public-functions=1}",
       "canonicalize",
       // Temporaries move out of loops (a loop body that allocated and freed
       // a buffer per op and iteration spent most of its time in malloc)...
       "axle-hoist-buffers",
       // ...before the remaining allocations get their deallocations.
       "buffer-deallocation-pipeline",
       // logsumexp's two reductions over each row read the row once.
       parallel ? "axle-row-fusion{parallel=1}" : "axle-row-fusion",
       // With threads, large loop nests become scf.parallel.
       parallel ? "axle-parallelize-loops" : "",
       // The rest of linalg becomes scf loops: the "optimized program".
       "func.func(convert-linalg-to-loops)", "canonicalize", "cse"});
}

LogicalResult buildLLVMPipeline(OpPassManager &pm, int64_t threads) {
  return addSteps(
      pm,
      {// f64 and f32 transcendentals become inline polynomials that
       // vectorize (libm calls do not).
       useInlineF64Math() ? "axle-approximate-f64"
                          : "axle-approximate-f64{libm=1}",
       useScalefExp() ? "axle-approximate-f32{exp-form=scalef}"
                      : "axle-approximate-f32{exp-form=portable}",
       // scf.parallel loops are split across `threads` workers
       // (AsyncRuntime.cpp); the caller runs one block itself.
       "async-parallel-for{async-dispatch=0 num-workers=" +
           std::to_string(threads) + " min-task-size=1}",
       "async-to-async-runtime",
       "func.func(async-runtime-ref-counting,async-runtime-ref-counting-opt)",
       "convert-async-to-llvm",
       // Everything else to the LLVM dialect.
       "convert-bufferization-to-memref", "expand-strided-metadata",
       "lower-affine", "convert-scf-to-cf", "convert-math-to-llvm",
       "convert-math-to-libm",
       "finalize-memref-to-llvm{use-generic-functions=1}",
       "convert-arith-to-llvm", "convert-index-to-llvm", "convert-func-to-llvm",
       "convert-cf-to-llvm", "reconcile-unrealized-casts",
       // Unranked-memref descriptors of calls in loops stop growing the
       // stack on every iteration.
       "axle-hoist-stack-slots",
       // What LLVM may assume about pointers: PJRT's buffers are disjoint...
       "axle-noalias-entry-arguments",
       // ...and so are those of each parallel loop body, kept out of line.
       "axle-prepare-parallel-bodies"});
}

void registerAxlePasses() {
  static std::once_flag registered;
  std::call_once(registered, [] {
    // The upstream passes the pipeline text names.
    registerAllPasses();
    for (auto create :
         {createReadonlyArgumentsPass, createDistinctReturnedBuffersPass,
          createNoAliasEntryArgumentsPass, createFuseElementwisePass,
          createBlasCallsPass, createReassociateReductionsPass,
          createHoistBuffersPass, createHoistStackSlotsPass,
          createRowFusionPass, createParallelizeLoopsPass,
          createPrepareParallelBodiesPass, createApproximateF64Pass,
          createApproximateF32Pass, createLowerStablehloPass})
      registerPass(create);
    PassPipelineRegistration<PipelineOptions>(
        "axle-loop-pipeline",
        "Fusion, bufferization and loops: linalg on tensors to the optimized "
        "program",
        [](OpPassManager &pm, const PipelineOptions &options) {
          (void)buildLoopPipeline(pm, options.threads);
        });
    PassPipelineRegistration<PipelineOptions>(
        "axle-llvm-pipeline", "The optimized program to the LLVM dialect",
        [](OpPassManager &pm, const PipelineOptions &options) {
          (void)buildLLVMPipeline(pm, options.threads);
        });
    PassPipelineRegistration<PipelineOptions>(
        "axle-pipeline",
        "The whole pipeline: linalg on tensors to the LLVM dialect",
        [](OpPassManager &pm, const PipelineOptions &options) {
          (void)buildLoopPipeline(pm, options.threads);
          (void)buildLLVMPipeline(pm, options.threads);
        });
  });
}

void registerCompilerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

void loadCompilerDialects(MLIRContext &context) {
  context.loadDialect<func::FuncDialect, arith::ArithDialect, math::MathDialect,
                      linalg::LinalgDialect, tensor::TensorDialect,
                      bufferization::BufferizationDialect,
                      memref::MemRefDialect, scf::SCFDialect>();
}

LogicalResult lowerToLoops(ModuleOp module, int64_t threads) {
  return runSteps(module, threads, buildLoopPipeline);
}

LogicalResult lowerToLLVM(ModuleOp module, int64_t threads) {
  return runSteps(module, threads, buildLLVMPipeline);
}

} // namespace axle
