//===- LowerShape.cpp - Constants and data-movement ops -------------------===//
//
// constant, broadcast_in_dim, reshape, transpose, iota, slice, concatenate.
// Each checks the shape rules of the StableHLO spec first, because the
// upstream builders would otherwise produce invalid IR (or assert).
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

LogicalResult lowerConstant(Lowerer &l, Operation *op) {
  auto value = dyn_cast_or_null<DenseElementsAttr>(getOpAttr(op, "value"));
  if (!value || op->getNumResults() != 1 || op->getNumOperands() != 0)
    return l.fail(op, kInvalid, "expects a dense 'value' and one result");
  RankedTensorType type = tensorType(op->getResult(0));
  if (value.getType() != type)
    return l.fail(op, kInvalid, "value type does not match the result type");
  auto signless = cast<RankedTensorType>(toSignless(type));
  if (signless != type) // Same bits, signless element type.
    value = value.bitcast(signless.getElementType());
  l.map(
      op,
      arith::ConstantOp::create(l.builder, op->getLoc(), value)->getResults());
  return success();
}

/// A linalg.generic that copies `input` read through `inputMap` into a fresh
/// tensor of `resultType`.
Value copyGeneric(OpBuilder &b, Location loc, Value input, AffineMap inputMap,
                  RankedTensorType resultType) {
  int64_t rank = resultType.getRank();
  Value init = emptyTensor(b, loc, resultType);
  SmallVector<AffineMap> maps = {
      inputMap, AffineMap::getMultiDimIdentityMap(rank, b.getContext())};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{input},
             ValueRange{init}, maps, iterators,
             [](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, args[0]);
             })
      .getResult(0);
}

LogicalResult lowerBroadcastInDim(Lowerer &l, Operation *op) {
  auto dims = getI64Array(op, "broadcast_dimensions");
  if (!dims || op->getNumOperands() != 1 || op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects one operand and broadcast_dimensions");
  RankedTensorType in = tensorType(op->getOperand(0));
  RankedTensorType out = tensorType(op->getResult(0));
  if (in.getElementType() != out.getElementType() ||
      static_cast<int64_t>(dims->size()) != in.getRank())
    return l.fail(op, kInvalid, "operand and result types do not agree");
  SmallVector<AffineExpr> exprs;
  llvm::SmallDenseSet<int64_t> seen;
  for (auto [i, d] : llvm::enumerate(*dims)) {
    if (d < 0 || d >= out.getRank() || !seen.insert(d).second)
      return l.fail(op, kInvalid, "bad broadcast dimension " + llvm::Twine(d));
    int64_t size = in.getDimSize(i);
    if (size != 1 && size != out.getDimSize(d))
      return l.fail(op, kInvalid,
                    "operand dimension " + llvm::Twine(i) +
                        " does not match result dimension " + llvm::Twine(d));
    exprs.push_back(size == out.getDimSize(d)
                        ? getAffineDimExpr(d, op->getContext())
                        : getAffineConstantExpr(0, op->getContext()));
  }
  AffineMap map = AffineMap::get(out.getRank(), 0, exprs, op->getContext());
  l.map(op, copyGeneric(l.builder, op->getLoc(), l.get(op->getOperand(0)), map,
                        out));
  return success();
}

LogicalResult lowerTranspose(Lowerer &l, Operation *op) {
  auto perm = getI64Array(op, "permutation");
  if (!perm || op->getNumOperands() != 1 || op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects one operand and a permutation");
  RankedTensorType in = tensorType(op->getOperand(0));
  RankedTensorType out = tensorType(op->getResult(0));
  int64_t rank = in.getRank();
  if (static_cast<int64_t>(perm->size()) != rank || out.getRank() != rank ||
      in.getElementType() != out.getElementType())
    return l.fail(op, kInvalid, "operand, permutation and result disagree");
  // Operand dimension perm[i] is indexed by result loop i.
  SmallVector<AffineExpr> exprs(rank);
  SmallVector<bool> used(rank, false);
  for (int64_t i = 0; i < rank; ++i) {
    int64_t p = (*perm)[i];
    if (p < 0 || p >= rank || used[p] || in.getDimSize(p) != out.getDimSize(i))
      return l.fail(op, kInvalid, "bad permutation");
    used[p] = true;
    exprs[p] = getAffineDimExpr(i, op->getContext());
  }
  AffineMap map = AffineMap::get(rank, 0, exprs, op->getContext());
  l.map(op, copyGeneric(l.builder, op->getLoc(), l.get(op->getOperand(0)), map,
                        out));
  return success();
}

LogicalResult lowerReshape(Lowerer &l, Operation *op) {
  if (op->getNumOperands() != 1 || op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects one operand");
  RankedTensorType in = tensorType(op->getOperand(0));
  RankedTensorType out = tensorType(op->getResult(0));
  if (in.getElementType() != out.getElementType() ||
      in.getNumElements() != out.getNumElements())
    return l.fail(op, kInvalid, "element counts or types differ");
  // Through a 1-D tensor: collapse everything, then expand to the result.
  // Rank 0 <-> all-ones shapes use an empty reassociation.
  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  Value value = l.get(op->getOperand(0));
  auto all = [](int64_t rank) {
    SmallVector<ReassociationIndices> r;
    if (rank > 0)
      r.push_back(llvm::to_vector(llvm::seq<int64_t>(0, rank)));
    return r;
  };
  Type element = toSignless(in.getElementType());
  int64_t flatRank = in.getRank() == 0 || out.getRank() == 0 ? 0 : 1;
  auto flat =
      RankedTensorType::get(flatRank ? SmallVector<int64_t>{in.getNumElements()}
                                     : SmallVector<int64_t>{},
                            element);
  if (in.getRank() != flatRank)
    value = tensor::CollapseShapeOp::create(b, loc, flat, value,
                                            all(flatRank ? in.getRank() : 0));
  auto target = cast<RankedTensorType>(toSignless(out));
  if (out.getRank() != flatRank)
    value = tensor::ExpandShapeOp::create(b, loc, target, value,
                                          all(flatRank ? out.getRank() : 0));
  l.map(op, value);
  return success();
}

LogicalResult lowerIota(Lowerer &l, Operation *op) {
  auto dimAttr = dyn_cast_or_null<IntegerAttr>(getOpAttr(op, "iota_dimension"));
  if (!dimAttr || op->getNumOperands() != 0 || op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects iota_dimension and one result");
  RankedTensorType out = tensorType(op->getResult(0));
  int64_t dim = dimAttr.getInt();
  if (dim < 0 || dim >= out.getRank())
    return l.fail(op, kInvalid, "iota_dimension out of range");
  Type element = out.getElementType();
  Value init = emptyTensor(l.builder, op->getLoc(), out);
  SmallVector<utils::IteratorType> iterators(out.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      l.builder, op->getLoc(), TypeRange{init.getType()}, ValueRange{},
      ValueRange{init},
      {AffineMap::getMultiDimIdentityMap(out.getRank(), op->getContext())},
      iterators, [&](OpBuilder &b, Location loc, ValueRange) {
        Value index = linalg::IndexOp::create(b, loc, dim);
        Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), index);
        Type target = toSignless(element);
        Value v;
        if (isa<FloatType>(element))
          v = arith::SIToFPOp::create(b, loc, target, i64);
        else if (target.getIntOrFloatBitWidth() < 64)
          v = arith::TruncIOp::create(b, loc, target, i64);
        else
          v = i64;
        linalg::YieldOp::create(b, loc, v);
      });
  l.map(op, generic.getResults());
  return success();
}

LogicalResult lowerSlice(Lowerer &l, Operation *op) {
  auto start = getI64Array(op, "start_indices");
  auto limit = getI64Array(op, "limit_indices");
  auto strides = getI64Array(op, "strides");
  if (!start || !limit || !strides || op->getNumOperands() != 1)
    return l.fail(op, kInvalid, "expects start/limit indices and strides");
  RankedTensorType in = tensorType(op->getOperand(0));
  RankedTensorType out = tensorType(op->getResult(0));
  int64_t rank = in.getRank();
  if (static_cast<int64_t>(start->size()) != rank ||
      static_cast<int64_t>(limit->size()) != rank ||
      static_cast<int64_t>(strides->size()) != rank || out.getRank() != rank)
    return l.fail(op, kInvalid, "slice attributes do not match the rank");
  SmallVector<int64_t> sizes;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t s = (*start)[i], e = (*limit)[i], st = (*strides)[i];
    if (s < 0 || e < s || e > in.getDimSize(i) || st <= 0)
      return l.fail(op, kInvalid,
                    "bad slice bounds in dimension " + llvm::Twine(i));
    sizes.push_back((e - s + st - 1) / st);
    if (sizes.back() != out.getDimSize(i))
      return l.fail(op, kInvalid, "result shape does not match the slice");
  }
  Value slice = tensor::ExtractSliceOp::create(
      l.builder, op->getLoc(), cast<RankedTensorType>(toSignless(out)),
      l.get(op->getOperand(0)), ValueRange{}, ValueRange{}, ValueRange{},
      *start, sizes, *strides);
  l.map(op, slice);
  return success();
}

LogicalResult lowerConcatenate(Lowerer &l, Operation *op) {
  auto dimAttr = dyn_cast_or_null<IntegerAttr>(getOpAttr(op, "dimension"));
  if (!dimAttr || op->getNumOperands() == 0 || op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects operands and a dimension");
  RankedTensorType out = tensorType(op->getResult(0));
  int64_t dim = dimAttr.getInt(), rank = out.getRank();
  if (dim < 0 || dim >= rank)
    return l.fail(op, kInvalid, "dimension out of range");
  int64_t offset = 0;
  for (Value operand : op->getOperands()) {
    RankedTensorType in = tensorType(operand);
    bool ok =
        in.getRank() == rank && in.getElementType() == out.getElementType();
    for (int64_t i = 0; ok && i < rank; ++i)
      ok = i == dim || in.getDimSize(i) == out.getDimSize(i);
    if (!ok)
      return l.fail(op, kInvalid, "operand shapes do not match the result");
    offset += in.getDimSize(dim);
  }
  if (offset != out.getDimSize(dim))
    return l.fail(op, kInvalid, "result size does not match the operands");
  Value result = emptyTensor(l.builder, op->getLoc(), out);
  offset = 0;
  for (Value operand : op->getOperands()) {
    RankedTensorType in = tensorType(operand);
    // An empty operand adds nothing, and its offset may equal the size.
    if (in.getNumElements() == 0)
      continue;
    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    offsets[dim] = offset;
    result = tensor::InsertSliceOp::create(
        l.builder, op->getLoc(), l.get(operand), result, ValueRange{},
        ValueRange{}, ValueRange{}, offsets, in.getShape(), strides);
    offset += in.getDimSize(dim);
  }
  l.map(op, result);
  return success();
}

} // namespace

void addShapeLowerings(LoweringTable &table) {
  table["stablehlo.constant"] = lowerConstant;
  table["stablehlo.broadcast_in_dim"] = lowerBroadcastInDim;
  table["stablehlo.reshape"] = lowerReshape;
  table["stablehlo.transpose"] = lowerTranspose;
  table["stablehlo.iota"] = lowerIota;
  table["stablehlo.slice"] = lowerSlice;
  table["stablehlo.concatenate"] = lowerConcatenate;
}

} // namespace axle::lowering
