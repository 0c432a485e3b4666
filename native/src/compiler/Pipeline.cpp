//===- Pipeline.cpp - Upstream passes from linalg to LLVM -----------------===//
//
// Pipelines are lists of passes on the module (the PassManager's anchor).
// They are written as pass-pipeline text: it is stable across MLIR
// releases where the C++ pass constructors and option structs are not.
//
//===----------------------------------------------------------------------===//

#include "Pipeline.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

#include <mutex>

using namespace mlir;

namespace axle {
namespace {

// One-shot bufferization across function boundaries gives memref arguments
// with the identity layout, which is what the caller's dense buffers are.
// Loops (scf.while from stablehlo.while) may yield fresh buffers; the
// deallocation pipeline frees them each iteration, so memory stays bounded
// (a copy per iteration remains: a later performance step).
constexpr const char *kBufferizePipeline =
    "linalg-fuse-elementwise-ops,"
    "one-shot-bufferize{bufferize-function-boundaries=1 "
    "allow-return-allocs-from-loops=1 "
    "function-boundary-type-conversion=identity-layout-map}";

// Runs after makeReturnedBuffersDistinct.
constexpr const char *kLoopPipeline =
    "buffer-results-to-out-params{hoist-static-allocs=1 "
    "modify-public-functions=1},"
    "canonicalize,"
    "buffer-deallocation-pipeline,"
    "func.func(convert-linalg-to-loops),"
    "canonicalize,cse";

constexpr const char *kLLVMPipeline = "convert-bufferization-to-memref,"
                                      "expand-strided-metadata,"
                                      "lower-affine,"
                                      "convert-scf-to-cf,"
                                      "convert-math-to-llvm,"
                                      "convert-math-to-libm,"
                                      "finalize-memref-to-llvm,"
                                      "convert-arith-to-llvm,"
                                      "convert-index-to-llvm,"
                                      "convert-func-to-llvm,"
                                      "convert-cf-to-llvm,"
                                      "reconcile-unrealized-casts";

LogicalResult runPipeline(ModuleOp module, const char *pipeline) {
  static std::once_flag registered;
  std::call_once(registered, [] { registerAllPasses(); });
  PassManager pm(module->getContext());
  if (failed(parsePassPipeline(pipeline, pm))) {
    emitError(module.getLoc()) << "internal: bad pass pipeline " << pipeline;
    return failure();
  }
  return pm.run(module);
}

/// buffer-results-to-out-params with hoisting replaces a returned
/// allocation by its out-param; an allocation returned twice (`return %0,
/// %0`, or a value next to an identity op on it that canonicalization
/// removed) would be replaced twice and the pass would touch an erased op.
/// Every repeated operand of a return gets its own copy, so each result has
/// its own buffer.
void makeReturnedBuffersDistinct(ModuleOp module) {
  module.walk([](func::ReturnOp ret) {
    llvm::SmallPtrSet<Value, 8> seen;
    OpBuilder b(ret);
    for (OpOperand &operand : ret->getOpOperands()) {
      Value value = operand.get();
      auto type = dyn_cast<MemRefType>(value.getType());
      if (!type || seen.insert(value).second)
        continue;
      auto fresh = MemRefType::get(type.getShape(), type.getElementType());
      if (fresh != type)
        continue; // Not produced by our bufferization options.
      Value copy = memref::AllocOp::create(b, ret.getLoc(), fresh);
      memref::CopyOp::create(b, ret.getLoc(), value, copy);
      operand.set(copy);
    }
  });
}

} // namespace

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

LogicalResult lowerToLoops(ModuleOp module) {
  // PJRT input buffers are immutable: forbid bufferization from writing in
  // place into function arguments.
  module.walk([](func::FuncOp f) {
    for (unsigned i = 0; i < f.getNumArguments(); ++i)
      f.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                   BoolAttr::get(f.getContext(), false));
  });
  if (failed(runPipeline(module, kBufferizePipeline)))
    return failure();
  makeReturnedBuffersDistinct(module);
  return runPipeline(module, kLoopPipeline);
}

LogicalResult lowerToLLVM(ModuleOp module) {
  return runPipeline(module, kLLVMPipeline);
}

} // namespace axle
