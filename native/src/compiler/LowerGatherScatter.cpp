//===- LowerGatherScatter.cpp - gather and scatter ------------------------===//
//
// Both follow the spec's index formulas literally. gather is a linalg.generic
// over the result whose body reads the operand at a computed index (starts
// clamped, so always in bounds). scatter is a sequential scf.for over the
// update elements carrying the results; an update whose target index is out
// of bounds is skipped element by element, as in the StableHLO reference
// interpreter. The dimension numbers arrive as opaque attributes whose text
// we parse.
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

/// Finds `key = ` in `text` as a whole word; returns the position after it.
size_t findKey(const std::string &text, const std::string &key) {
  for (size_t at = text.find(key + " = "); at != std::string::npos;
       at = text.find(key + " = ", at + 1))
    if (at == 0 || !(isalnum(text[at - 1]) || text[at - 1] == '_'))
      return at + key.size() + 3;
  return std::string::npos;
}

/// `key = [1, 2]`; absent is empty. False when malformed.
bool parseList(const std::string &text, const std::string &key,
               SmallVectorImpl<int64_t> &out) {
  size_t pos = findKey(text, key);
  if (pos == std::string::npos)
    return true;
  if (text[pos] != '[')
    return false;
  size_t end = text.find(']', pos);
  if (end == std::string::npos)
    return false;
  SmallVector<llvm::StringRef> parts;
  llvm::StringRef(text).slice(pos + 1, end).split(parts, ',', -1, false);
  for (llvm::StringRef part : parts) {
    int64_t value;
    if (part.trim().getAsInteger(10, value))
      return false;
    out.push_back(value);
  }
  return true;
}

bool parseInt(const std::string &text, const std::string &key, int64_t &out) {
  size_t pos = findKey(text, key);
  if (pos == std::string::npos)
    return false;
  size_t end = text.find_first_of(",>", pos);
  return !llvm::StringRef(text).slice(pos, end).trim().getAsInteger(10, out);
}

/// The dimension numbers shared by gather and scatter, in gather's names.
struct Dims {
  SmallVector<int64_t> offsetDims;    // update_window_dims
  SmallVector<int64_t> collapsedDims; // inserted_window_dims
  SmallVector<int64_t> operandBatching, indicesBatching;
  SmallVector<int64_t> startIndexMap; // scatter_dims_to_operand_dims
  int64_t indexVectorDim = 0;
};

bool isSubsetOf(ArrayRef<int64_t> dims, int64_t rank) {
  SmallVector<bool> seen(rank, false);
  for (int64_t d : dims) {
    if (d < 0 || d >= rank || seen[d])
      return false;
    seen[d] = true;
  }
  return true;
}

/// Checks the dimension numbers against the ranks and the shapes of the
/// indices, the sliced side (gather result / scatter updates) and the
/// operand; `windowSizes` are the window extents per operand dimension.
std::string checkDims(const Dims &d, RankedTensorType operand,
                      RankedTensorType indices, RankedTensorType sliced,
                      ArrayRef<int64_t> windowSizes) {
  int64_t rank = operand.getRank(), indicesRank = indices.getRank();
  if (d.indexVectorDim < 0 || d.indexVectorDim > indicesRank)
    return "index_vector_dim out of range";
  int64_t vectorSize = d.indexVectorDim == indicesRank
                           ? 1
                           : indices.getDimSize(d.indexVectorDim);
  if (int64_t(d.startIndexMap.size()) != vectorSize ||
      !isSubsetOf(d.startIndexMap, rank))
    return "start index map does not match the index vector";
  SmallVector<int64_t> dropped(d.collapsedDims);
  dropped.append(d.operandBatching);
  if (!isSubsetOf(dropped, rank) ||
      d.operandBatching.size() != d.indicesBatching.size() ||
      !isSubsetOf(d.indicesBatching, indicesRank) ||
      llvm::is_contained(d.indicesBatching, d.indexVectorDim))
    return "bad collapsed or batching dimensions";
  if (!isSubsetOf(d.offsetDims, sliced.getRank()) ||
      !llvm::is_sorted(d.offsetDims) ||
      int64_t(d.offsetDims.size()) != rank - int64_t(dropped.size()))
    return "bad offset/window dimensions";
  int64_t batchRank = indicesRank - (d.indexVectorDim < indicesRank ? 1 : 0);
  if (sliced.getRank() != batchRank + int64_t(d.offsetDims.size()))
    return "result/updates rank does not match the indices";
  if (int64_t(windowSizes.size()) != rank)
    return "window sizes do not match the operand rank";
  for (int64_t i = 0; i < rank; ++i)
    if (windowSizes[i] < 0 || windowSizes[i] > operand.getDimSize(i) ||
        (llvm::is_contained(dropped, i) && windowSizes[i] != 1))
      return "bad window size in dimension " + std::to_string(i);
  // Sliced dims: batch dims follow the indices' dims, window dims the
  // non-dropped operand dims.
  int64_t next = 0, window = 0;
  for (int64_t s = 0; s < sliced.getRank(); ++s) {
    int64_t expected;
    if (llvm::is_contained(d.offsetDims, s)) {
      while (llvm::is_contained(dropped, window))
        ++window;
      expected = windowSizes[window++];
    } else {
      if (next == d.indexVectorDim)
        ++next;
      expected = indices.getDimSize(next++);
    }
    if (sliced.getDimSize(s) != expected)
      return "result/updates dimension " + std::to_string(s) +
             " has the wrong size";
  }
  return {};
}

/// operand index = start (from the indices) + batching + window offset, per
/// the spec, for the sliced-side index `slicedIndex`. `clampSizes` non-empty
/// clamps the starts (gather).
SmallVector<Value> operandIndex(OpBuilder &b, Location loc, const Dims &d,
                                RankedTensorType operand, Value indices,
                                RankedTensorType indicesType,
                                ArrayRef<Value> slicedIndex,
                                ArrayRef<int64_t> clampSizes) {
  auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); };
  SmallVector<Value> batch, offset;
  for (auto [s, v] : llvm::enumerate(slicedIndex))
    (llvm::is_contained(d.offsetDims, int64_t(s)) ? offset : batch)
        .push_back(v);
  int64_t rank = operand.getRank(), indicesRank = indicesType.getRank();
  SmallVector<Value> result(rank, c(0));
  for (auto [k, target] : llvm::enumerate(d.startIndexMap)) {
    SmallVector<Value> at;
    for (int64_t s = 0, next = 0; s < indicesRank; ++s)
      at.push_back(s == d.indexVectorDim ? c(k) : batch[next++]);
    Value scalar = tensor::ExtractOp::create(b, loc, indices, at);
    auto element = cast<IntegerType>(indicesType.getElementType());
    Value start = element.isUnsigned() ? Value(arith::IndexCastUIOp::create(
                                             b, loc, b.getIndexType(), scalar))
                                       : Value(arith::IndexCastOp::create(
                                             b, loc, b.getIndexType(), scalar));
    if (!clampSizes.empty())
      start = arith::MinSIOp::create(
          b, loc, arith::MaxSIOp::create(b, loc, start, c(0)),
          c(operand.getDimSize(target) - clampSizes[target]));
    result[target] = start;
  }
  for (auto [operandDim, indicesDim] :
       llvm::zip(d.operandBatching, d.indicesBatching)) {
    Value v = batch[indicesDim - (indicesDim < d.indexVectorDim ? 0 : 1)];
    result[operandDim] = arith::AddIOp::create(b, loc, result[operandDim], v);
  }
  for (int64_t i = 0, next = 0; i < rank; ++i)
    if (!llvm::is_contained(d.collapsedDims, i) &&
        !llvm::is_contained(d.operandBatching, i))
      result[i] = arith::AddIOp::create(b, loc, result[i], offset[next++]);
  return result;
}

LogicalResult lowerGather(Lowerer &l, Operation *op) {
  std::string text = attrText(getOpAttr(op, "dimension_numbers"));
  auto sizes = getI64Array(op, "slice_sizes");
  Dims d;
  if (op->getNumOperands() != 2 || op->getNumResults() != 1 || !sizes ||
      text.empty() || !parseList(text, "offset_dims", d.offsetDims) ||
      !parseList(text, "collapsed_slice_dims", d.collapsedDims) ||
      !parseList(text, "operand_batching_dims", d.operandBatching) ||
      !parseList(text, "start_indices_batching_dims", d.indicesBatching) ||
      !parseList(text, "start_index_map", d.startIndexMap) ||
      !parseInt(text, "index_vector_dim", d.indexVectorDim))
    return l.fail(op, kInvalid,
                  "expects operand, start_indices, dimension_numbers and "
                  "slice_sizes");
  RankedTensorType operand = tensorType(op->getOperand(0));
  RankedTensorType indices = tensorType(op->getOperand(1));
  RankedTensorType out = tensorType(op->getResult(0));
  if (!isa<IntegerType>(indices.getElementType()) ||
      indices.getElementType().isInteger(1) ||
      out.getElementType() != operand.getElementType())
    return l.fail(op, kInvalid, "bad element types");
  if (std::string error = checkDims(d, operand, indices, out, *sizes);
      !error.empty())
    return l.fail(op, kInvalid, error);
  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  Value source = l.get(op->getOperand(0)), idx = l.get(op->getOperand(1));
  int64_t rank = out.getRank();
  Value init = emptyTensor(b, loc, out);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{}, ValueRange{init},
      {AffineMap::getMultiDimIdentityMap(rank, op->getContext())}, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange) {
        SmallVector<Value> at;
        for (int64_t i = 0; i < rank; ++i)
          at.push_back(linalg::IndexOp::create(nb, nl, i));
        SmallVector<Value> where =
            operandIndex(nb, nl, d, operand, idx, indices, at, *sizes);
        linalg::YieldOp::create(
            nb, nl,
            tensor::ExtractOp::create(nb, nl, source, where).getResult());
      });
  l.map(op, generic.getResults());
  return success();
}

LogicalResult lowerScatter(Lowerer &l, Operation *op) {
  std::string text = attrText(getOpAttr(op, "scatter_dimension_numbers"));
  unsigned n = op->getNumResults();
  Dims d;
  if (n == 0 || op->getNumOperands() != 2 * n + 1 || op->getNumRegions() != 1 ||
      text.empty() || !parseList(text, "update_window_dims", d.offsetDims) ||
      !parseList(text, "inserted_window_dims", d.collapsedDims) ||
      !parseList(text, "input_batching_dims", d.operandBatching) ||
      !parseList(text, "scatter_indices_batching_dims", d.indicesBatching) ||
      !parseList(text, "scatter_dims_to_operand_dims", d.startIndexMap) ||
      !parseInt(text, "index_vector_dim", d.indexVectorDim))
    return l.fail(op, kInvalid,
                  "expects N inputs, indices, N updates, N results, "
                  "scatter_dimension_numbers and an update computation");
  RankedTensorType operand = tensorType(op->getOperand(0));
  RankedTensorType indices = tensorType(op->getOperand(n));
  RankedTensorType updates = tensorType(op->getOperand(n + 1));
  if (!isa<IntegerType>(indices.getElementType()) ||
      indices.getElementType().isInteger(1))
    return l.fail(op, kInvalid, "scatter indices must be integers");
  SmallVector<Type> elementTypes;
  for (unsigned i = 0; i < n; ++i) {
    RankedTensorType input = tensorType(op->getOperand(i));
    RankedTensorType update = tensorType(op->getOperand(n + 1 + i));
    if (input.getShape() != operand.getShape() ||
        update.getShape() != updates.getShape() ||
        update.getElementType() != input.getElementType() ||
        op->getResult(i).getType() != input)
      return l.fail(op, kInvalid, "inputs, updates and results disagree");
    elementTypes.push_back(input.getElementType());
  }
  // The window extent of operand dim i is the updates' size in the window
  // dim that maps to it (1 for inserted and batching dims).
  SmallVector<int64_t> windowSizes(operand.getRank(), 1);
  for (int64_t i = 0, next = 0; i < operand.getRank(); ++i)
    if (!llvm::is_contained(d.collapsedDims, i) &&
        !llvm::is_contained(d.operandBatching, i) &&
        next < int64_t(d.offsetDims.size()))
      windowSizes[i] = updates.getDimSize(d.offsetDims[next++]);
  if (std::string error = checkDims(d, operand, indices, updates, windowSizes);
      !error.empty())
    return l.fail(op, kInvalid, error);
  SmallVector<Type> argumentTypes(elementTypes);
  argumentTypes.append(elementTypes);
  Region &body = op->getRegion(0);
  if (failed(checkScalarRegion(l, op, body, argumentTypes, elementTypes)))
    return failure();

  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); };
  SmallVector<Value> inits;
  for (unsigned i = 0; i < n; ++i)
    inits.push_back(l.get(op->getOperand(i)));
  Value idx = l.get(op->getOperand(n));
  bool failedBody = false;
  auto loop = scf::ForOp::create(
      b, loc, c(0), c(updates.getNumElements()), c(1), inits,
      [&](OpBuilder &nb, Location nl, Value u, ValueRange results) {
        // Linear update position -> multi-index, innermost dimension last.
        SmallVector<Value> at(updates.getRank());
        Value rest = u;
        for (int64_t s = updates.getRank() - 1; s >= 0; --s) {
          Value size =
              arith::ConstantIndexOp::create(nb, nl, updates.getDimSize(s));
          at[s] = arith::RemUIOp::create(nb, nl, rest, size);
          rest = arith::DivUIOp::create(nb, nl, rest, size);
        }
        SmallVector<Value> where =
            operandIndex(nb, nl, d, operand, idx, indices, at, {});
        Value inBounds = arith::ConstantIntOp::create(nb, nl, 1, 1);
        for (auto [i, v] : llvm::enumerate(where)) {
          // Unsigned compare: negative indices are huge, hence out of bounds.
          Value ok = arith::CmpIOp::create(
              nb, nl, arith::CmpIPredicate::ult, v,
              arith::ConstantIndexOp::create(nb, nl, operand.getDimSize(i)));
          inBounds = arith::AndIOp::create(nb, nl, inBounds, ok);
        }
        auto ifOp = scf::IfOp::create(
            nb, nl, inBounds,
            [&](OpBuilder &tb, Location tl) {
              SmallVector<Value> args, combined;
              for (Value r : results)
                args.push_back(tensor::ExtractOp::create(tb, tl, r, where));
              for (unsigned i = 0; i < n; ++i)
                args.push_back(tensor::ExtractOp::create(
                    tb, tl, l.get(op->getOperand(n + 1 + i)), at));
              if (failed(emitScalarRegion(l, op, tb, tl, body.front(), args,
                                          combined))) {
                failedBody = true;
                combined.assign(args.begin(), args.begin() + n);
              }
              SmallVector<Value> updated;
              for (unsigned i = 0; i < n; ++i)
                updated.push_back(tensor::InsertOp::create(tb, tl, combined[i],
                                                           results[i], where));
              scf::YieldOp::create(tb, tl, updated);
            },
            [&](OpBuilder &eb, Location el) {
              scf::YieldOp::create(eb, el, results);
            });
        scf::YieldOp::create(nb, nl, ifOp.getResults());
      });
  if (failedBody)
    return failure();
  l.map(op, loop.getResults());
  return success();
}

} // namespace

void addGatherScatterLowerings(LoweringTable &table) {
  table["stablehlo.gather"] = lowerGather;
  table["stablehlo.scatter"] = lowerScatter;
}

} // namespace axle::lowering
