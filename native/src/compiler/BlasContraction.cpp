//===- BlasContraction.cpp - Large f32/f64 contractions to BLAS calls -----===//
//
// The contraction stays a linalg.generic through fusion and bufferization
// (so the buffers it reads and writes are decided by the usual passes); only
// then is the loop nest swapped for a call into RuntimeDot.cpp, which takes
// the operands as unranked memrefs and handles any strides.
//
//===----------------------------------------------------------------------===//

#include "BlasContraction.h"
#include "Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;

namespace axle {
namespace {

constexpr const char *kTag = "axle.blas_dot";

/// Below this many multiply-adds a loop nest beats the call's set-up...
constexpr int64_t kMinFlops = 1 << 14;
/// ...except for a matrix–vector product, which the loop nest reads down the
/// matrix's columns on one side (Xᵀ·r) and reduces rows of a few elements on
/// the other: gemv wins from a few thousand (a 400 × 10 logistic regression's
/// gradient: both of its products). Random test programs' dots stay far below.
constexpr int64_t kMinMatVecFlops = 1 << 11;

int64_t packDims(ArrayRef<int64_t> dims) {
  int64_t word = static_cast<int64_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i)
    word |= dims[i] << (4 * (i + 1));
  return word;
}

func::FuncOp declareRuntime(ModuleOp module, StringRef name, Type element) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder b(module.getBodyRegion());
  b.setInsertionPointToStart(module.getBody());
  auto unranked = UnrankedMemRefType::get(element, 0);
  auto i64 = b.getI64Type();
  auto type =
      b.getFunctionType({unranked, unranked, unranked, i64, i64, i64, i64}, {});
  auto f = func::FuncOp::create(b, module.getLoc(), name, type);
  f.setPrivate();
  return f;
}

/// Elementwise fusion may have rewritten a tagged op (absorbing a producer
/// into its payload or operands); the call is right only for the op as
/// tagged: operands of the tagged shapes and a payload of out + lhs · rhs.
bool stillPlainContraction(linalg::GenericOp g, ArrayRef<int64_t> shapes) {
  if (!g.hasPureBufferSemantics() || g.getNumDpsInputs() != 2 ||
      g.getNumDpsInits() != 1)
    return false;
  auto lhs = dyn_cast<MemRefType>(g.getDpsInputs()[0].getType());
  auto rhs = dyn_cast<MemRefType>(g.getDpsInputs()[1].getType());
  if (!lhs || !rhs || lhs.getElementType() != rhs.getElementType())
    return false;
  SmallVector<int64_t> actual(lhs.getShape());
  llvm::append_range(actual, rhs.getShape());
  if (ArrayRef<int64_t>(actual) != shapes)
    return false;
  Block &body = g.getRegion().front();
  auto ops = body.without_terminator();
  if (std::distance(ops.begin(), ops.end()) != 2)
    return false;
  auto mul = dyn_cast<arith::MulFOp>(&*ops.begin());
  auto add = dyn_cast<arith::AddFOp>(&*std::next(ops.begin()));
  auto yield = dyn_cast<linalg::YieldOp>(body.getTerminator());
  BlockArgument a = body.getArgument(0), b = body.getArgument(1),
                acc = body.getArgument(2);
  return mul && add && yield && yield->getOperand(0) == add.getResult() &&
         mul.getLhs() == a && mul.getRhs() == b &&
         ((add.getLhs() == acc && add.getRhs() == mul.getResult()) ||
          (add.getRhs() == acc && add.getLhs() == mul.getResult()));
}

} // namespace

void tagForBlas(linalg::GenericOp generic, RankedTensorType lhs,
                RankedTensorType rhs, ArrayRef<int64_t> lhsBatch,
                ArrayRef<int64_t> rhsBatch, ArrayRef<int64_t> lhsContract,
                ArrayRef<int64_t> rhsContract) {
  // Four bits per dimension index and per list length.
  if (lhs.getRank() > 15 || rhs.getRank() > 15 || !lhs.hasStaticShape() ||
      !rhs.hasStaticShape())
    return;
  int64_t flops = lhs.getNumElements(), lhsFree = 1, rhsFree = 1;
  for (int64_t d = 0; d < rhs.getRank(); ++d)
    if (!llvm::is_contained(rhsBatch, d) && !llvm::is_contained(rhsContract, d))
      rhsFree *= rhs.getDimSize(d);
  for (int64_t d = 0; d < lhs.getRank(); ++d)
    if (!llvm::is_contained(lhsBatch, d) && !llvm::is_contained(lhsContract, d))
      lhsFree *= lhs.getDimSize(d);
  flops *= rhsFree;
  bool matVec = lhsFree == 1 || rhsFree == 1;
  if (flops < (matVec ? kMinMatVecFlops : kMinFlops))
    return;
  // The dimension numbers, then both operand shapes (checked after fusion).
  SmallVector<int64_t> words = {packDims(lhsBatch), packDims(rhsBatch),
                                packDims(lhsContract), packDims(rhsContract)};
  llvm::append_range(words, lhs.getShape());
  llvm::append_range(words, rhs.getShape());
  generic->setAttr(kTag,
                   Builder(generic.getContext()).getDenseI64ArrayAttr(words));
}

bool isTaggedForBlas(Operation *op) { return op->hasAttr(kTag); }

namespace {

/// After bufferization: replaces each tagged generic (now on memrefs) by a
/// call to axleDotF32/F64. Tagged generics that fusion rewrote lose the tag
/// and stay loops.
struct BlasCallsPass : PassWrapper<BlasCallsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(BlasCallsPass)
  StringRef getArgument() const final { return "axle-blas-calls"; }
  StringRef getDescription() const final {
    return "Replace the contractions tagged axle.blas_dot by calls to "
           "axleDotF32/F64";
  }
  void getDependentDialects(DialectRegistry &registry) const final {
    registry.insert<arith::ArithDialect, func::FuncDialect,
                    memref::MemRefDialect>();
  }
  void runOnOperation() final {
    ModuleOp module = getOperation();
    SmallVector<linalg::GenericOp> tagged;
    module.walk([&](linalg::GenericOp g) {
      auto tag = g->getAttrOfType<DenseI64ArrayAttr>(kTag);
      if (tag && tag.size() >= 4 &&
          stillPlainContraction(g, tag.asArrayRef().drop_front(4)))
        tagged.push_back(g);
    });
    for (linalg::GenericOp g : tagged) {
      auto words = g->getAttrOfType<DenseI64ArrayAttr>(kTag).asArrayRef();
      Value lhs = g.getDpsInputs()[0], rhs = g.getDpsInputs()[1],
            out = g.getDpsInits()[0];
      Type element = cast<MemRefType>(out.getType()).getElementType();
      func::FuncOp callee = declareRuntime(
          module, element.isF32() ? "axleDotF32" : "axleDotF64", element);
      OpBuilder b(g);
      Location loc = g.getLoc();
      auto unranked = UnrankedMemRefType::get(element, 0);
      SmallVector<Value> args;
      for (Value v : {lhs, rhs, out})
        args.push_back(memref::CastOp::create(b, loc, unranked, v));
      for (int64_t w : words.take_front(4))
        args.push_back(arith::ConstantIntOp::create(b, loc, w, 64));
      func::CallOp::create(b, loc, callee, args);
      // The call overwrites its output (beta = 0), so the zero fill of the
      // accumulator right before it is dead.
      if (auto fill = dyn_cast_or_null<linalg::FillOp>(g->getPrevNode());
          fill && fill.hasPureBufferSemantics() && fill.getDpsInits()[0] == out)
        fill->erase();
      g->erase();
    }
  }
};

} // namespace

std::unique_ptr<Pass> createBlasCallsPass() {
  return std::make_unique<BlasCallsPass>();
}

} // namespace axle
