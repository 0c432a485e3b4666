//===- Aliasing.cpp - What the pipeline knows about buffers sharing memory ===//
//
// PJRT gives every input and output its own buffer and never lets a program
// write an input. These passes tell bufferization and LLVM so: inputs are not
// writable, each result has a buffer of its own, and the entry's pointers are
// noalias.
//
//===----------------------------------------------------------------------===//

#include "Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

namespace axle {
namespace {

/// PJRT input buffers are immutable: bufferization must never write in place
/// into a function argument.
struct ReadonlyArgumentsPass
    : PassWrapper<ReadonlyArgumentsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ReadonlyArgumentsPass)
  StringRef getArgument() const final { return "axle-readonly-arguments"; }
  StringRef getDescription() const final {
    return "Mark every function argument bufferization.writable = false";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    registry.insert<bufferization::BufferizationDialect>();
  }
  void runOnOperation() final {
    getOperation().walk([](func::FuncOp f) {
      for (unsigned i = 0; i < f.getNumArguments(); ++i)
        f.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                     BoolAttr::get(f.getContext(), false));
    });
  }
};

/// buffer-results-to-out-params with hoisting replaces a returned allocation
/// by its out-param; an allocation returned twice (`return %0, %0`, or a value
/// next to an identity op on it that canonicalization removed) would be
/// replaced twice and the pass would touch an erased op. Every repeated
/// operand of a return gets its own copy, so each result has its own buffer.
struct DistinctReturnedBuffersPass
    : PassWrapper<DistinctReturnedBuffersPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(DistinctReturnedBuffersPass)
  StringRef getArgument() const final {
    return "axle-distinct-returned-buffers";
  }
  StringRef getDescription() const final {
    return "Copy each buffer a func.return returns more than once";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    registry.insert<memref::MemRefDialect>();
  }
  void runOnOperation() final {
    getOperation().walk([](func::ReturnOp ret) {
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
};

/// PJRT hands every input and output its own buffer (outputs are fresh; an
/// input passed twice is only read), so the entry's pointers do not alias.
/// Telling LLVM lets it keep accumulators in registers and vectorize loops
/// without run-time overlap checks.
struct NoAliasEntryArgumentsPass
    : PassWrapper<NoAliasEntryArgumentsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(NoAliasEntryArgumentsPass)
  StringRef getArgument() const final { return "axle-noalias-entry-arguments"; }
  StringRef getDescription() const final {
    return "Mark the pointer arguments of public LLVM functions noalias";
  }
  void runOnOperation() final {
    getOperation().walk([](LLVM::LLVMFuncOp f) {
      if (f.isExternal() || f.isPrivate())
        return;
      for (unsigned i = 0; i < f.getNumArguments(); ++i)
        if (isa<LLVM::LLVMPointerType>(f.getArgument(i).getType()))
          f.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                       UnitAttr::get(f.getContext()));
    });
  }
};

} // namespace

std::unique_ptr<Pass> createReadonlyArgumentsPass() {
  return std::make_unique<ReadonlyArgumentsPass>();
}

std::unique_ptr<Pass> createDistinctReturnedBuffersPass() {
  return std::make_unique<DistinctReturnedBuffersPass>();
}

std::unique_ptr<Pass> createNoAliasEntryArgumentsPass() {
  return std::make_unique<NoAliasEntryArgumentsPass>();
}

} // namespace axle
