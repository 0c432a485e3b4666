//===- EvalIndexing.cpp - gather, scatter, cholesky, triangular_solve -----===//
//
// gather and scatter follow the spec's index formulas literally, one result
// (or update) element at a time; scatter applies its update region in
// row-major order of the updates and skips an element whose target is out
// of bounds (the spec leaves that case implementation-defined). The linear
// algebra ops compute in double and round once: cholesky leaves zeros in
// the triangle it does not define, as the compiler documents.
//
//===----------------------------------------------------------------------===//

#include "EvalOps.h"

#include <algorithm>
#include <cmath>

namespace axle::reference {
namespace {

bool contains(const std::vector<int64_t> &v, int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

/// The index vector of `indices` at batch position `batch` (the indices'
/// dimensions other than index_vector_dim, in order).
std::vector<int64_t> indexVector(const Tensor &indices, const std::vector<int64_t> &batch,
                                 int64_t vectorDim) {
  std::vector<int64_t> at;
  size_t b = 0;
  for (int64_t d = 0; d < indices.rank(); ++d)
    at.push_back(d == vectorDim ? 0 : batch.at(b++));
  if (vectorDim == indices.rank())
    return {indexValue(indices, indices.linear(at))};
  std::vector<int64_t> v;
  for (int64_t i = 0; i < indices.dims()[vectorDim]; ++i) {
    at[vectorDim] = i;
    v.push_back(indexValue(indices, indices.linear(at)));
  }
  return v;
}

std::vector<Tensor> evalGather(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 2);
  std::string text = attrText(getAttr(op, "dimension_numbers"));
  std::vector<int64_t> offsetDims = opaqueList(text, "offset_dims");
  std::vector<int64_t> collapsed = opaqueList(text, "collapsed_slice_dims");
  std::vector<int64_t> startMap = opaqueList(text, "start_index_map");
  std::optional<int64_t> vectorDim = opaqueInt(text, "index_vector_dim");
  std::vector<int64_t> sizes = i64Array(op, "slice_sizes");
  if (!opaqueList(text, "operand_batching_dims").empty())
    fail(op, "batching dimensions are not implemented");
  const Tensor &operand = a[0], &indices = a[1];
  if (!vectorDim || static_cast<int64_t>(sizes.size()) != operand.rank())
    fail(op, "malformed dimension numbers");
  Tensor r(resultType(op));
  std::vector<int64_t> batchDims;
  for (int64_t d = 0; d < r.rank(); ++d)
    if (!contains(offsetDims, d))
      batchDims.push_back(d);
  for (int64_t i = 0; i < r.size(); ++i) {
    std::vector<int64_t> ri = unravel(i, r.dims()), batch, offset;
    for (int64_t d : batchDims)
      batch.push_back(ri[d]);
    for (int64_t d : offsetDims)
      offset.push_back(ri.at(d));
    std::vector<int64_t> start = indexVector(indices, batch, *vectorDim);
    if (start.size() != startMap.size())
      fail(op, "start_index_map does not match the index vector");
    std::vector<int64_t> full(operand.rank(), 0);
    for (size_t k = 0; k < startMap.size(); ++k) {
      int64_t d = startMap[k];
      full.at(d) = std::clamp<int64_t>(start[k], 0, operand.dims()[d] - sizes[d]);
    }
    for (int64_t d = 0, o = 0; d < operand.rank(); ++d)
      if (!contains(collapsed, d))
        full[d] += offset.at(o++);
    r.setBits(i, operand.bits(operand.linear(full)));
  }
  return {r};
}

std::vector<Tensor> evalScatter(Interpreter &in, mlir::Operation *op, const Operands &a) {
  if (a.size() < 3 || a.size() % 2 == 0)
    fail(op, "expects N inputs, the indices and N updates");
  size_t n = (a.size() - 1) / 2;
  std::string text = attrText(getAttr(op, "scatter_dimension_numbers"));
  std::vector<int64_t> windowDims = opaqueList(text, "update_window_dims");
  std::vector<int64_t> inserted = opaqueList(text, "inserted_window_dims");
  std::vector<int64_t> toOperand = opaqueList(text, "scatter_dims_to_operand_dims");
  std::optional<int64_t> vectorDim = opaqueInt(text, "index_vector_dim");
  if (!opaqueList(text, "input_batching_dims").empty() || !vectorDim)
    fail(op, "malformed or batched dimension numbers");
  if (op->getNumRegions() != 1)
    fail(op, "expects an update region");
  std::vector<Tensor> results(a.begin(), a.begin() + n);
  const Tensor &indices = a[n];
  const Tensor &updates = a[n + 1];
  for (int64_t u = 0; u < updates.size(); ++u) {
    std::vector<int64_t> ui = unravel(u, updates.dims()), batch, window;
    for (int64_t d = 0; d < updates.rank(); ++d)
      (contains(windowDims, d) ? window : batch).push_back(ui[d]);
    std::vector<int64_t> start = indexVector(indices, batch, *vectorDim);
    if (start.size() != toOperand.size())
      fail(op, "scatter_dims_to_operand_dims does not match the index vector");
    std::vector<int64_t> target(results[0].rank(), 0);
    for (size_t k = 0; k < toOperand.size(); ++k)
      target.at(toOperand[k]) = start[k];
    bool inBounds = true;
    for (int64_t d = 0, w = 0; d < results[0].rank(); ++d) {
      if (!contains(inserted, d))
        target[d] += window.at(w++);
      inBounds = inBounds && target[d] >= 0 && target[d] < results[0].dims()[d];
    }
    if (!inBounds)
      continue;
    int64_t at = results[0].linear(target);
    std::vector<Tensor> args;
    for (size_t k = 0; k < n; ++k) {
      Tensor s(TensorType{results[k].element(), {}});
      s.setBits(0, results[k].bits(at));
      args.push_back(s);
    }
    for (size_t k = 0; k < n; ++k) {
      Tensor s(TensorType{a[n + 1 + k].element(), {}});
      s.setBits(0, a[n + 1 + k].bits(u));
      args.push_back(s);
    }
    std::vector<Tensor> out = in.runRegion(op->getRegion(0), args);
    if (out.size() != n)
      fail(op, "update region returns the wrong number of values");
    for (size_t k = 0; k < n; ++k)
      results[k].setBits(at, out[k].bits(0));
  }
  return results;
}

bool boolAttr(mlir::Operation *op, llvm::StringRef name) {
  return attrText(getAttr(op, name)) == "true";
}

std::vector<Tensor> evalCholesky(Interpreter &, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 1);
  const Tensor &x = a[0];
  if (x.rank() < 2 || x.dims()[x.rank() - 1] != x.dims()[x.rank() - 2] || !isFloat(x.element()))
    fail(op, "expects float square matrices");
  bool lower = boolAttr(op, "lower");
  int64_t n = x.dims().back();
  Tensor r(x.type());
  for (int64_t base = 0; base < x.size(); base += n * n) {
    // Reads only the named triangle: a(i, j) for j <= i.
    auto at = [&](int64_t i, int64_t j) {
      return x.getFloat(base + (lower ? i * n + j : j * n + i));
    };
    std::vector<double> l(static_cast<size_t>(n * n), 0.0);
    for (int64_t j = 0; j < n; ++j) {
      double s = at(j, j);
      for (int64_t k = 0; k < j; ++k)
        s -= l[j * n + k] * l[j * n + k];
      l[j * n + j] = std::sqrt(s);
      for (int64_t i = j + 1; i < n; ++i) {
        double t = at(i, j);
        for (int64_t k = 0; k < j; ++k)
          t -= l[i * n + k] * l[j * n + k];
        l[i * n + j] = t / l[j * n + j];
      }
    }
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j)
        r.setFloat(base + i * n + j, lower ? l[i * n + j] : l[j * n + i]);
  }
  return {r};
}

std::vector<Tensor> evalTriangularSolve(Interpreter &, mlir::Operation *op,
                                        const Operands &a) {
  expectOperands(op, a, 2);
  const Tensor &m = a[0], &b = a[1];
  if (m.rank() < 2 || m.rank() != b.rank() || !isFloat(m.element()))
    fail(op, "expects float matrices of one rank");
  bool left = boolAttr(op, "left_side"), lower = boolAttr(op, "lower");
  bool unit = boolAttr(op, "unit_diagonal");
  std::string transpose = enumWord(op, "transpose_a");
  bool t = transpose == "TRANSPOSE" || transpose == "ADJOINT";
  int64_t n = m.dims().back(), rows = b.dims()[b.rank() - 2], cols = b.dims().back();
  if ((left ? rows : cols) != n)
    fail(op, "a and b do not agree");
  Tensor r(b.type());
  for (int64_t batch = 0; batch * n * n < m.size(); ++batch) {
    // op(a) as a dense matrix; the triangle not named reads as zero.
    std::vector<double> opA(static_cast<size_t>(n * n), 0.0);
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        if (lower ? j > i : j < i)
          continue;
        double v = i == j && unit ? 1.0 : m.getFloat(batch * n * n + i * n + j);
        opA[t ? j * n + i : i * n + j] = v;
      }
    bool opLower = lower != t;
    // Left: opA x = b per column; right: x opA = b, i.e. opA^T x^T = b^T
    // per row, where opA^T is lower when opA is upper.
    bool solveLower = left ? opLower : !opLower;
    auto coef = [&](int64_t i, int64_t k) { return left ? opA[i * n + k] : opA[k * n + i]; };
    int64_t systems = left ? cols : rows;
    for (int64_t s = 0; s < systems; ++s) {
      auto bIndex = [&](int64_t i) {
        return batch * rows * cols + (left ? i * cols + s : s * cols + i);
      };
      std::vector<double> x(static_cast<size_t>(n), 0.0);
      for (int64_t step = 0; step < n; ++step) {
        int64_t i = solveLower ? step : n - 1 - step;
        double sum = b.getFloat(bIndex(i));
        for (int64_t k = 0; k < n; ++k)
          if (k != i && (solveLower ? k < i : k > i))
            sum -= coef(i, k) * x[k];
        x[i] = sum / coef(i, i);
      }
      for (int64_t i = 0; i < n; ++i)
        r.setFloat(bIndex(i), x[i]);
    }
  }
  return {r};
}

} // namespace

void addIndexingOps(OpTable &table) {
  table["stablehlo.gather"] = evalGather;
  table["stablehlo.scatter"] = evalScatter;
  table["stablehlo.cholesky"] = evalCholesky;
  table["stablehlo.triangular_solve"] = evalTriangularSolve;
}

} // namespace axle::reference
