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

} // namespace

LogicalResult checkScalarRegion(Lowerer &l, Operation *op, Region &body,
                                ArrayRef<Type> argumentTypes,
                                ArrayRef<Type> resultTypes) {
  if (!body.hasOneBlock())
    return l.fail(op, kInvalid, "expects a body with one block");
  Block &block = body.front();
  if (block.getNumArguments() != argumentTypes.size())
    return l.fail(op, kInvalid,
                  "body must take " + llvm::Twine(argumentTypes.size()) +
                      " arguments");
  for (auto [i, arg] : llvm::enumerate(block.getArguments())) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type || type.getRank() != 0 ||
        type.getElementType() != argumentTypes[i])
      return l.fail(op, kInvalid,
                    "body argument " + llvm::Twine(i) + " has the wrong type");
  }
  Operation *terminator = &block.back();
  if (terminator->getName().getStringRef() != "stablehlo.return" ||
      terminator->getNumOperands() != resultTypes.size())
    return l.fail(op, kInvalid,
                  "body must end in stablehlo.return of " +
                      llvm::Twine(resultTypes.size()) + " values");
  for (Operation &inner : block) {
    for (Type type : llvm::concat<const Type>(inner.getOperandTypes(),
                                              inner.getResultTypes())) {
      auto tensor = dyn_cast<RankedTensorType>(type);
      if (!tensor || tensor.getRank() != 0 ||
          !isSupportedElementType(tensor.getElementType()))
        return l.fail(&inner, kInvalid, "body ops work on rank-0 tensors only");
    }
    if (inner.getNumRegions() != 0)
      return l.fail(&inner, PJRT_Error_Code_UNIMPLEMENTED,
                    "ops with regions are not supported in this body");
  }
  for (auto [i, value] : llvm::enumerate(terminator->getOperands()))
    if (getElementTypeOrSelf(value.getType()) != resultTypes[i])
      return l.fail(op, kInvalid, "body returns the wrong element type");
  return success();
}

LogicalResult emitScalarRegion(Lowerer &l, Operation *op, OpBuilder &b,
                               Location loc, Block &block, ValueRange args,
                               SmallVectorImpl<Value> &results) {
  IRMapping scalars;
  scalars.map(block.getArguments(), args);
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
    if (inner.getNumResults() != 1)
      return l.fail(&inner, kInvalid, "expects one result");
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
    } else if (name == "stablehlo.broadcast_in_dim" ||
               name == "stablehlo.reshape" ||
               name == "stablehlo.optimization_barrier") {
      if (operands.size() != 1 ||
          inner.getOperand(0).getType() != inner.getResult(0).getType())
        return l.fail(&inner, kInvalid,
                      "expects one operand of the result type");
      result = operands[0]; // rank 0 to rank 0: the identity.
    } else if (isScalarOp(name)) {
      std::string error;
      result = emitScalarOp(b, loc, &inner, operands, error);
      if (!result)
        return l.fail(&inner, kInvalid, error);
    } else {
      return l.fail(&inner, PJRT_Error_Code_UNIMPLEMENTED,
                    "op is not supported in this body");
    }
    scalars.map(inner.getResult(0), result);
  }
  return l.fail(op, kInvalid, "body has no stablehlo.return");
}

LogicalResult checkVariadicReduce(Lowerer &l, Operation *op, unsigned n,
                                  ArrayRef<int64_t> resultShape,
                                  SmallVectorImpl<Type> &elementTypes) {
  RankedTensorType first = tensorType(op->getOperand(0));
  for (unsigned i = 0; i < n; ++i) {
    RankedTensorType input = tensorType(op->getOperand(i));
    RankedTensorType init = tensorType(op->getOperand(n + i));
    RankedTensorType result = tensorType(op->getResult(i));
    Type element = input.getElementType();
    if (input.getShape() != first.getShape() || init.getRank() != 0 ||
        init.getElementType() != element ||
        result.getElementType() != element || result.getShape() != resultShape)
      return l.fail(op, kInvalid,
                    "operand " + llvm::Twine(i) +
                        ", its init value and result disagree");
    elementTypes.push_back(element);
  }
  SmallVector<Type> argumentTypes(elementTypes.begin(), elementTypes.end());
  argumentTypes.append(elementTypes.begin(), elementTypes.end());
  return checkScalarRegion(l, op, op->getRegion(0), argumentTypes,
                           elementTypes);
}

namespace {

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
  if (failed(checkVariadicReduce(l, op, n, kept, elementTypes)))
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
    Value init = tensor::ExtractOp::create(
        l.builder, loc, l.get(op->getOperand(n + i)), ValueRange{});
    outputs.push_back(
        filledTensor(l.builder, loc, tensorType(op->getResult(i)), init));
    resultTypes.push_back(outputs.back().getType());
  }
  maps.append(n, AffineMap::get(rank, 0, keptExprs, context));
  bool failedBody = false;
  auto generic = linalg::GenericOp::create(
      l.builder, loc, resultTypes, inputs, outputs, maps, iterators,
      [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        // The body takes (accumulators..., elements...); linalg's block
        // has (elements..., accumulators...).
        SmallVector<Value> ordered(args.drop_front(n));
        ordered.append(args.begin(), args.begin() + n);
        SmallVector<Value> results;
        failedBody = failed(emitScalarRegion(
            l, op, b, bodyLoc, op->getRegion(0).front(), ordered, results));
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
