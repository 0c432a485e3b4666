//===- EvalShape.cpp - Constants, shape and data-movement ops -------------===//
//
// Every op here copies elements; the loops walk the result and compute the
// source index from the spec's definition of each result element.
//
//===----------------------------------------------------------------------===//

#include "EvalOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>

namespace axle::reference {
namespace {

void copyElement(Tensor &to, int64_t i, const Tensor &from, int64_t j) {
  to.setBits(i, from.bits(j));
}

std::vector<Tensor> evalConstant(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 0);
  Tensor r(resultType(op));
  auto dense = mlir::dyn_cast_or_null<mlir::DenseElementsAttr>(getAttr(op, "value"));
  if (!dense)
    fail(op, "expects a dense elements 'value' attribute");
  auto type = mlir::cast<mlir::ShapedType>(dense.getType());
  if (type.getNumElements() != r.size())
    fail(op, "value has " + std::to_string(type.getNumElements()) +
                 " elements, the result " + std::to_string(r.size()));
  bool denseIsFloat = mlir::isa<mlir::FloatType>(type.getElementType());
  if (denseIsFloat != isFloat(r.element()) ||
      type.getElementTypeBitWidth() != bitWidth(r.element()))
    fail(op, "value's element type does not match the result");
  int64_t i = 0;
  if (denseIsFloat)
    for (const llvm::APFloat &v : dense.getValues<llvm::APFloat>())
      r.setBits(i++, v.bitcastToAPInt().getZExtValue());
  else
    for (const llvm::APInt &v : dense.getValues<llvm::APInt>())
      r.setInt(i++, v.getZExtValue());
  return {r};
}

std::vector<Tensor> evalIota(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 0);
  Tensor r(resultType(op));
  std::optional<int64_t> dim = i64Attr(op, "iota_dimension");
  if (!dim || *dim < 0 || *dim >= r.rank())
    fail(op, "missing or out-of-range iota_dimension");
  for (int64_t i = 0; i < r.size(); ++i) {
    int64_t v = unravel(i, r.dims())[*dim];
    if (isFloat(r.element()))
      r.setFloat(i, static_cast<double>(v));
    else
      r.setInt(i, static_cast<uint64_t>(v));
  }
  return {r};
}

std::vector<Tensor> evalBroadcastInDim(Interpreter &, mlir::Operation *op,
                                       const Operands &a) {
  expectOperands(op, a, 1);
  Tensor r(resultType(op));
  std::vector<int64_t> dims = i64Array(op, "broadcast_dimensions");
  if (static_cast<int64_t>(dims.size()) != a[0].rank() || r.element() != a[0].element())
    fail(op, "broadcast_dimensions must name one result dim per operand dim");
  for (size_t d = 0; d < dims.size(); ++d)
    if (dims[d] < 0 || dims[d] >= r.rank() ||
        (a[0].dims()[d] != 1 && a[0].dims()[d] != r.dims()[dims[d]]))
      fail(op, "operand dim " + std::to_string(d) + " does not broadcast");
  std::vector<int64_t> source(a[0].rank());
  for (int64_t i = 0; i < r.size(); ++i) {
    std::vector<int64_t> index = unravel(i, r.dims());
    for (size_t d = 0; d < dims.size(); ++d)
      source[d] = a[0].dims()[d] == 1 ? 0 : index[dims[d]];
    copyElement(r, i, a[0], a[0].linear(source));
  }
  return {r};
}

std::vector<Tensor> evalReshape(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 1);
  Tensor r(resultType(op));
  if (r.size() != a[0].size() || r.element() != a[0].element())
    fail(op, "reshape must keep the element count and type");
  r.bytes() = a[0].bytes();
  return {r};
}

std::vector<Tensor> evalTranspose(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 1);
  Tensor r(resultType(op));
  std::vector<int64_t> perm = i64Array(op, "permutation");
  std::vector<int64_t> sorted = perm;
  std::sort(sorted.begin(), sorted.end());
  for (size_t d = 0; d < sorted.size(); ++d)
    if (sorted[d] != static_cast<int64_t>(d))
      fail(op, "permutation is not a permutation");
  if (static_cast<int64_t>(perm.size()) != a[0].rank())
    fail(op, "permutation length differs from the rank");
  for (size_t d = 0; d < perm.size(); ++d)
    if (r.dims()[d] != a[0].dims()[perm[d]])
      fail(op, "result shape does not match the permutation");
  std::vector<int64_t> source(perm.size());
  for (int64_t i = 0; i < r.size(); ++i) {
    std::vector<int64_t> index = unravel(i, r.dims());
    for (size_t d = 0; d < perm.size(); ++d)
      source[perm[d]] = index[d];
    copyElement(r, i, a[0], a[0].linear(source));
  }
  return {r};
}

std::vector<Tensor> evalSlice(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 1);
  Tensor r(resultType(op));
  std::vector<int64_t> start = i64Array(op, "start_indices");
  std::vector<int64_t> limit = i64Array(op, "limit_indices");
  std::vector<int64_t> strides = i64Array(op, "strides");
  size_t rank = a[0].dims().size();
  if (start.size() != rank || limit.size() != rank || strides.size() != rank)
    fail(op, "slice attributes must have one entry per dimension");
  for (size_t d = 0; d < rank; ++d)
    if (start[d] < 0 || limit[d] > a[0].dims()[d] || start[d] > limit[d] ||
        strides[d] <= 0 ||
        r.dims()[d] != (limit[d] - start[d] + strides[d] - 1) / strides[d])
      fail(op, "bad slice bounds in dimension " + std::to_string(d));
  std::vector<int64_t> source(rank);
  for (int64_t i = 0; i < r.size(); ++i) {
    std::vector<int64_t> index = unravel(i, r.dims());
    for (size_t d = 0; d < rank; ++d)
      source[d] = start[d] + index[d] * strides[d];
    copyElement(r, i, a[0], a[0].linear(source));
  }
  return {r};
}

std::vector<Tensor> evalConcatenate(Interpreter &, mlir::Operation *op,
                                    const Operands &a) {
  Tensor r(resultType(op));
  std::optional<int64_t> dim = i64Attr(op, "dimension");
  if (!dim || *dim < 0 || *dim >= r.rank() || a.empty())
    fail(op, "missing or out-of-range dimension");
  int64_t offset = 0;
  for (const Tensor &t : a) {
    if (t.rank() != r.rank() || t.element() != r.element())
      fail(op, "operands must have the result's rank and element type");
    for (int64_t i = 0; i < t.size(); ++i) {
      std::vector<int64_t> index = unravel(i, t.dims());
      index[*dim] += offset;
      copyElement(r, r.linear(index), t, i);
    }
    offset += t.dims()[*dim];
  }
  if (offset != r.dims()[*dim])
    fail(op, "operand sizes do not add up to the result");
  return {r};
}

std::vector<Tensor> evalPad(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 2);
  Tensor r(resultType(op));
  std::vector<int64_t> low = i64Array(op, "edge_padding_low");
  std::vector<int64_t> high = i64Array(op, "edge_padding_high");
  std::vector<int64_t> interior = i64Array(op, "interior_padding");
  size_t rank = a[0].dims().size();
  if (low.size() != rank || high.size() != rank || interior.size() != rank ||
      a[1].rank() != 0 || a[1].element() != r.element())
    fail(op, "bad padding attributes or padding value");
  for (size_t d = 0; d < rank; ++d) {
    int64_t n = a[0].dims()[d];
    if (interior[d] < 0 ||
        r.dims()[d] != low[d] + high[d] + n + std::max<int64_t>(n - 1, 0) * interior[d])
      fail(op, "result shape does not match the padding in dimension " +
                   std::to_string(d));
  }
  for (int64_t i = 0; i < r.size(); ++i)
    copyElement(r, i, a[1], 0);
  for (int64_t i = 0; i < a[0].size(); ++i) {
    std::vector<int64_t> index = unravel(i, a[0].dims());
    bool inside = true;
    for (size_t d = 0; d < rank; ++d) {
      index[d] = low[d] + index[d] * (interior[d] + 1);
      inside = inside && index[d] >= 0 && index[d] < r.dims()[d];
    }
    if (inside) // negative edge padding drops elements
      copyElement(r, r.linear(index), a[0], i);
  }
  return {r};
}

std::vector<Tensor> evalReverse(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 1);
  Tensor r(resultType(op));
  if (r.type() != a[0].type())
    fail(op, "result type must equal the operand type");
  std::vector<int64_t> dims = i64Array(op, "dimensions");
  for (int64_t d : dims)
    if (d < 0 || d >= r.rank())
      fail(op, "dimension out of range");
  for (int64_t i = 0; i < r.size(); ++i) {
    std::vector<int64_t> index = unravel(i, r.dims());
    for (int64_t d : dims)
      index[d] = r.dims()[d] - 1 - index[d];
    copyElement(r, i, a[0], a[0].linear(index));
  }
  return {r};
}

/// Start indices clamped so the window stays inside the operand (spec).
std::vector<int64_t> clampedStarts(mlir::Operation *op, const Operands &a,
                                   size_t first, const std::vector<int64_t> &operand,
                                   const std::vector<int64_t> &window) {
  if (a.size() != first + operand.size())
    fail(op, "expects one rank-0 start index per dimension");
  std::vector<int64_t> starts(operand.size());
  for (size_t d = 0; d < operand.size(); ++d) {
    if (a[first + d].rank() != 0)
      fail(op, "start indices must be rank 0");
    starts[d] = std::clamp<int64_t>(indexValue(a[first + d], 0), 0,
                                    std::max<int64_t>(operand[d] - window[d], 0));
  }
  return starts;
}

std::vector<Tensor> evalDynamicSlice(Interpreter &, mlir::Operation *op,
                                     const Operands &a) {
  if (a.empty())
    fail(op, "expects an operand");
  Tensor r(resultType(op));
  std::vector<int64_t> sizes = i64Array(op, "slice_sizes");
  if (sizes.size() != a[0].dims().size() || sizes != r.dims())
    fail(op, "slice_sizes must equal the result shape");
  for (size_t d = 0; d < sizes.size(); ++d)
    if (sizes[d] < 0 || sizes[d] > a[0].dims()[d])
      fail(op, "slice size exceeds the operand");
  std::vector<int64_t> starts = clampedStarts(op, a, 1, a[0].dims(), sizes);
  for (int64_t i = 0; i < r.size(); ++i) {
    std::vector<int64_t> index = unravel(i, r.dims());
    for (size_t d = 0; d < index.size(); ++d)
      index[d] += starts[d];
    copyElement(r, i, a[0], a[0].linear(index));
  }
  return {r};
}

std::vector<Tensor> evalDynamicUpdateSlice(Interpreter &, mlir::Operation *op,
                                           const Operands &a) {
  if (a.size() < 2)
    fail(op, "expects an operand and an update");
  Tensor r(resultType(op));
  const Tensor &update = a[1];
  if (r.type() != a[0].type() || update.element() != r.element() ||
      update.rank() != r.rank())
    fail(op, "operand, update and result types do not fit");
  for (int64_t d = 0; d < r.rank(); ++d)
    if (update.dims()[d] > r.dims()[d])
      fail(op, "update is larger than the operand");
  std::vector<int64_t> starts = clampedStarts(op, a, 2, r.dims(), update.dims());
  r.bytes() = a[0].bytes();
  for (int64_t i = 0; i < update.size(); ++i) {
    std::vector<int64_t> index = unravel(i, update.dims());
    for (size_t d = 0; d < index.size(); ++d)
      index[d] += starts[d];
    copyElement(r, r.linear(index), update, i);
  }
  return {r};
}

std::vector<Tensor> evalIdentity(Interpreter &, mlir::Operation *op, const Operands &a) {
  return a; // optimization_barrier: values pass through unchanged
}

} // namespace

void addShapeOps(OpTable &table) {
  table["stablehlo.constant"] = evalConstant;
  table["stablehlo.iota"] = evalIota;
  table["stablehlo.broadcast_in_dim"] = evalBroadcastInDim;
  table["stablehlo.reshape"] = evalReshape;
  table["stablehlo.transpose"] = evalTranspose;
  table["stablehlo.slice"] = evalSlice;
  table["stablehlo.concatenate"] = evalConcatenate;
  table["stablehlo.pad"] = evalPad;
  table["stablehlo.reverse"] = evalReverse;
  table["stablehlo.dynamic_slice"] = evalDynamicSlice;
  table["stablehlo.dynamic_update_slice"] = evalDynamicUpdateSlice;
  table["stablehlo.optimization_barrier"] = evalIdentity;
}

} // namespace axle::reference
