//===- ReassociateReductions.cpp - Reassociable float accumulators --------===//
//
// Float sums and products over a reduction loop may be reassociated, as XLA
// does: it lets LLVM keep the accumulator in vector lanes. Only the ops that
// update the accumulator are marked, so fused elementwise producers in the
// same payload keep their exact rounding.
//
//===----------------------------------------------------------------------===//

#include "Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

namespace axle {
namespace {

struct ReassociateReductionsPass
    : PassWrapper<ReassociateReductionsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ReassociateReductionsPass)
  StringRef getArgument() const final { return "axle-reassociate-reductions"; }
  StringRef getDescription() const final {
    return "Give the float accumulator updates of reductions the reassoc flag";
  }
  void runOnOperation() final {
    getOperation().walk([](linalg::GenericOp g) {
      if (g.getNumReductionLoops() == 0)
        return;
      Block &body = g.getRegion().front();
      for (OpOperand &init : g.getDpsInitsMutable()) {
        BlockArgument acc = g.getMatchingBlockArgument(&init);
        for (Operation *user : acc.getUsers())
          if (auto math = dyn_cast<arith::ArithFastMathInterface>(user);
              math && user->getBlock() == &body &&
              isa<arith::AddFOp, arith::MulFOp>(user))
            user->setAttr(
                math.getFastMathAttrName(),
                arith::FastMathFlagsAttr::get(user->getContext(),
                                              arith::FastMathFlags::reassoc));
      }
    });
  }
};

} // namespace

std::unique_ptr<Pass> createReassociateReductionsPass() {
  return std::make_unique<ReassociateReductionsPass>();
}

} // namespace axle
