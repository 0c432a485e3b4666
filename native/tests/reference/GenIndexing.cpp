//===- GenIndexing.cpp - Generators of gather, scatter and linear algebra -===//
//
// gather reads clamped windows, so its indices are random. scatter's
// indices are drawn in bounds (the spec leaves out-of-bounds updates
// implementation-defined) and its updates combine by commutative exact ops
// on small values, so duplicate indices give one defined result.
// cholesky and triangular_solve get matrices built from small integers with
// power-of-two diagonals: every intermediate of any textbook algorithm
// (including reciprocals of the diagonal) is exact, so results compare
// exactly.
//
//===----------------------------------------------------------------------===//

#include "GenCommon.h"

#include <algorithm>

namespace axle::reference::gen {
namespace {

/// The dimension numbers of a gather or scatter with indices [N, k]
/// (index_vector_dim 1): k operand dims addressed, some of them collapsed
/// (window size 1), the batch dimension N at `batchAt` among the result's
/// (or updates') dimensions.
struct IndexingShape {
  std::vector<int64_t> startMap, collapsed, window, offsetDims, sliced;
  int64_t count = 0;
};

IndexingShape drawIndexing(Gen &g, const TensorType &operand) {
  IndexingShape s;
  size_t rank = operand.dims.size();
  std::vector<int64_t> order = permutation(g, rank);
  s.startMap.assign(order.begin(), order.begin() + g.uniform(1, static_cast<int64_t>(rank)));
  for (size_t d = 0; d < rank; ++d) {
    int64_t size = operand.dims[d];
    bool addressed = std::find(s.startMap.begin(), s.startMap.end(),
                               static_cast<int64_t>(d)) != s.startMap.end();
    if (addressed && size >= 1 && g.chance(0.5)) {
      s.collapsed.push_back(static_cast<int64_t>(d));
      s.window.push_back(1);
    } else {
      s.window.push_back(g.uniform(std::min<int64_t>(1, size), size));
    }
  }
  s.count = g.uniform(0, 3);
  std::vector<int64_t> windowDims;
  for (size_t d = 0; d < rank; ++d)
    if (std::find(s.collapsed.begin(), s.collapsed.end(),
                  static_cast<int64_t>(d)) == s.collapsed.end())
      windowDims.push_back(s.window[d]);
  int64_t batchAt = g.uniform(0, static_cast<int64_t>(windowDims.size()));
  for (int64_t i = 0, w = 0; i <= static_cast<int64_t>(windowDims.size()); ++i) {
    if (i == batchAt) {
      s.sliced.push_back(s.count);
    } else {
      s.offsetDims.push_back(i);
      s.sliced.push_back(windowDims[w++]);
    }
  }
  return s;
}

std::string keyList(const std::string &key, const std::vector<int64_t> &v) {
  return v.empty() ? "" : key + " = " + list(v) + ", ";
}

Val operandOfRankAtLeast1(Gen &g, ET t, bool small) {
  return g.operand(
      [&](const TensorType &x) { return x.element == t && !x.dims.empty(); },
      [&] {
        std::vector<int64_t> dims = g.randomDims();
        if (dims.empty())
          dims.push_back(g.uniform(1, 4));
        return TensorType{t, dims};
      },
      small);
}

bool genGather(Gen &g, const std::string &) {
  Val x = operandOfRankAtLeast1(g, g.randomType(F | S | U | B), false);
  IndexingShape s = drawIndexing(g, x.type);
  ET indexType = g.pick(std::vector<ET>{ET::S32, ET::S64, ET::U32});
  Val indices = g.ofType(
      TensorType{indexType, {s.count, static_cast<int64_t>(s.startMap.size())}});
  g.emit("gather", {x, indices},
         "dimension_numbers = #stablehlo.gather<" + keyList("offset_dims", s.offsetDims) +
             keyList("collapsed_slice_dims", s.collapsed) +
             keyList("start_index_map", s.startMap) +
             "index_vector_dim = 1>, slice_sizes = " + i64s(s.window) +
             ", indices_are_sorted = false",
         {TensorType{x.type.element, s.sliced}});
  return true;
}

bool genScatter(Gen &g, const std::string &) {
  ET t = g.randomType(F | S | U | B);
  Val x = operandOfRankAtLeast1(g, t, true);
  IndexingShape s = drawIndexing(g, x.type);
  int64_t k = static_cast<int64_t>(s.startMap.size());
  Tensor indices(TensorType{g.chance(0.5) ? ET::S32 : ET::S64, {s.count, k}});
  for (int64_t n = 0; n < s.count; ++n)
    for (int64_t j = 0; j < k; ++j) {
      int64_t d = s.startMap[j];
      indices.setInt(n * k + j, static_cast<uint64_t>(
                                    g.uniform(0, x.type.dims[d] - s.window[d])));
    }
  Val idx = g.fixedParam(indices);
  Val updates = g.ofType(TensorType{t, s.sliced}, true);
  std::string op = isBool(t) ? g.pick(std::vector<std::string>{"and", "or"})
                             : g.pick(std::vector<std::string>{"add", "maximum", "minimum"});
  g.emit("scatter", {x, idx, updates},
         "scatter_dimension_numbers = #stablehlo.scatter<" +
             keyList("update_window_dims", s.offsetDims) +
             keyList("inserted_window_dims", s.collapsed) +
             keyList("scatter_dims_to_operand_dims", s.startMap) +
             "index_vector_dim = 1>, indices_are_sorted = false, unique_indices = false",
         {x.type}, scalarBody(op, t));
  return true;
}

/// Batch dimensions (0-2 of them) followed by an n x n matrix.
std::vector<int64_t> matrixDims(Gen &g, int64_t n) {
  std::vector<int64_t> dims;
  for (int64_t b = g.uniform(0, 2); b > 0; --b)
    dims.push_back(g.uniform(1, 2));
  dims.push_back(n);
  dims.push_back(n);
  return dims;
}

/// A small integer, or a power of two for a diagonal.
double smallEntry(Gen &g, bool diagonal) {
  if (diagonal)
    return g.pick(std::vector<double>{1, 2, 4, -1, -2}) ;
  return static_cast<double>(g.uniform(-2, 2));
}

bool genCholesky(Gen &g, const std::string &) {
  ET t = g.pick(std::vector<ET>{ET::F32, ET::F64, ET::F16, ET::BF16});
  int64_t n = g.uniform(1, 3);
  Tensor a(TensorType{t, matrixDims(g, n)});
  for (int64_t base = 0; base < a.size(); base += n * n) {
    std::vector<double> l(static_cast<size_t>(n * n), 0.0);
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j <= i; ++j)
        l[i * n + j] = i == j ? std::abs(smallEntry(g, true)) : smallEntry(g, false);
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double sum = 0;
        for (int64_t k = 0; k < n; ++k)
          sum += l[i * n + k] * l[j * n + k];
        a.setFloat(base + i * n + j, sum);
      }
  }
  Val x = g.fixedParam(a);
  g.emit("cholesky", {x}, std::string("lower = ") + (g.chance(0.5) ? "true" : "false"),
         {x.type});
  return true;
}

bool genTriangularSolve(Gen &g, const std::string &) {
  ET t = g.pick(std::vector<ET>{ET::F32, ET::F64, ET::F16, ET::BF16});
  int64_t n = g.uniform(1, 3), m = g.uniform(1, 3);
  bool left = g.chance(0.5), lower = g.chance(0.5), unit = g.chance(0.3);
  std::string transpose = g.pick(std::vector<std::string>{"NO_TRANSPOSE", "TRANSPOSE", "ADJOINT"});
  std::vector<int64_t> aDims = matrixDims(g, n);
  std::vector<int64_t> bDims(aDims.begin(), aDims.end() - 2);
  bDims.push_back(left ? n : m);
  bDims.push_back(left ? m : n);
  Tensor a(TensorType{t, aDims}), b(TensorType{t, bDims});
  int64_t batches = a.size() / (n * n);
  for (int64_t batch = 0; batch < batches; ++batch) {
    // The triangle the op reads; the other one holds noise it must ignore.
    std::vector<double> tri(static_cast<size_t>(n * n), 0.0);
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        bool inside = lower ? j <= i : j >= i;
        double v = i == j ? (unit ? 1.0 : smallEntry(g, true)) : smallEntry(g, false);
        a.setFloat(batch * n * n + i * n + j, v);
        tri[i * n + j] = inside ? v : 0.0;
      }
    auto op = [&](int64_t i, int64_t j) {
      return transpose == "NO_TRANSPOSE" ? tri[i * n + j] : tri[j * n + i];
    };
    int64_t rows = left ? n : m, cols = left ? m : n;
    std::vector<double> x(static_cast<size_t>(rows * cols));
    for (double &v : x)
      v = static_cast<double>(g.uniform(-3, 3));
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) {
        double sum = 0;
        for (int64_t k = 0; k < n; ++k)
          sum += left ? op(i, k) * x[k * cols + j] : x[i * cols + k] * op(k, j);
        b.setFloat(batch * rows * cols + i * cols + j, sum);
      }
  }
  Val av = g.fixedParam(a), bv = g.fixedParam(b);
  g.emit("triangular_solve", {av, bv},
         std::string("left_side = ") + (left ? "true" : "false") +
             ", lower = " + (lower ? "true" : "false") +
             ", unit_diagonal = " + (unit ? "true" : "false") +
             ", transpose_a = " + enumAttr("transpose", transpose),
         {b.type()});
  return true;
}

} // namespace

void addIndexingGenerators(GenTable &t) {
  t["gather"] = genGather;
  t["scatter"] = genScatter;
  t["cholesky"] = genCholesky;
  t["triangular_solve"] = genTriangularSolve;
}

} // namespace axle::reference::gen
