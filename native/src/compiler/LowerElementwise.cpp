//===- LowerElementwise.cpp - Elementwise StableHLO ops to linalg ---------===//
//
// Each elementwise op becomes one linalg.generic over the result shape whose
// body is the scalar emitter's output; linalg's elementwise fusion later
// merges chains of them into one loop nest.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"
#include "ScalarOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;

namespace axle::lowering {
namespace {

LogicalResult lowerElementwise(Lowerer &l, Operation *op) {
  if (op->getNumResults() != 1)
    return l.fail(op, PJRT_Error_Code_INVALID_ARGUMENT,
                  "expects exactly one result");
  RankedTensorType resultType = tensorType(op->getResult(0));
  int64_t rank = resultType.getRank();
  MLIRContext *context = op->getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
  // Rank-0 operands are broadcast (select's predicate, clamp's bounds).
  AffineMap scalar = AffineMap::get(rank, 0, {}, context);
  SmallVector<AffineMap> maps;
  SmallVector<Value> inputs;
  for (Value operand : op->getOperands()) {
    RankedTensorType type = tensorType(operand);
    if (type.getShape() == resultType.getShape())
      maps.push_back(identity);
    else if (type.getRank() == 0)
      maps.push_back(scalar);
    else
      return l.fail(op, PJRT_Error_Code_INVALID_ARGUMENT,
                    "operand shape " + attrText(TypeAttr::get(type)) +
                        " does not match result " +
                        attrText(TypeAttr::get(resultType)));
    inputs.push_back(l.get(operand));
  }
  maps.push_back(identity);

  Location loc = op->getLoc();
  Value init = emptyTensor(l.builder, loc, resultType);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  std::string error;
  auto generic = linalg::GenericOp::create(
      l.builder, loc, TypeRange{init.getType()}, inputs, ValueRange{init},
      maps, iterators, [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        Value result =
            emitScalarOp(b, bodyLoc, op, args.drop_back(), error);
        // Keep the body well formed even on error; the module is dropped.
        linalg::YieldOp::create(b, bodyLoc,
                                result ? ValueRange{result} : ValueRange{});
      });
  if (!error.empty())
    return l.fail(op, PJRT_Error_Code_INVALID_ARGUMENT, error);
  l.map(op, generic.getResults());
  return success();
}

} // namespace

void addElementwiseLowerings(LoweringTable &table) {
  for (llvm::StringRef name : scalarOpNames())
    table[name] = lowerElementwise;
}

} // namespace axle::lowering
