//===- LowerElementwise.cpp - Elementwise StableHLO ops to linalg ---------===//
//
// Each elementwise op becomes one linalg.generic over the result shape whose
// body is the scalar emitter's output; linalg's elementwise fusion later
// merges chains of them into one loop nest. bitcast_convert between widths,
// optimization_barrier and the refusal of custom_call live here too.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"
#include "ScalarOps.h"
#include "StablehloOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace axle::lowering {
namespace {

constexpr PJRT_Error_Code kInvalid = PJRT_Error_Code_INVALID_ARGUMENT;

LogicalResult lowerElementwise(Lowerer &l, Operation *op) {
  if (op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects exactly one result");
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
      return l.fail(op, kInvalid,
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
      l.builder, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
      iterators, [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        Value result = emitScalarOp(b, bodyLoc, op, args.drop_back(), error);
        // Keep the body well formed even on error; the module is dropped.
        linalg::YieldOp::create(b, bodyLoc,
                                result ? ValueRange{result} : ValueRange{});
      });
  if (!error.empty())
    return l.fail(op, kInvalid, error);
  l.map(op, generic.getResults());
  return success();
}

/// bitcast_convert between element widths: the narrow side has one more
/// (trailing) dimension of size wide/narrow; element k of it holds bits
/// [k*narrow, (k+1)*narrow) of the wide element (little-endian, like XLA).
LogicalResult lowerBitcastConvert(Lowerer &l, Operation *op) {
  if (op->getNumOperands() != 1 || op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects one operand and one result");
  RankedTensorType in = tensorType(op->getOperand(0));
  RankedTensorType out = tensorType(op->getResult(0));
  unsigned inWidth = in.getElementTypeBitWidth();
  unsigned outWidth = out.getElementTypeBitWidth();
  if (inWidth == outWidth) {
    if (in.getShape() != out.getShape())
      return l.fail(op, kInvalid, "shapes differ for equal element widths");
    return lowerElementwise(l, op);
  }
  bool narrowing = inWidth > outWidth;
  RankedTensorType wide = narrowing ? in : out, narrow = narrowing ? out : in;
  unsigned wideWidth = std::max(inWidth, outWidth);
  unsigned narrowWidth = std::min(inWidth, outWidth);
  int64_t ratio = wideWidth / narrowWidth;
  if (narrowWidth == 1 || narrow.getRank() != wide.getRank() + 1 ||
      narrow.getShape().drop_back() != wide.getShape() ||
      narrow.getShape().back() != ratio)
    return l.fail(op, kInvalid,
                  "shapes do not fit a bitcast between these widths");
  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  MLIRContext *context = op->getContext();
  Type wideInt = b.getIntegerType(wideWidth);
  Type narrowInt = b.getIntegerType(narrowWidth);
  int64_t rank = out.getRank();
  Value init = emptyTensor(b, loc, out);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
  Type outElement = toSignless(out.getElementType());
  Value source = l.get(op->getOperand(0));
  linalg::GenericOp generic;
  if (narrowing) {
    AffineMap dropLast =
        AffineMap::get(rank, 0, identity.getResults().drop_back(), context);
    generic = linalg::GenericOp::create(
        b, loc, TypeRange{init.getType()}, ValueRange{source}, ValueRange{init},
        {dropLast, identity}, iterators,
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value bits = args[0].getType() == wideInt
                           ? args[0]
                           : arith::BitcastOp::create(nb, nl, wideInt, args[0]);
          Value k = arith::IndexCastOp::create(
              nb, nl, wideInt, linalg::IndexOp::create(nb, nl, rank - 1));
          Value amount = arith::MulIOp::create(
              nb, nl, k,
              arith::ConstantOp::create(
                  nb, nl, nb.getIntegerAttr(wideInt, narrowWidth)));
          Value part = arith::TruncIOp::create(
              nb, nl, narrowInt, arith::ShRUIOp::create(nb, nl, bits, amount));
          if (outElement != narrowInt)
            part = arith::BitcastOp::create(nb, nl, outElement, part);
          linalg::YieldOp::create(nb, nl, part);
        });
  } else {
    generic = linalg::GenericOp::create(
        b, loc, TypeRange{init.getType()}, ValueRange{}, ValueRange{init},
        {identity}, iterators, [&](OpBuilder &nb, Location nl, ValueRange) {
          SmallVector<Value> index;
          for (int64_t d = 0; d < rank; ++d)
            index.push_back(linalg::IndexOp::create(nb, nl, d));
          Value acc =
              arith::ConstantOp::create(nb, nl, nb.getIntegerAttr(wideInt, 0));
          for (int64_t k = 0; k < ratio; ++k) {
            index.push_back(arith::ConstantIndexOp::create(nb, nl, k));
            Value part = tensor::ExtractOp::create(nb, nl, source, index);
            index.pop_back();
            if (part.getType() != narrowInt)
              part = arith::BitcastOp::create(nb, nl, narrowInt, part);
            Value shifted = arith::ShLIOp::create(
                nb, nl, arith::ExtUIOp::create(nb, nl, wideInt, part),
                arith::ConstantOp::create(
                    nb, nl, nb.getIntegerAttr(wideInt, k * narrowWidth)));
            acc = arith::OrIOp::create(nb, nl, acc, shifted);
          }
          if (outElement != wideInt)
            acc = arith::BitcastOp::create(nb, nl, outElement, acc);
          linalg::YieldOp::create(nb, nl, acc);
        });
  }
  l.map(op, generic.getResults());
  return success();
}

LogicalResult lowerOptimizationBarrier(Lowerer &l, Operation *op) {
  if (op->getNumOperands() != op->getNumResults())
    return l.fail(op, kInvalid, "expects as many results as operands");
  SmallVector<Value> values;
  for (auto [operand, result] :
       llvm::zip(op->getOperands(), op->getResults())) {
    if (operand.getType() != result.getType())
      return l.fail(op, kInvalid, "result types must equal operand types");
    values.push_back(l.get(operand));
  }
  l.map(op, values);
  return success();
}

LogicalResult rejectCustomCall(Lowerer &l, Operation *op) {
  std::string target = attrText(getOpAttr(op, "call_target_name"));
  return l.fail(op, PJRT_Error_Code_UNIMPLEMENTED,
                "custom_call " +
                    (target.empty() ? "(no call_target_name)" : target) +
                    " is not supported by the bundled CPU plugin");
}

} // namespace

void addElementwiseLowerings(LoweringTable &table) {
  for (const StablehloOp &op : stablehloOps())
    if (isScalarOp(op.name))
      table[op.name] = lowerElementwise;
  table["stablehlo.bitcast_convert"] = lowerBitcastConvert;
  table["stablehlo.optimization_barrier"] = lowerOptimizationBarrier;
  table["stablehlo.custom_call"] = rejectCustomCall;
}

} // namespace axle::lowering
