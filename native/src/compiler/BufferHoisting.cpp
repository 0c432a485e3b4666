//===- BufferHoisting.cpp - Fixed-size temporaries out of loops -----------===//
//
// A NUTS transition's bookkeeping is hundreds of ops on scalars inside nested
// while loops and branches; allocating and freeing each op's result buffer on
// every execution made malloc the program's main cost. MLIR's buffer-hoisting
// passes stop at branch ops they do not model (scf.index_switch) and its stack
// promotion has no total budget, so this pass does both for the programs the
// compiler makes: a buffer is moved out when no view of it escapes (see
// staysLocal), so no two executions of its allocation are ever live at once.
// Stack buffers of one element become registers in LLVM (SROA).
//
//===----------------------------------------------------------------------===//

#include "Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

namespace axle {
namespace {

/// Buffers up to this size may go on the stack...
constexpr int64_t kMaxStackBuffer = 4096;
/// ...until a function's stack buffers reach this total (the caller's thread
/// may be a thread-pool thread with a small stack).
constexpr int64_t kStackBudget = 256 * 1024;

/// Whether every use of `buffer` and of its views only reads or writes it in
/// place: loads, stores into it, DPS ops (linalg), copies, metadata queries
/// and calls into the compiler's own runtime (which keep no pointer).
bool staysLocal(Value buffer) {
  SmallVector<Value> worklist{buffer};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
        if (view.getViewSource() != v)
          return false;
        for (Value r : user->getResults())
          if (isa<BaseMemRefType>(r.getType()))
            worklist.push_back(r);
        continue;
      }
      if (auto store = dyn_cast<memref::StoreOp>(user)) {
        if (store.getValueToStore() == v)
          return false;
        continue;
      }
      if (isa<memref::LoadOp, memref::CopyOp, memref::ExtractStridedMetadataOp,
              memref::DimOp, linalg::LinalgOp>(user))
        continue;
      if (auto call = dyn_cast<func::CallOp>(user);
          call && call.getCallee().starts_with("axle"))
        continue;
      return false;
    }
  }
  return true;
}

int64_t byteSize(MemRefType type) {
  Type element = type.getElementType();
  if (!element.isIntOrFloat())
    return -1;
  return type.getNumElements() * ((element.getIntOrFloatBitWidth() + 7) / 8);
}

void hoistInFunction(func::FuncOp function) {
  if (function.isExternal())
    return;
  Block &entry = function.getBody().front();
  SmallVector<memref::AllocOp> candidates;
  function.walk([&](memref::AllocOp alloc) {
    auto type = alloc.getType();
    if (alloc->getNumOperands() == 0 && type.hasStaticShape() &&
        type.getLayout().isIdentity() && byteSize(type) >= 0 &&
        staysLocal(alloc.getResult()))
      candidates.push_back(alloc);
  });
  int64_t stack = 0;
  for (memref::AllocOp alloc : candidates) {
    alloc->moveBefore(&entry, entry.begin());
    int64_t bytes = byteSize(alloc.getType());
    if (bytes > kMaxStackBuffer || stack + bytes > kStackBudget)
      continue;
    stack += bytes;
    OpBuilder b(alloc);
    auto alloca = memref::AllocaOp::create(b, alloc.getLoc(), alloc.getType(),
                                           alloc.getAlignmentAttr());
    alloc.replaceAllUsesWith(alloca.getResult());
    alloc.erase();
  }
}

/// Whether `slot`'s pointer is used only as an address within its block, so
/// that one slot for all executions of the block behaves like a fresh one.
bool usedOnlyInBlockAsAddress(LLVM::AllocaOp slot) {
  SmallVector<Value> worklist{slot.getResult()};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (user->getBlock() != slot->getBlock())
        return false;
      if (auto gep = dyn_cast<LLVM::GEPOp>(user)) {
        if (gep.getBase() != v)
          return false;
        worklist.push_back(gep.getResult());
        continue;
      }
      // An unranked memref is a {rank, pointer} struct built around the slot
      // and taken apart again for the call.
      if (isa<LLVM::InsertValueOp, LLVM::ExtractValueOp>(user)) {
        worklist.push_back(user->getResult(0));
        continue;
      }
      if (auto store = dyn_cast<LLVM::StoreOp>(user)) {
        if (store.getValue() == v)
          return false;
        continue;
      }
      if (isa<LLVM::LoadOp, LLVM::CallOp>(user))
        continue;
      return false;
    }
  }
  return true;
}

void hoistSlotsInFunction(LLVM::LLVMFuncOp function) {
  if (function.isExternal())
    return;
  Block &entry = function.getBody().front();
  SmallVector<LLVM::AllocaOp> slots;
  function.walk([&](LLVM::AllocaOp slot) {
    if (slot->getBlock() == &entry)
      return;
    auto count = slot.getArraySize().getDefiningOp<LLVM::ConstantOp>();
    if (count && usedOnlyInBlockAsAddress(slot))
      slots.push_back(slot);
  });
  for (LLVM::AllocaOp slot : slots) {
    auto count = slot.getArraySize().getDefiningOp<LLVM::ConstantOp>();
    OpBuilder b(&entry, entry.begin());
    Operation *entryCount = b.clone(*count);
    slot->moveAfter(entryCount);
    slot.getArraySizeMutable().assign(entryCount->getResult(0));
  }
}

/// Moves each statically sized memref.alloc whose buffer (through any view of
/// it) is only read and written in place — never yielded, returned, stored or
/// passed to an unknown call — to the start of its function, and turns the
/// small ones into stack buffers up to a per-function budget. Runs after
/// one-shot bufferization and before deallocations are inserted.
struct HoistBuffersPass
    : PassWrapper<HoistBuffersPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(HoistBuffersPass)
  StringRef getArgument() const final { return "axle-hoist-buffers"; }
  StringRef getDescription() const final {
    return "Move fixed-size temporaries that stay local to their function's "
           "entry, small ones onto the stack";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    registry.insert<memref::MemRefDialect>();
  }
  void runOnOperation() final {
    getOperation().walk([](func::FuncOp f) { hoistInFunction(f); });
  }
};

/// Moves each constant-size llvm.alloca outside its function's entry block to
/// the entry block when its pointer is used only in its own block, and only
/// as an address (loads, stores into it, GEPs, call arguments, the unranked
/// memref structs that carry it). Lowering a memref passed to a runtime call
/// as unranked (axleDot*, memrefCopy) puts its descriptor in such an alloca
/// at the call site; inside a loop, LLVM grows the stack on every iteration
/// and a long while loop (a NUTS chain) overflows it. Runs on the LLVM
/// dialect.
struct HoistStackSlotsPass
    : PassWrapper<HoistStackSlotsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(HoistStackSlotsPass)
  StringRef getArgument() const final { return "axle-hoist-stack-slots"; }
  StringRef getDescription() const final {
    return "Move constant-size llvm.allocas used only in their own block to "
           "the entry block";
  }
  void runOnOperation() final {
    getOperation().walk([](LLVM::LLVMFuncOp f) { hoistSlotsInFunction(f); });
  }
};

} // namespace

std::unique_ptr<Pass> createHoistBuffersPass() {
  return std::make_unique<HoistBuffersPass>();
}

std::unique_ptr<Pass> createHoistStackSlotsPass() {
  return std::make_unique<HoistStackSlotsPass>();
}

} // namespace axle
