//===- LoweringPass.cpp - The StableHLO lowering as a pass ----------------===//
//
// compileProgram calls lowering::lowerModule directly; as a pass the same
// lowering runs in axle-opt, so the upstream IR a real program becomes, and
// what each later pass does to it, can be read and FileCheck-tested. The
// input must be parsed with unregistered dialects allowed (StableHLO is not
// an MLIR dialect here).
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"
#include "Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace axle {
namespace {

struct LowerStablehloPass
    : PassWrapper<LowerStablehloPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(LowerStablehloPass)
  StringRef getArgument() const final { return "axle-lower-stablehlo"; }
  StringRef getDescription() const final {
    return "Lower a StableHLO module (generic form) to linalg, tensor, arith "
           "and math, as compileProgram does before the pipeline";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    // The dialects the lowering builds ops of (loadCompilerDialects).
    registry.insert<func::FuncDialect, arith::ArithDialect, math::MathDialect,
                    linalg::LinalgDialect, tensor::TensorDialect,
                    bufferization::BufferizationDialect, memref::MemRefDialect,
                    scf::SCFDialect>();
  }
  void runOnOperation() final {
    ModuleOp source = getOperation();
    Status status;
    OwningOpRef<ModuleOp> lowered = lowering::lowerModule(source, status);
    if (!lowered) {
      source.emitError(status.message);
      return signalPassFailure();
    }
    // The lowered functions replace the source's, in the module the pass
    // manager holds.
    source.getBody()->clear();
    source.getBody()->getOperations().splice(
        source.getBody()->end(), lowered->getBody()->getOperations());
  }
};

} // namespace

std::unique_ptr<Pass> createLowerStablehloPass() {
  return std::make_unique<LowerStablehloPass>();
}

} // namespace axle
