//===- RowFusion.cpp - One pass over rows for consecutive reductions ------===//
//
// logsumexp is a max over each row, then a sum of exp(x - max) over the same
// row: two linalg.generics, so two passes over x. When a large matrix does
// not fit in cache the second pass reads it from memory again. Here two
// consecutive generics that share their leading parallel loop and touch each
// written buffer only at the current row are put in one loop over rows, each
// on a one-row view: the row the first op reads is still in cache for the
// second. The loop is scf.parallel when it is large and its buffers are
// disjoint (so the parallel bodies may declare noalias pointers, see
// ParallelLoops.cpp), otherwise scf.for.
//
//===----------------------------------------------------------------------===//

#include "BufferRoots.h"
#include "Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

namespace axle {
namespace {

/// Below this many iterations (both ops together) the data is in cache
/// anyway.
constexpr int64_t kMinIterations = int64_t(1) << 16;

/// Position of loop 0 among `map`'s results, -1 if absent; nullopt when the
/// map uses loop 0 in anything but a plain dimension.
std::optional<int64_t> rowPosition(AffineMap map) {
  int64_t position = -1;
  for (auto [i, expr] : llvm::enumerate(map.getResults())) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      if (dim.getPosition() == 0) {
        if (position >= 0)
          return std::nullopt;
        position = static_cast<int64_t>(i);
      }
    } else if (expr.isFunctionOfDim(0)) {
      return std::nullopt;
    }
  }
  return position;
}

/// True when `g`'s body reads the row index, which on a one-row view would
/// always be 0 (an iota along rows).
bool readsRowIndex(linalg::GenericOp g) {
  bool reads = false;
  g.getRegion().walk(
      [&](linalg::IndexOp index) { reads |= index.getDim() == 0; });
  return reads;
}

bool fusable(linalg::GenericOp first, linalg::GenericOp second) {
  for (linalg::GenericOp g : {first, second})
    if (!g.hasPureBufferSemantics() || g.getNumLoops() < 2 ||
        g.getIteratorTypesArray()[0] != utils::IteratorType::parallel ||
        readsRowIndex(g))
      return false;
  SmallVector<int64_t> a = first.getStaticLoopRanges(),
                       b = second.getStaticLoopRanges();
  if (ShapedType::isDynamic(a[0]) || a[0] != b[0] || a[0] < 2)
    return false;
  int64_t iterations = 0;
  for (SmallVector<int64_t> *ranges : {&a, &b}) {
    int64_t n = 1;
    for (int64_t r : *ranges) {
      if (ShapedType::isDynamic(r))
        return false;
      n *= r;
    }
    iterations += n;
  }
  if (iterations < kMinIterations)
    return false;

  // Every buffer either op writes must be accessed by both ops at the
  // current row only, at the same position; the first op must not touch
  // what the second writes.
  llvm::SmallDenseMap<Value, int64_t> written; // root -> row position
  for (linalg::GenericOp g : {first, second})
    for (OpOperand &init : g.getDpsInitsMutable()) {
      std::optional<int64_t> p = rowPosition(g.getMatchingIndexingMap(&init));
      if (!p || *p < 0)
        return false;
      Value root = rootBuffer(init.get());
      auto [it, inserted] = written.try_emplace(root, *p);
      if (!inserted && it->second != *p)
        return false;
    }
  for (OpOperand &init : second.getDpsInitsMutable())
    for (OpOperand &operand : first->getOpOperands())
      if (rootBuffer(operand.get()) == rootBuffer(init.get()))
        return false;
  for (linalg::GenericOp g : {first, second})
    for (OpOperand &operand : g->getOpOperands()) {
      auto it = written.find(rootBuffer(operand.get()));
      if (it == written.end())
        continue;
      std::optional<int64_t> p =
          rowPosition(g.getMatchingIndexingMap(&operand));
      if (!p || *p != it->second)
        return false;
    }
  // Between the two only allocations, pure ops, and fills of buffers the
  // first op does not touch (the second op's accumulator is filled there;
  // fuse() moves such fills above the first op).
  for (Operation *op = first->getNextNode(); op != second;
       op = op->getNextNode()) {
    if (isPure(op) || isa<memref::AllocOp, memref::AllocaOp>(op))
      continue;
    auto fill = dyn_cast<linalg::FillOp>(op);
    if (!fill || !fill.hasPureBufferSemantics())
      return false;
    Value filled = rootBuffer(fill.getDpsInits()[0]);
    for (Value v : first->getOperands())
      if (rootBuffer(v) == filled)
        return false;
    // What the fill uses must be movable above the first op: an allocation
    // without operands and operand-free constants.
    for (Value v : fill->getOperands())
      if (Operation *def = v.getDefiningOp();
          def && first->isBeforeInBlock(def) &&
          (def->getNumOperands() != 0 ||
           !isa<memref::AllocOp, memref::AllocaOp, arith::ConstantOp>(def)))
        return false;
  }
  return true;
}

/// `g` restricted to row `row`: every operand whose map uses loop 0 becomes a
/// one-row view at that position.
void cloneForRow(OpBuilder &b, linalg::GenericOp g, Value row) {
  Location loc = g.getLoc();
  IRMapping mapping;
  for (OpOperand &operand : g->getOpOperands()) {
    int64_t p = *rowPosition(g.getMatchingIndexingMap(&operand));
    if (p < 0)
      continue;
    auto type = cast<MemRefType>(operand.get().getType());
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      offsets.push_back(d == p ? OpFoldResult(row) : b.getIndexAttr(0));
      sizes.push_back(b.getIndexAttr(d == p ? 1 : type.getDimSize(d)));
      strides.push_back(b.getIndexAttr(1));
    }
    mapping.map(operand.get(),
                memref::SubViewOp::create(b, loc, operand.get(), offsets, sizes,
                                          strides));
  }
  b.clone(*g, mapping);
}

void fuse(linalg::GenericOp first, linalg::GenericOp second, bool parallel) {
  // Fills between the two go above the first op, with their buffers'
  // allocations (fusable() allowed only fills of freshly allocated buffers
  // the first op does not touch).
  SmallVector<Operation *> between;
  for (Operation *op = first->getNextNode(); op != second;
       op = op->getNextNode())
    if (auto fill = dyn_cast<linalg::FillOp>(op))
      between.push_back(fill);
  for (Operation *fill : between) {
    Value buffer = cast<linalg::FillOp>(fill).getDpsInits()[0];
    if (Operation *alloc = buffer.getDefiningOp();
        alloc && first->isBeforeInBlock(alloc))
      alloc->moveBefore(first);
    for (Value v : fill->getOperands())
      if (Operation *def = v.getDefiningOp();
          def && def != buffer.getDefiningOp() && first->isBeforeInBlock(def))
        def->moveBefore(first); // The fill value (a constant).
    fill->moveBefore(first);
  }
  OpBuilder b(second);
  Location loc = second.getLoc();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value rows =
      arith::ConstantIndexOp::create(b, loc, first.getStaticLoopRanges()[0]);
  auto body = [&](OpBuilder &inner, Value row) {
    cloneForRow(inner, first, row);
    cloneForRow(inner, second, row);
  };
  if (parallel) {
    scf::ParallelOp::create(b, loc, ValueRange{zero}, ValueRange{rows},
                            ValueRange{one},
                            [&](OpBuilder &inner, Location, ValueRange ivs) {
                              body(inner, ivs[0]);
                            });
  } else {
    scf::ForOp::create(b, loc, zero, rows, one, ValueRange{},
                       [&](OpBuilder &inner, Location l, Value iv, ValueRange) {
                         body(inner, iv);
                         scf::YieldOp::create(inner, l);
                       });
  }
  // Neither op has results (they write buffers); the ops between them stay
  // above the loop, which is where their values are used.
  second->erase();
  first->erase();
}

struct RowFusionPass : PassWrapper<RowFusionPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(RowFusionPass)
  RowFusionPass() = default;
  RowFusionPass(const RowFusionPass &other) : PassWrapper(other) {}
  StringRef getArgument() const final { return "axle-row-fusion"; }
  StringRef getDescription() const final {
    return "Put consecutive top-level linalg.generics that work row by row "
           "on the same rows into one loop over rows";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    registry
        .insert<arith::ArithDialect, memref::MemRefDialect, scf::SCFDialect>();
  }
  void runOnOperation() final {
    SmallVector<std::pair<linalg::GenericOp, linalg::GenericOp>> pairs;
    getOperation().walk([&](func::FuncOp f) {
      if (f.isExternal())
        return;
      linalg::GenericOp previous;
      for (Operation &op : f.getBody().front()) {
        auto g = dyn_cast<linalg::GenericOp>(&op);
        if (!g)
          continue;
        if (previous && fusable(previous, g)) {
          pairs.emplace_back(previous, g);
          previous = nullptr; // Each op fuses at most once.
          continue;
        }
        previous = g;
      }
    });
    for (auto [first, second] : pairs)
      fuse(first, second,
           parallel && operandsAreDisjointBuffers({first, second}));
  }

  Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Make the loop over rows scf.parallel where the two ops' "
                     "buffers are disjoint (the pipeline sets it with more "
                     "than one thread)"),
      llvm::cl::init(false)};
};

} // namespace

std::unique_ptr<Pass> createRowFusionPass() {
  return std::make_unique<RowFusionPass>();
}

} // namespace axle
