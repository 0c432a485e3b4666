//===- ParallelLoops.cpp - Large loop nests across threads ----------------===//
//
// Large loop nests at the top level of a function become scf.parallel over
// their parallel dimensions (a reduction's rows, an elementwise op's
// elements), which the async passes of the pipeline split across cores;
// reduction dimensions stay sequential inside each task. Only ops whose
// operands are disjoint buffers qualify, so the outlined bodies may declare
// their pointers noalias (axle-prepare-parallel-bodies), which vectorizing a
// reduction's accumulator needs. Loops inside control flow stay sequential:
// each iteration is short.
//
//===----------------------------------------------------------------------===//

#include "BufferRoots.h"
#include "Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace axle {
namespace {

struct ParallelizeLoopsPass
    : PassWrapper<ParallelizeLoopsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ParallelizeLoopsPass)
  ParallelizeLoopsPass() = default;
  ParallelizeLoopsPass(const ParallelizeLoopsPass &other)
      : PassWrapper(other) {}
  StringRef getArgument() const final { return "axle-parallelize-loops"; }
  StringRef getDescription() const final {
    return "Turn large top-level linalg.generics over disjoint buffers into "
           "scf.parallel loops";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    registry.insert<affine::AffineDialect, arith::ArithDialect,
                    memref::MemRefDialect, scf::SCFDialect>();
  }
  void runOnOperation() final {
    ModuleOp module = getOperation();
    SmallVector<linalg::GenericOp> candidates;
    module.walk([&](linalg::GenericOp g) {
      if (!isa<func::FuncOp>(g->getParentOp()) || !g.hasPureBufferSemantics() ||
          g.getNumParallelLoops() == 0 ||
          !operandsAreDisjointBuffers({g.getOperation()}))
        return;
      int64_t iterations = 1;
      for (int64_t r : g.getStaticLoopRanges()) {
        if (ShapedType::isDynamic(r))
          return;
        iterations *= r;
      }
      if (iterations >= minIterations)
        candidates.push_back(g);
    });
    IRRewriter rewriter(module.getContext());
    for (linalg::GenericOp g : candidates) {
      rewriter.setInsertionPoint(g);
      if (succeeded(linalg::linalgOpToParallelLoops(rewriter, g)))
        rewriter.eraseOp(g);
    }
  }

  Option<int64_t> minIterations{
      *this, "min-iterations",
      llvm::cl::desc("Below this many iterations a loop is not worth waking "
                     "another thread"),
      llvm::cl::init(int64_t(1) << 18)};
};

/// async-parallel-for outlines each loop body as parallel_compute_fn and
/// calls it from a coroutine per task. Inlined into the coroutine, the body's
/// pointers live in the coroutine frame and are reloaded on every iteration
/// (a store might alias the frame), which stops vectorization: 5x slower. So
/// bodies stay functions, and their pointers are noalias: every
/// parallelized op's operands are disjoint buffers (axle-parallelize-loops).
struct PrepareParallelBodiesPass
    : PassWrapper<PrepareParallelBodiesPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(PrepareParallelBodiesPass)
  StringRef getArgument() const final { return "axle-prepare-parallel-bodies"; }
  StringRef getDescription() const final {
    return "Keep parallel_compute_fn bodies out of line, with noalias "
           "pointers";
  }
  void runOnOperation() final {
    getOperation().walk([](LLVM::LLVMFuncOp f) {
      if (!f.getName().starts_with("parallel_compute_fn"))
        return;
      f.setNoInline(true);
      for (unsigned i = 0; i < f.getNumArguments(); ++i)
        if (isa<LLVM::LLVMPointerType>(f.getArgument(i).getType()))
          f.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                       UnitAttr::get(f.getContext()));
    });
  }
};

} // namespace

std::unique_ptr<Pass> createParallelizeLoopsPass() {
  return std::make_unique<ParallelizeLoopsPass>();
}

std::unique_ptr<Pass> createPrepareParallelBodiesPass() {
  return std::make_unique<PrepareParallelBodiesPass>();
}

} // namespace axle
