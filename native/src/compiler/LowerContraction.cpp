//===- LowerContraction.cpp - dot_general to a linalg contraction ---------===//
//
// dot_general becomes one linalg.generic over (batch, lhs free, rhs free,
// contracting) loops, so batch and contracting dimensions may sit anywhere.
// The dimension numbers arrive as an opaque `#stablehlo.dot<...>` attribute
// whose text we parse ourselves. Large f32/f64 contractions are tagged so
// that, once bufferized, they become a BLAS call (BlasContraction.cpp).
//
//===----------------------------------------------------------------------===//

#include "BlasContraction.h"
#include "Lowering.h"
#include "ScalarOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;

namespace axle::lowering {
namespace {

constexpr PJRT_Error_Code kInvalid = PJRT_Error_Code_INVALID_ARGUMENT;

/// Reads `key = [1, 2]` from the attribute text; absent keys are empty.
bool parseDimList(const std::string &text, const std::string &key,
                  SmallVector<int64_t> &out) {
  size_t at = text.find(key + " = [");
  if (at == std::string::npos)
    return true;
  size_t pos = at + key.size() + 4;
  size_t end = text.find(']', pos);
  if (end == std::string::npos)
    return false;
  llvm::SmallVector<llvm::StringRef> parts;
  llvm::StringRef(text).slice(pos, end).split(parts, ',', -1, false);
  for (llvm::StringRef part : parts) {
    int64_t value;
    if (part.trim().getAsInteger(10, value))
      return false;
    out.push_back(value);
  }
  return true;
}

struct DotDims {
  SmallVector<int64_t> lhsBatch, rhsBatch, lhsContract, rhsContract;
};

/// Loop index of each operand dimension: batch dims first, then this side's
/// free dims at `freeBase`, contracting dims at `contractBase`.
SmallVector<AffineExpr> operandExprs(MLIRContext *context, int64_t rank,
                                     ArrayRef<int64_t> batch,
                                     ArrayRef<int64_t> contract,
                                     int64_t freeBase, int64_t contractBase) {
  SmallVector<AffineExpr> exprs;
  int64_t free = freeBase;
  for (int64_t d = 0; d < rank; ++d) {
    auto *b = llvm::find(batch, d);
    auto *c = llvm::find(contract, d);
    int64_t loop = b != batch.end()      ? b - batch.begin()
                   : c != contract.end() ? contractBase + (c - contract.begin())
                                         : free++;
    exprs.push_back(getAffineDimExpr(loop, context));
  }
  return exprs;
}

LogicalResult lowerDot(Lowerer &l, Operation *op, const DotDims &dims) {
  RankedTensorType lhs = tensorType(op->getOperand(0));
  RankedTensorType rhs = tensorType(op->getOperand(1));
  RankedTensorType out = tensorType(op->getResult(0));
  auto checkDims = [&](ArrayRef<int64_t> a, ArrayRef<int64_t> b, int64_t rank) {
    SmallVector<bool> used(rank, false);
    for (int64_t d : llvm::concat<const int64_t>(a, b)) {
      if (d < 0 || d >= rank || used[d])
        return false;
      used[d] = true;
    }
    return true;
  };
  if (dims.lhsBatch.size() != dims.rhsBatch.size() ||
      dims.lhsContract.size() != dims.rhsContract.size() ||
      !checkDims(dims.lhsBatch, dims.lhsContract, lhs.getRank()) ||
      !checkDims(dims.rhsBatch, dims.rhsContract, rhs.getRank()))
    return l.fail(op, kInvalid, "bad dimension numbers");
  SmallVector<int64_t> shape;
  for (auto [a, b] : llvm::zip(dims.lhsBatch, dims.rhsBatch)) {
    if (lhs.getDimSize(a) != rhs.getDimSize(b))
      return l.fail(op, kInvalid, "batch dimension sizes differ");
    shape.push_back(lhs.getDimSize(a));
  }
  for (auto [a, b] : llvm::zip(dims.lhsContract, dims.rhsContract))
    if (lhs.getDimSize(a) != rhs.getDimSize(b))
      return l.fail(op, kInvalid, "contracting dimension sizes differ");
  auto appendFree = [&](RankedTensorType t, const SmallVector<int64_t> &batch,
                        const SmallVector<int64_t> &contract) {
    for (int64_t d = 0; d < t.getRank(); ++d)
      if (!llvm::is_contained(batch, d) && !llvm::is_contained(contract, d))
        shape.push_back(t.getDimSize(d));
  };
  appendFree(lhs, dims.lhsBatch, dims.lhsContract);
  int64_t lhsFree = shape.size() - dims.lhsBatch.size();
  appendFree(rhs, dims.rhsBatch, dims.rhsContract);
  if (out.getShape() != ArrayRef<int64_t>(shape))
    return l.fail(op, kInvalid, "result shape does not match the operands");
  Type element = out.getElementType();
  if (lhs.getElementType() != rhs.getElementType())
    return l.fail(op, kInvalid, "operand element types differ");

  MLIRContext *context = op->getContext();
  int64_t nb = dims.lhsBatch.size(), outRank = out.getRank();
  int64_t loops = outRank + dims.lhsContract.size();
  SmallVector<AffineMap> maps = {
      AffineMap::get(loops, 0,
                     operandExprs(context, lhs.getRank(), dims.lhsBatch,
                                  dims.lhsContract, nb, outRank),
                     context),
      AffineMap::get(loops, 0,
                     operandExprs(context, rhs.getRank(), dims.rhsBatch,
                                  dims.rhsContract, nb + lhsFree, outRank),
                     context),
      // Not getMajorSubMap: it returns a null map for rank-0 results.
      AffineMap::get(loops, 0,
                     AffineMap::getMultiDimIdentityMap(loops, context)
                         .getResults()
                         .take_front(outRank),
                     context)};
  SmallVector<utils::IteratorType> iterators(outRank,
                                             utils::IteratorType::parallel);
  iterators.append(dims.lhsContract.size(), utils::IteratorType::reduction);

  Location loc = op->getLoc();
  // Without contracting dimensions the op is an elementwise product, and its
  // payload must not read the output: linalg's elementwise fusion would then
  // bind that read to a reduction consumer's accumulator (issue 5: wrong
  // gradients of a vmapped vector dot under Jit).
  bool accumulates = !dims.lhsContract.empty();
  Type signless = toSignless(element);
  Value init = emptyTensor(l.builder, loc, out);
  if (accumulates)
    init = filledTensor(
        l.builder, loc, out,
        arith::ConstantOp::create(l.builder, loc, signless,
                                  l.builder.getZeroAttr(signless)));
  Type in = lhs.getElementType();
  auto generic = linalg::GenericOp::create(
      l.builder, loc, TypeRange{init.getType()},
      ValueRange{l.get(op->getOperand(0)), l.get(op->getOperand(1))},
      ValueRange{init}, maps, iterators,
      [&](OpBuilder &b, Location bl, ValueRange args) {
        Value x = emitConvert(b, bl, args[0], in, element);
        Value y = emitConvert(b, bl, args[1], in, element);
        Value r;
        if (isa<FloatType>(element)) {
          r = arith::MulFOp::create(b, bl, x, y);
          // A sum of one product still starts from +0 (spec, reference
          // interpreter): -0.0 products come out as +0.0.
          Value start =
              accumulates
                  ? args[2]
                  : arith::ConstantOp::create(b, bl, r.getType(),
                                              b.getZeroAttr(r.getType()))
                        .getResult();
          r = arith::AddFOp::create(b, bl, start, r);
        } else if (element.isInteger(1)) {
          r = arith::AndIOp::create(b, bl, x, y);
          if (accumulates)
            r = arith::OrIOp::create(b, bl, args[2], r);
        } else {
          r = arith::MulIOp::create(b, bl, x, y);
          if (accumulates)
            r = arith::AddIOp::create(b, bl, args[2], r);
        }
        linalg::YieldOp::create(b, bl, r);
      });
  if (accumulates && lhs.getElementType() == element &&
      rhs.getElementType() == element && (element.isF32() || element.isF64()))
    tagForBlas(generic, lhs, rhs, dims.lhsBatch, dims.rhsBatch,
               dims.lhsContract, dims.rhsContract);
  l.map(op, generic.getResults());
  return success();
}

LogicalResult lowerDotGeneral(Lowerer &l, Operation *op) {
  if (op->getNumOperands() != 2 || op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects two operands and one result");
  std::string text = attrText(getOpAttr(op, "dot_dimension_numbers"));
  if (text.empty())
    return l.fail(op, kInvalid, "missing dot_dimension_numbers");
  DotDims dims;
  if (!parseDimList(text, "lhs_batching_dimensions", dims.lhsBatch) ||
      !parseDimList(text, "rhs_batching_dimensions", dims.rhsBatch) ||
      !parseDimList(text, "lhs_contracting_dimensions", dims.lhsContract) ||
      !parseDimList(text, "rhs_contracting_dimensions", dims.rhsContract))
    return l.fail(op, kInvalid, "cannot parse dot_dimension_numbers " + text);
  return lowerDot(l, op, dims);
}

/// Legacy stablehlo.dot: vector/matrix products contracting lhs's last
/// dimension with rhs's first.
LogicalResult lowerPlainDot(Lowerer &l, Operation *op) {
  if (op->getNumOperands() != 2 || op->getNumResults() != 1)
    return l.fail(op, kInvalid, "expects two operands and one result");
  int64_t lhsRank = tensorType(op->getOperand(0)).getRank();
  int64_t rhsRank = tensorType(op->getOperand(1)).getRank();
  if (lhsRank < 1 || lhsRank > 2 || rhsRank < 1 || rhsRank > 2)
    return l.fail(op, kInvalid, "expects rank-1 or rank-2 operands");
  DotDims dims;
  dims.lhsContract.push_back(lhsRank - 1);
  dims.rhsContract.push_back(0);
  return lowerDot(l, op, dims);
}

} // namespace

void addContractionLowerings(LoweringTable &table) {
  table["stablehlo.dot_general"] = lowerDotGeneral;
  table["stablehlo.dot"] = lowerPlainDot;
}

} // namespace axle::lowering
