//===- EvalReduce.cpp - Reductions, contractions and sort -----------------===//
//
// Region bodies (reduce, reduce_window, sort comparators) are interpreted on
// rank-0 tensors, one call per step, in row-major order of the reduced
// elements: acc = body(acc, x). dot_general accumulates floats in double and
// rounds once at the end, and integers with wrapping at the result width.
//
//===----------------------------------------------------------------------===//

#include "EvalOps.h"

#include <algorithm>

namespace axle::reference {
namespace {

Tensor scalarOf(const Tensor &t, int64_t i) {
  Tensor s(TensorType{t.element(), {}});
  s.setBits(0, t.bits(i));
  return s;
}

mlir::Region &onlyRegion(mlir::Operation *op, unsigned index = 0) {
  if (op->getNumRegions() <= index)
    fail(op, "expects a region");
  return op->getRegion(index);
}

std::vector<Tensor> evalReduce(Interpreter &in, mlir::Operation *op, const Operands &a) {
  if (a.empty() || a.size() % 2)
    fail(op, "expects N inputs followed by N init values");
  size_t n = a.size() / 2;
  std::vector<int64_t> dims = i64Array(op, "dimensions");
  const std::vector<int64_t> &shape = a[0].dims();
  std::vector<bool> reduced(shape.size(), false);
  for (int64_t d : dims) {
    if (d < 0 || d >= static_cast<int64_t>(shape.size()) || reduced[d])
      fail(op, "bad reduce dimension " + std::to_string(d));
    reduced[d] = true;
  }
  std::vector<int64_t> kept, reducedShape;
  for (size_t d = 0; d < shape.size(); ++d)
    (reduced[d] ? reducedShape : kept).push_back(shape[d]);
  std::vector<Tensor> results;
  for (size_t k = 0; k < n; ++k) {
    if (a[k].dims() != shape || a[n + k].rank() != 0 ||
        a[n + k].element() != a[k].element())
      fail(op, "inputs must share a shape; inits must be rank-0 of their type");
    results.emplace_back(resultType(op, k));
    if (results[k].dims() != kept)
      fail(op, "result shape must be the kept dimensions");
  }
  mlir::Region &body = onlyRegion(op);
  int64_t steps = TensorType{ElementType::I1, reducedShape}.numElements();
  for (int64_t out = 0; out < results[0].size(); ++out) {
    std::vector<int64_t> keptIndex = unravel(out, kept);
    std::vector<Tensor> acc;
    for (size_t k = 0; k < n; ++k)
      acc.push_back(a[n + k]);
    for (int64_t s = 0; s < steps; ++s) {
      std::vector<int64_t> reducedIndex = unravel(s, reducedShape);
      std::vector<int64_t> index(shape.size());
      for (size_t d = 0, kd = 0, rd = 0; d < shape.size(); ++d)
        index[d] = reduced[d] ? reducedIndex[rd++] : keptIndex[kd++];
      int64_t source = a[0].linear(index);
      std::vector<Tensor> args = acc;
      for (size_t k = 0; k < n; ++k)
        args.push_back(scalarOf(a[k], source));
      acc = in.runRegion(body, args);
      if (acc.size() != n)
        fail(op, "body must return one value per input");
    }
    for (size_t k = 0; k < n; ++k) {
      if (acc[k].type() != a[n + k].type())
        fail(op, "body returned a value of the wrong type");
      results[k].setBits(out, acc[k].bits(0));
    }
  }
  return results;
}

std::vector<Tensor> evalReduceWindow(Interpreter &in, mlir::Operation *op,
                                     const Operands &a) {
  if (a.empty() || a.size() % 2)
    fail(op, "expects N inputs followed by N init values");
  size_t n = a.size() / 2;
  const std::vector<int64_t> &shape = a[0].dims();
  size_t rank = shape.size();
  std::vector<int64_t> window = i64Array(op, "window_dimensions");
  auto orOnes = [&](const char *name) {
    std::vector<int64_t> v = i64Array(op, name, false);
    return v.empty() ? std::vector<int64_t>(rank, 1) : v;
  };
  std::vector<int64_t> strides = orOnes("window_strides");
  std::vector<int64_t> baseDil = orOnes("base_dilations");
  std::vector<int64_t> winDil = orOnes("window_dilations");
  std::vector<int64_t> padding = i64Array(op, "padding", false);
  if (padding.empty())
    padding.assign(2 * rank, 0);
  if (window.size() != rank || strides.size() != rank || baseDil.size() != rank ||
      winDil.size() != rank || padding.size() != 2 * rank)
    fail(op, "window attributes must have one entry per dimension");
  std::vector<Tensor> results;
  for (size_t k = 0; k < n; ++k) {
    if (a[k].dims() != shape || a[n + k].rank() != 0)
      fail(op, "inputs must share a shape; inits must be rank 0");
    results.emplace_back(resultType(op, k));
  }
  mlir::Region &body = onlyRegion(op);
  int64_t steps = TensorType{ElementType::I1, window}.numElements();
  for (int64_t out = 0; out < results[0].size(); ++out) {
    std::vector<int64_t> outIndex = unravel(out, results[0].dims());
    std::vector<Tensor> acc(a.begin() + n, a.end());
    for (int64_t s = 0; s < steps; ++s) {
      std::vector<int64_t> w = unravel(s, window);
      std::vector<int64_t> source(rank);
      bool inBase = true;
      for (size_t d = 0; d < rank; ++d) {
        int64_t p = outIndex[d] * strides[d] + w[d] * winDil[d] - padding[2 * d];
        int64_t dilated = shape[d] == 0 ? 0 : (shape[d] - 1) * baseDil[d] + 1;
        inBase = inBase && p >= 0 && p < dilated && p % baseDil[d] == 0;
        source[d] = inBase ? p / baseDil[d] : 0;
      }
      std::vector<Tensor> args = acc;
      for (size_t k = 0; k < n; ++k)
        args.push_back(inBase ? scalarOf(a[k], a[k].linear(source)) : a[n + k]);
      acc = in.runRegion(body, args);
      if (acc.size() != n)
        fail(op, "body must return one value per input");
    }
    for (size_t k = 0; k < n; ++k)
      results[k].setBits(out, acc[k].bits(0));
  }
  return results;
}

/// Contraction of lhs and rhs with batch and contracting dimensions; result
/// dims are batch, lhs free, rhs free (spec order).
std::vector<Tensor> dot(mlir::Operation *op, const Tensor &lhs, const Tensor &rhs,
                        std::vector<int64_t> lb, std::vector<int64_t> rb,
                        std::vector<int64_t> lc, std::vector<int64_t> rc) {
  Tensor r(resultType(op));
  if (lb.size() != rb.size() || lc.size() != rc.size())
    fail(op, "batching and contracting dimension lists must pair up");
  auto isIn = [](const std::vector<int64_t> &v, int64_t d) {
    return std::find(v.begin(), v.end(), d) != v.end();
  };
  for (size_t i = 0; i < lb.size(); ++i)
    if (lb[i] < 0 || lb[i] >= lhs.rank() || rb[i] < 0 || rb[i] >= rhs.rank() ||
        lhs.dims()[lb[i]] != rhs.dims()[rb[i]])
      fail(op, "bad batching dimensions");
  for (size_t i = 0; i < lc.size(); ++i)
    if (lc[i] < 0 || lc[i] >= lhs.rank() || rc[i] < 0 || rc[i] >= rhs.rank() ||
        lhs.dims()[lc[i]] != rhs.dims()[rc[i]])
      fail(op, "bad contracting dimensions");
  std::vector<int64_t> lf, rf, shape, kShape;
  for (int64_t d : lb)
    shape.push_back(lhs.dims()[d]);
  for (int64_t d = 0; d < lhs.rank(); ++d)
    if (!isIn(lb, d) && !isIn(lc, d)) {
      lf.push_back(d);
      shape.push_back(lhs.dims()[d]);
    }
  for (int64_t d = 0; d < rhs.rank(); ++d)
    if (!isIn(rb, d) && !isIn(rc, d)) {
      rf.push_back(d);
      shape.push_back(rhs.dims()[d]);
    }
  for (int64_t d : lc)
    kShape.push_back(lhs.dims()[d]);
  if (shape != r.dims())
    fail(op, "result shape does not match the dimension numbers");
  bool floats = isFloat(r.element());
  if (isFloat(lhs.element()) != floats || isFloat(rhs.element()) != floats)
    fail(op, "mixed float/integer contraction is not implemented");
  int64_t steps = TensorType{ElementType::I1, kShape}.numElements();
  std::vector<int64_t> li(lhs.rank()), ri(rhs.rank());
  for (int64_t out = 0; out < r.size(); ++out) {
    std::vector<int64_t> index = unravel(out, shape);
    size_t p = 0;
    for (size_t i = 0; i < lb.size(); ++i, ++p)
      li[lb[i]] = ri[rb[i]] = index[p];
    for (int64_t d : lf)
      li[d] = index[p++];
    for (int64_t d : rf)
      ri[d] = index[p++];
    double fsum = 0;
    uint64_t isum = 0;
    for (int64_t s = 0; s < steps; ++s) {
      std::vector<int64_t> k = unravel(s, kShape);
      for (size_t i = 0; i < lc.size(); ++i) {
        li[lc[i]] = k[i];
        ri[rc[i]] = k[i];
      }
      int64_t x = lhs.linear(li), y = rhs.linear(ri);
      if (floats)
        fsum += lhs.getFloat(x) * rhs.getFloat(y);
      else if (isBool(r.element()))
        isum |= lhs.getUInt(x) & rhs.getUInt(y);
      else
        isum += lhs.getUInt(x) * rhs.getUInt(y);
    }
    if (floats)
      r.setFloat(out, fsum);
    else
      r.setInt(out, isum);
  }
  return {r};
}

std::vector<Tensor> evalDotGeneral(Interpreter &, mlir::Operation *op,
                                   const Operands &a) {
  expectOperands(op, a, 2);
  std::string t = attrText(getAttr(op, "dot_dimension_numbers"));
  if (t.empty())
    fail(op, "missing dot_dimension_numbers");
  return dot(op, a[0], a[1], opaqueList(t, "lhs_batching_dimensions"),
             opaqueList(t, "rhs_batching_dimensions"),
             opaqueList(t, "lhs_contracting_dimensions"),
             opaqueList(t, "rhs_contracting_dimensions"));
}

std::vector<Tensor> evalDot(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 2);
  if (a[0].rank() < 1 || a[0].rank() > 2 || a[1].rank() < 1 || a[1].rank() > 2)
    fail(op, "operands must have rank 1 or 2");
  return dot(op, a[0], a[1], {}, {}, {a[0].rank() - 1}, {0});
}

std::vector<Tensor> evalSort(Interpreter &in, mlir::Operation *op, const Operands &a) {
  if (a.empty())
    fail(op, "expects at least one operand");
  const std::vector<int64_t> &shape = a[0].dims();
  int64_t dim = i64Attr(op, "dimension").value_or(-1);
  if (dim < 0)
    dim += static_cast<int64_t>(shape.size());
  if (dim < 0 || dim >= static_cast<int64_t>(shape.size()))
    fail(op, "dimension out of range");
  for (const Tensor &t : a)
    if (t.dims() != shape)
      fail(op, "operands must share a shape");
  mlir::Region &comparator = onlyRegion(op);
  std::vector<Tensor> results = a;
  int64_t length = shape[dim], stride = stridesOf(shape)[dim];
  auto less = [&](int64_t x, int64_t y) {
    std::vector<Tensor> args;
    for (const Tensor &t : a) {
      args.push_back(scalarOf(t, x));
      args.push_back(scalarOf(t, y));
    }
    std::vector<Tensor> r = in.runRegion(comparator, args);
    if (r.size() != 1 || r[0].element() != ElementType::I1 || r[0].rank() != 0)
      fail(op, "comparator must return one i1 scalar");
    return r[0].getInt(0) != 0;
  };
  int64_t total = a[0].size();
  for (int64_t base = 0; base < total; ++base) {
    if (unravel(base, shape)[dim] != 0)
      continue;
    // Stable insertion sort: well defined even for a comparator that is not
    // a strict weak order, where std::sort would be undefined.
    std::vector<int64_t> order;
    for (int64_t i = 0; i < length; ++i) {
      int64_t x = base + i * stride;
      size_t j = order.size();
      while (j > 0 && less(x, order[j - 1]))
        --j;
      order.insert(order.begin() + j, x);
    }
    for (size_t k = 0; k < a.size(); ++k)
      for (int64_t i = 0; i < length; ++i)
        results[k].setBits(base + i * stride, a[k].bits(order[i]));
  }
  return results;
}

} // namespace

void addReduceOps(OpTable &table) {
  table["stablehlo.reduce"] = evalReduce;
  table["stablehlo.reduce_window"] = evalReduceWindow;
  table["stablehlo.dot_general"] = evalDotGeneral;
  table["stablehlo.dot"] = evalDot;
  table["stablehlo.sort"] = evalSort;
}

} // namespace axle::reference
