//===- ElementwiseFusion.cpp - Elementwise chains into one loop nest ------===//
//
// linalg-fuse-elementwise-ops, except that nothing is fused into a
// contraction tagged for BLAS (a fused producer would turn the call back into
// a loop nest), and a producer is fused where it would be recomputed only
// when that is free (a fill).
//
//===----------------------------------------------------------------------===//

#include "BlasContraction.h"
#include "Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;

namespace axle {
namespace {

/// A producer worth recomputing in each consumer rather than storing once and
/// reading back: a fill (relu's zeros feeding both the next layer and the
/// backward mask were stored and read twice). Elementwise producers with
/// several uses stay stored: recomputing them in every consumer changed
/// results by an ulp (the Beta sampler's eager and jitted draws differed).
bool cheapToRecompute(Operation *producer) {
  return isa<linalg::FillOp>(producer);
}

/// Whether fusing the producer of `fused` into its consumer would run the
/// producer's body again for every value of consumer loops its result does
/// not depend on: a residual feeding Xᵀ·r, fused into the contraction, was
/// recomputed once per column of X (ten times the divisions of the seed
/// model's gradient).
bool fusionRecomputes(OpOperand *fused) {
  auto consumer = dyn_cast<linalg::LinalgOp>(fused->getOwner());
  if (!consumer)
    return true;
  AffineMap map = consumer.getMatchingIndexingMap(fused);
  return map.getNumResults() != consumer.getNumLoops() || !map.isPermutation();
}

struct FuseElementwisePass
    : PassWrapper<FuseElementwisePass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(FuseElementwisePass)
  StringRef getArgument() const final { return "axle-fuse-elementwise"; }
  StringRef getDescription() const final {
    return "Fuse elementwise linalg producers into consumers, except into "
           "BLAS-tagged contractions and where that recomputes";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    registry.insert<affine::AffineDialect, linalg::LinalgDialect,
                    tensor::TensorDialect>();
  }
  void runOnOperation() final {
    ModuleOp module = getOperation();
    MLIRContext *context = module.getContext();
    linalg::ControlFusionFn control = [](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      return producer &&
             (producer->hasOneUse() || cheapToRecompute(producer)) &&
             !isTaggedForBlas(fused->getOwner()) &&
             (!fusionRecomputes(fused) || cheapToRecompute(producer));
    };
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, control);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, control);
    tensor::populateBubbleUpExpandShapePatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()
        ->getCanonicalizationPatterns(patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, control);
    // A while loop's invariant operands (a captured data matrix) stop being
    // carried: carried, bufferization copied them on every entry to the loop.
    scf::WhileOp::getCanonicalizationPatterns(patterns, context);
    (void)applyPatternsGreedily(
        module, std::move(patterns),
        GreedyRewriteConfig().setUseTopDownTraversal(true));
  }
};

} // namespace

std::unique_ptr<Pass> createFuseElementwisePass() {
  return std::make_unique<FuseElementwisePass>();
}

} // namespace axle
