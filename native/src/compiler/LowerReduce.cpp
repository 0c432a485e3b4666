//===- LowerReduce.cpp - stablehlo.reduce to a linalg reduction -----------===//
//
// reduce(inputs..., inits...) over `dimensions` becomes one linalg.generic
// with reduction iterators whose outputs start filled with the init values.
// The StableHLO body (ops on rank-0 tensors) is re-emitted on scalars by the
// shared scalar emitter; its arguments are (accumulators..., elements...).
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"
#include "ScalarOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace axle::lowering {
namespace {

constexpr PJRT_Error_Code kInvalid = PJRT_Error_Code_INVALID_ARGUMENT;

/// Checks the body's shape: N*2 rank-0 arguments, rank-0 values throughout,
/// ending in stablehlo.return of N values.
LogicalResult checkBody(Lowerer &l, Operation *op, Region &body, unsigned n,
                        ArrayRef<Type> elementTypes) {
  if (!body.hasOneBlock())
    return l.fail(op, kInvalid, "expects a body with one block");
  Block &block = body.front();
  if (block.getNumArguments() != 2 * n)
    return l.fail(op, kInvalid, "body must take " + llvm::Twine(2 * n) +
                                    " arguments");
  for (auto [i, arg] : llvm::enumerate(block.getArguments())) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type || type.getRank() != 0 ||
        type.getElementType() != elementTypes[i % n])
      return l.fail(op, kInvalid, "body argument " + llvm::Twine(i) +
                                      " has the wrong type");
  }
  Operation *terminator = &block.back();
  if (terminator->getName().getStringRef() != "stablehlo.return" ||
      terminator->getNumOperands() != n)
    return l.fail(op, kInvalid, "body must end in stablehlo.return of " +
                                    llvm::Twine(n) + " values");
  for (Operation &inner : block)
    for (Type type : llvm::concat<const Type>(inner.getOperandTypes(),
                                              inner.getResultTypes())) {
      auto tensor = dyn_cast<RankedTensorType>(type);
      if (!tensor || tensor.getRank() != 0 ||
          !isSupportedElementType(tensor.getElementType()))
        return l.fail(&inner, kInvalid,
                      "reduction bodies work on rank-0 tensors only");
    }
  for (auto [i, value] : llvm::enumerate(terminator->getOperands()))
    if (getElementTypeOrSelf(value.getType()) != elementTypes[i])
      return l.fail(op, kInvalid, "body returns the wrong element type");
  return success();
}

/// Emits the body on scalars; `args` are the linalg block arguments
/// (elements..., accumulators...). Returns the yielded values, or failure.
LogicalResult emitBody(Lowerer &l, Operation *op, OpBuilder &b, Location loc,
                       Block &block, ValueRange args, unsigned n,
                       SmallVectorImpl<Value> &results) {
  IRMapping scalars;
  for (unsigned i = 0; i < n; ++i) {
    scalars.map(block.getArgument(i), args[n + i]);
    scalars.map(block.getArgument(n + i), args[i]);
  }
  for (Operation &inner : block) {
    SmallVector<Value> operands;
    for (Value v : inner.getOperands()) {
      if (!scalars.contains(v))
        return l.fail(&inner, kInvalid, "uses a value from outside the body");
      operands.push_back(scalars.lookup(v));
    }
    llvm::StringRef name = inner.getName().getStringRef();
    if (name == "stablehlo.return") {
      results.assign(operands.begin(), operands.end());
      return success();
    }
    Value result;
    if (name == "stablehlo.constant") {
      auto value =
          dyn_cast_or_null<DenseElementsAttr>(getOpAttr(&inner, "value"));
      if (!value || value.getType() != inner.getResult(0).getType())
        return l.fail(&inner, kInvalid, "expects a rank-0 dense value");
      auto signless = cast<RankedTensorType>(toSignless(value.getType()));
      if (signless != value.getType())
        value = value.bitcast(signless.getElementType());
      result = arith::ConstantOp::create(
          b, loc, cast<TypedAttr>(value.getSplatValue<Attribute>()));
    } else if (llvm::is_contained(scalarOpNames(), name)) {
      std::string error;
      result = emitScalarOp(b, loc, &inner, operands, error);
      if (!result)
        return l.fail(&inner, kInvalid, error);
    } else {
      return l.fail(&inner, PJRT_Error_Code_UNIMPLEMENTED,
                    "op is not supported in a reduction body");
    }
    scalars.map(inner.getResult(0), result);
  }
  return l.fail(op, kInvalid, "body has no stablehlo.return");
}

LogicalResult lowerReduce(Lowerer &l, Operation *op) {
  unsigned n = op->getNumResults();
  auto dims = getI64Array(op, "dimensions");
  if (!dims || n == 0 || op->getNumOperands() != 2 * n ||
      op->getNumRegions() != 1)
    return l.fail(op, kInvalid,
                  "expects N inputs, N init values, N results and dimensions");
  RankedTensorType first = tensorType(op->getOperand(0));
  int64_t rank = first.getRank();
  SmallVector<bool> reduced(rank, false);
  for (int64_t d : *dims) {
    if (d < 0 || d >= rank || reduced[d])
      return l.fail(op, kInvalid, "bad reduction dimension " + llvm::Twine(d));
    reduced[d] = true;
  }
  SmallVector<int64_t> kept;
  for (int64_t d = 0; d < rank; ++d)
    if (!reduced[d])
      kept.push_back(first.getDimSize(d));
  SmallVector<Type> elementTypes;
  for (unsigned i = 0; i < n; ++i) {
    RankedTensorType input = tensorType(op->getOperand(i));
    RankedTensorType init = tensorType(op->getOperand(n + i));
    RankedTensorType result = tensorType(op->getResult(i));
    Type element = input.getElementType();
    if (input.getShape() != first.getShape() || init.getRank() != 0 ||
        init.getElementType() != element ||
        result.getElementType() != element ||
        result.getShape() != ArrayRef<int64_t>(kept))
      return l.fail(op, kInvalid, "operand " + llvm::Twine(i) +
                                      ", its init value and result disagree");
    elementTypes.push_back(element);
  }
  Region &body = op->getRegion(0);
  if (failed(checkBody(l, op, body, n, elementTypes)))
    return failure();

  MLIRContext *context = op->getContext();
  Location loc = op->getLoc();
  SmallVector<AffineExpr> keptExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0; d < rank; ++d) {
    iterators.push_back(reduced[d] ? utils::IteratorType::reduction
                                   : utils::IteratorType::parallel);
    if (!reduced[d])
      keptExprs.push_back(getAffineDimExpr(d, context));
  }
  SmallVector<Value> inputs, outputs;
  SmallVector<Type> resultTypes;
  SmallVector<AffineMap> maps(n,
                              AffineMap::getMultiDimIdentityMap(rank, context));
  for (unsigned i = 0; i < n; ++i) {
    inputs.push_back(l.get(op->getOperand(i)));
    Value init = tensor::ExtractOp::create(l.builder, loc,
                                           l.get(op->getOperand(n + i)),
                                           ValueRange{});
    outputs.push_back(
        filledTensor(l.builder, loc, tensorType(op->getResult(i)), init));
    resultTypes.push_back(outputs.back().getType());
  }
  maps.append(n, AffineMap::get(rank, 0, keptExprs, context));
  bool failedBody = false;
  auto generic = linalg::GenericOp::create(
      l.builder, loc, resultTypes, inputs, outputs, maps, iterators,
      [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        SmallVector<Value> results;
        failedBody = failed(
            emitBody(l, op, b, bodyLoc, body.front(), args, n, results));
        linalg::YieldOp::create(b, bodyLoc, results);
      });
  if (failedBody)
    return failure();
  l.map(op, generic.getResults());
  return success();
}

} // namespace

void addReduceLowerings(LoweringTable &table) {
  table["stablehlo.reduce"] = lowerReduce;
}

} // namespace axle::lowering
