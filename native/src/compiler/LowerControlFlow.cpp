//===- LowerControlFlow.cpp - while, if and case to scf on tensors --------===//
//
// The regions are lowered in place by the same driver as function bodies, so
// anything allowed in a function is allowed inside (nested control flow,
// calls, values captured from the enclosing scope). Tensors stay values:
// one-shot bufferization later turns loop-carried tensors into buffers
// updated in place where it can prove that safe.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace axle::lowering {
namespace {

constexpr PJRT_Error_Code kInvalid = PJRT_Error_Code_INVALID_ARGUMENT;

bool isScalarPredicate(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.getRank() == 0 &&
         tensor.getElementType().isInteger(1);
}

SmallVector<Type> signlessTypes(TypeRange types) {
  SmallVector<Type> result;
  for (Type t : types)
    result.push_back(toSignless(t));
  return result;
}

/// Branch results up to this size are written into one buffer made before the
/// branch op (see materializeBranchResults).
constexpr int64_t kSharedBranchResultBytes = 4096;

/// For each result type of an if/case: an empty tensor made before the op that
/// every branch copies its result into, or null. Bufferized, each branch
/// then writes into one buffer allocated outside the op (hoistable out of
/// loops) instead of allocating its own per execution; a branch that passes
/// a value through copies it, which for small tensors costs less than an
/// allocation.
SmallVector<Value> branchDestinations(OpBuilder &b, Location loc,
                                      TypeRange types) {
  SmallVector<Value> destinations;
  for (Type type : types) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    Value destination;
    if (tensor && tensor.hasStaticShape() &&
        tensor.getElementType().isIntOrFloat() &&
        tensor.getNumElements() *
                ((tensor.getElementTypeBitWidth() + 7) / 8) <=
            kSharedBranchResultBytes)
      destination = tensor::EmptyOp::create(b, loc, tensor.getShape(),
                                            tensor.getElementType());
    destinations.push_back(destination);
  }
  return destinations;
}

void materializeBranchResults(OpBuilder &b, Location loc,
                              SmallVector<Value> &returned,
                              ArrayRef<Value> destinations) {
  for (auto [value, destination] : llvm::zip(returned, destinations))
    if (destination)
      value = linalg::CopyOp::create(b, loc, value, destination).getResult(0);
}

LogicalResult lowerWhile(Lowerer &l, Operation *op) {
  if (op->getNumRegions() != 2 || op->getNumOperands() != op->getNumResults())
    return l.fail(op, kInvalid,
                  "expects cond and body regions and one result per operand");
  SmallVector<Type> sourceTypes(op->getOperandTypes());
  if (TypeRange(op->getResultTypes()) != TypeRange(sourceTypes))
    return l.fail(op, kInvalid, "result types must equal operand types");
  SmallVector<Value> inits;
  for (Value operand : op->getOperands())
    inits.push_back(l.get(operand));
  SmallVector<Type> types = signlessTypes(sourceTypes);
  Type predicate = RankedTensorType::get({}, l.builder.getI1Type());
  bool failedRegion = false;
  auto loop = scf::WhileOp::create(
      l.builder, op->getLoc(), types, inits,
      [&](OpBuilder &b, Location loc, ValueRange args) {
        SmallVector<Value> returned;
        if (failed(lowerRegion(l, op, op->getRegion(0), b, args, {predicate},
                               returned))) {
          failedRegion = true;
          return;
        }
        Value cond = tensor::ExtractOp::create(b, loc, returned[0]);
        scf::ConditionOp::create(b, loc, cond, args);
      },
      [&](OpBuilder &b, Location loc, ValueRange args) {
        SmallVector<Value> returned;
        if (failedRegion || failed(lowerRegion(l, op, op->getRegion(1), b, args,
                                               sourceTypes, returned))) {
          failedRegion = true;
          return;
        }
        // Each new carried value is copied into its carried tensor at the end
        // of the body (linalg.copy, destination-passing), so bufferization
        // keeps the loop's buffers in place — a copy per changed value — instead
        // of allocating a fresh buffer for every carried tensor every
        // iteration. Where in place is unsafe (a swap of two carried values)
        // the analysis gives the copy its own buffer.
        for (auto [i, value] : llvm::enumerate(returned))
          if (value != args[i])
            returned[i] =
                linalg::CopyOp::create(b, loc, value, args[i]).getResult(0);
        scf::YieldOp::create(b, loc, returned);
      });
  if (failedRegion)
    return failure();
  l.map(op, loop.getResults());
  return success();
}

LogicalResult lowerIf(Lowerer &l, Operation *op) {
  if (op->getNumRegions() != 2 || op->getNumOperands() != 1 ||
      !isScalarPredicate(op->getOperand(0).getType()))
    return l.fail(op, kInvalid,
                  "expects a tensor<i1> predicate and two branches");
  SmallVector<Type> sourceTypes(op->getResultTypes());
  Location loc = op->getLoc();
  Value cond =
      tensor::ExtractOp::create(l.builder, loc, l.get(op->getOperand(0)));
  SmallVector<Value> destinations =
      branchDestinations(l.builder, loc, signlessTypes(sourceTypes));
  auto ifOp = scf::IfOp::create(l.builder, loc, signlessTypes(sourceTypes),
                                cond, /*withElseRegion=*/true);
  for (unsigned i = 0; i < 2; ++i) {
    Block *block = i == 0 ? ifOp.thenBlock() : ifOp.elseBlock();
    // Without results the builder already added an empty scf.yield.
    if (!block->empty())
      block->back().erase();
    OpBuilder inner = OpBuilder::atBlockEnd(block);
    SmallVector<Value> returned;
    if (failed(lowerRegion(l, op, op->getRegion(i), inner, {}, sourceTypes,
                           returned)))
      return failure();
    inner.setInsertionPointToEnd(block);
    materializeBranchResults(inner, loc, returned, destinations);
    scf::YieldOp::create(inner, loc, returned);
  }
  l.map(op, ifOp.getResults());
  return success();
}

/// case(index) runs branch `index`, or the last branch when the index is out
/// of range (spec), which is scf.index_switch's default region.
LogicalResult lowerCase(Lowerer &l, Operation *op) {
  unsigned n = op->getNumRegions();
  auto indexType = op->getNumOperands() == 1
                       ? dyn_cast<RankedTensorType>(op->getOperand(0).getType())
                       : RankedTensorType();
  if (n == 0 || !indexType || indexType.getRank() != 0 ||
      !indexType.getElementType().isInteger(32))
    return l.fail(op, kInvalid,
                  "expects a tensor<i32> index and at least one branch");
  SmallVector<Type> sourceTypes(op->getResultTypes());
  Location loc = op->getLoc();
  OpBuilder &b = l.builder;
  Value index = arith::IndexCastOp::create(
      b, loc, b.getIndexType(),
      tensor::ExtractOp::create(b, loc, l.get(op->getOperand(0))));
  SmallVector<int64_t> cases = llvm::to_vector(llvm::seq<int64_t>(0, n - 1));
  SmallVector<Value> destinations =
      branchDestinations(b, loc, signlessTypes(sourceTypes));
  auto switchOp = scf::IndexSwitchOp::create(b, loc, signlessTypes(sourceTypes),
                                             index, cases, n - 1);
  for (unsigned i = 0; i < n; ++i) {
    Region &target =
        i + 1 == n ? switchOp.getDefaultRegion() : switchOp.getCaseRegions()[i];
    OpBuilder::InsertionGuard guard(b);
    Block *block = b.createBlock(&target);
    OpBuilder inner = OpBuilder::atBlockEnd(block);
    SmallVector<Value> returned;
    if (failed(lowerRegion(l, op, op->getRegion(i), inner, {}, sourceTypes,
                           returned)))
      return failure();
    inner.setInsertionPointToEnd(block);
    materializeBranchResults(inner, loc, returned, destinations);
    scf::YieldOp::create(inner, loc, returned);
  }
  l.map(op, switchOp.getResults());
  return success();
}

} // namespace

void addControlFlowLowerings(LoweringTable &table) {
  table["stablehlo.while"] = lowerWhile;
  table["stablehlo.if"] = lowerIf;
  table["stablehlo.case"] = lowerCase;
}

} // namespace axle::lowering
