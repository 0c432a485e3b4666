//===- LowerIndexing.cpp - pad, reverse, dynamic_slice, dynamic_update_slice
//
// Index arithmetic happens on `index` values. Every tensor.extract is made
// in bounds by construction (clamped or selected), never guarded by UB.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace axle::lowering {
namespace {

constexpr PJRT_Error_Code kInvalid = PJRT_Error_Code_INVALID_ARGUMENT;

LogicalResult lowerPad(Lowerer &l, Operation *op) {
  auto low = getI64Array(op, "edge_padding_low");
  auto high = getI64Array(op, "edge_padding_high");
  auto interior = getI64Array(op, "interior_padding");
  if (!low || !high || !interior || op->getNumOperands() != 2 ||
      op->getNumResults() != 1)
    return l.fail(op, kInvalid,
                  "expects operand, padding value and the three paddings");
  RankedTensorType in = tensorType(op->getOperand(0));
  RankedTensorType out = tensorType(op->getResult(0));
  RankedTensorType padType = tensorType(op->getOperand(1));
  int64_t rank = in.getRank();
  if (padType.getRank() != 0 ||
      padType.getElementType() != in.getElementType() ||
      out.getElementType() != in.getElementType() || out.getRank() != rank ||
      int64_t(low->size()) != rank || int64_t(high->size()) != rank ||
      int64_t(interior->size()) != rank)
    return l.fail(op, kInvalid, "operand, padding and result disagree");
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = in.getDimSize(d);
    int64_t inner = (*interior)[d];
    if (inner < 0)
      return l.fail(op, kInvalid, "negative interior padding");
    int64_t expected =
        (*low)[d] + (*high)[d] + size + (size > 0 ? (size - 1) * inner : 0);
    if (expected != out.getDimSize(d))
      return l.fail(op, kInvalid,
                    "result dimension " + llvm::Twine(d) + " should be " +
                        llvm::Twine(expected));
  }
  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  Value padValue = tensor::ExtractOp::create(b, loc, l.get(op->getOperand(1)));
  if (in.getNumElements() == 0) {
    l.map(op, filledTensor(b, loc, out, padValue));
    return success();
  }
  Value source = l.get(op->getOperand(0));
  Value init = emptyTensor(b, loc, out);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{}, ValueRange{init},
      {AffineMap::getMultiDimIdentityMap(rank, op->getContext())}, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange) {
        auto c = [&](int64_t v) {
          return arith::ConstantIndexOp::create(nb, nl, v);
        };
        Value inside = arith::ConstantIntOp::create(nb, nl, 1, 1);
        SmallVector<Value> index;
        for (int64_t d = 0; d < rank; ++d) {
          Value j = arith::SubIOp::create(
              nb, nl, linalg::IndexOp::create(nb, nl, d), c((*low)[d]));
          Value step = c((*interior)[d] + 1);
          Value q = arith::DivSIOp::create(nb, nl, j, step);
          Value r = arith::RemSIOp::create(nb, nl, j, step);
          Value ok = arith::AndIOp::create(
              nb, nl,
              arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::sge, j, c(0)),
              arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::eq, r, c(0)));
          ok = arith::AndIOp::create(
              nb, nl, ok,
              arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::slt, q,
                                    c(in.getDimSize(d))));
          inside = arith::AndIOp::create(nb, nl, inside, ok);
          index.push_back(arith::MinSIOp::create(
              nb, nl, arith::MaxSIOp::create(nb, nl, q, c(0)),
              c(in.getDimSize(d) - 1)));
        }
        Value element = tensor::ExtractOp::create(nb, nl, source, index);
        linalg::YieldOp::create(
            nb, nl,
            arith::SelectOp::create(nb, nl, inside, element, padValue)
                .getResult());
      });
  l.map(op, generic.getResults());
  return success();
}

LogicalResult lowerReverse(Lowerer &l, Operation *op) {
  auto dims = getI64Array(op, "dimensions");
  if (!dims || op->getNumOperands() != 1 || op->getNumResults() != 1 ||
      op->getOperand(0).getType() != op->getResult(0).getType())
    return l.fail(op, kInvalid, "expects dimensions and matching types");
  RankedTensorType type = tensorType(op->getOperand(0));
  int64_t rank = type.getRank();
  MLIRContext *context = op->getContext();
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d)
    exprs.push_back(getAffineDimExpr(d, context));
  SmallVector<bool> seen(rank, false);
  for (int64_t d : *dims) {
    if (d < 0 || d >= rank || seen[d])
      return l.fail(op, kInvalid, "bad dimension " + llvm::Twine(d));
    seen[d] = true;
    exprs[d] = getAffineConstantExpr(type.getDimSize(d) - 1, context) -
               getAffineDimExpr(d, context);
  }
  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  Value init = emptyTensor(b, loc, type);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{l.get(op->getOperand(0))},
      ValueRange{init},
      {AffineMap::get(rank, 0, exprs, context),
       AffineMap::getMultiDimIdentityMap(rank, context)},
      iterators, [](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(nb, nl, args[0]);
      });
  l.map(op, generic.getResults());
  return success();
}

} // namespace

Value indexFromTensor(OpBuilder &b, Location loc, Value scalarTensor,
                      Type sourceElement) {
  Value v = tensor::ExtractOp::create(b, loc, scalarTensor);
  auto integer = cast<IntegerType>(sourceElement);
  if (integer.isUnsigned() || integer.getWidth() == 1)
    return arith::IndexCastUIOp::create(b, loc, b.getIndexType(), v);
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), v);
}

namespace {

/// Start indices of dynamic_slice/dynamic_update_slice (operands from
/// `first`), clamped so that a window of `sizes` fits in `shape` (spec).
LogicalResult clampedStarts(Lowerer &l, Operation *op, unsigned first,
                            ArrayRef<int64_t> shape, ArrayRef<int64_t> sizes,
                            SmallVectorImpl<OpFoldResult> &starts) {
  if (op->getNumOperands() - first != shape.size())
    return l.fail(op, kInvalid, "expects one start index per dimension");
  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  for (unsigned d = 0; d < shape.size(); ++d) {
    Value operand = op->getOperand(first + d);
    RankedTensorType type = tensorType(operand);
    if (type.getRank() != 0 || !isa<IntegerType>(type.getElementType()) ||
        type.getElementType().isInteger(1))
      return l.fail(op, kInvalid, "start indices must be integer scalars");
    if (sizes[d] < 0 || sizes[d] > shape[d])
      return l.fail(op, kInvalid, "slice larger than the operand");
    Value v = indexFromTensor(b, loc, l.get(operand), type.getElementType());
    v = arith::MaxSIOp::create(b, loc, v,
                               arith::ConstantIndexOp::create(b, loc, 0));
    v = arith::MinSIOp::create(
        b, loc, v, arith::ConstantIndexOp::create(b, loc, shape[d] - sizes[d]));
    starts.push_back(v);
  }
  return success();
}

LogicalResult lowerDynamicSlice(Lowerer &l, Operation *op) {
  auto sizes = getI64Array(op, "slice_sizes");
  if (!sizes || op->getNumOperands() < 1 || op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects operand, start indices, slice_sizes");
  RankedTensorType in = tensorType(op->getOperand(0));
  RankedTensorType out = tensorType(op->getResult(0));
  if (int64_t(sizes->size()) != in.getRank() ||
      out.getShape() != ArrayRef<int64_t>(*sizes) ||
      out.getElementType() != in.getElementType())
    return l.fail(op, kInvalid, "slice_sizes, operand and result disagree");
  SmallVector<OpFoldResult> starts;
  if (failed(clampedStarts(l, op, 1, in.getShape(), *sizes, starts)))
    return failure();
  OpBuilder &b = l.builder;
  SmallVector<OpFoldResult> sizeFolds, strides;
  for (int64_t s : *sizes) {
    sizeFolds.push_back(b.getIndexAttr(s));
    strides.push_back(b.getIndexAttr(1));
  }
  l.map(op, tensor::ExtractSliceOp::create(
                b, op->getLoc(), cast<RankedTensorType>(toSignless(out)),
                l.get(op->getOperand(0)), starts, sizeFolds, strides)
                ->getResults());
  return success();
}

LogicalResult lowerDynamicUpdateSlice(Lowerer &l, Operation *op) {
  if (op->getNumOperands() < 2 || op->getNumResults() != 1 ||
      op->getOperand(0).getType() != op->getResult(0).getType())
    return l.fail(op, kInvalid, "expects operand, update and start indices");
  RankedTensorType in = tensorType(op->getOperand(0));
  RankedTensorType update = tensorType(op->getOperand(1));
  if (update.getRank() != in.getRank() ||
      update.getElementType() != in.getElementType())
    return l.fail(op, kInvalid, "update and operand disagree");
  SmallVector<OpFoldResult> starts;
  if (failed(clampedStarts(l, op, 2, in.getShape(), update.getShape(), starts)))
    return failure();
  if (update.getNumElements() == 0) { // Nothing to write.
    l.map(op, l.get(op->getOperand(0)));
    return success();
  }
  OpBuilder &b = l.builder;
  SmallVector<OpFoldResult> sizeFolds, strides;
  for (int64_t s : update.getShape()) {
    sizeFolds.push_back(b.getIndexAttr(s));
    strides.push_back(b.getIndexAttr(1));
  }
  l.map(op, tensor::InsertSliceOp::create(
                b, op->getLoc(), l.get(op->getOperand(1)),
                l.get(op->getOperand(0)), starts, sizeFolds, strides)
                ->getResults());
  return success();
}

} // namespace

void addIndexingLowerings(LoweringTable &table) {
  table["stablehlo.pad"] = lowerPad;
  table["stablehlo.reverse"] = lowerReverse;
  table["stablehlo.dynamic_slice"] = lowerDynamicSlice;
  table["stablehlo.dynamic_update_slice"] = lowerDynamicUpdateSlice;
}

} // namespace axle::lowering
