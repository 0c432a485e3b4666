//===- RuntimeDot.cpp - dot_general on f32/f64 through BLAS ---------------===//
//
// Large f32/f64 contractions call `axle_dot_f32/f64` (see BlasContraction.cpp)
// with their operands as unranked memrefs and the dimension numbers packed
// into four words. Here each operand's dimensions are grouped into batch,
// free and contracting; a group collapses to one stride when its dimensions
// are nested in memory, and an operand whose groups do not fit BLAS's
// (unit stride, leading dimension) form is first packed into a dense copy.
// Every batch entry is then one gemm (or gemv when a side is a vector).
//
//===----------------------------------------------------------------------===//

#include "RuntimeDot.h"

#include <cblas.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace axle {
namespace {

struct Descriptor {
  int64_t rank;
  void **fields; // {allocated, aligned, offset, sizes[rank], strides[rank]}
  template <typename T> T *base() const {
    return static_cast<T *>(fields[1]) + offset();
  }
  int64_t offset() const { return reinterpret_cast<int64_t *>(fields)[2]; }
  int64_t size(int64_t d) const {
    return reinterpret_cast<int64_t *>(fields)[3 + d];
  }
  int64_t stride(int64_t d) const {
    return reinterpret_cast<int64_t *>(fields)[3 + rank + d];
  }
};

/// A 4-bit packed list: count in the low nibble, then one nibble per entry.
std::vector<int64_t> unpack(int64_t word) {
  std::vector<int64_t> list(word & 15);
  for (size_t i = 0; i < list.size(); ++i)
    list[i] = (word >> (4 * (i + 1))) & 15;
  return list;
}

struct Group {
  int64_t size = 1;
  int64_t stride = 0; // Meaningless when size <= 1.
  bool collapsible = true;
};

Group collapse(const Descriptor &m, const std::vector<int64_t> &dims) {
  Group g;
  int64_t innerStride = 0, innerSize = 0;
  for (size_t i = dims.size(); i-- > 0;) {
    int64_t d = dims[i], size = m.size(d);
    g.size *= size;
    if (size == 1)
      continue;
    if (innerSize == 0)
      g.stride = m.stride(d);
    else if (m.stride(d) != innerStride * innerSize)
      g.collapsible = false;
    innerStride = m.stride(d);
    innerSize = size;
  }
  return g;
}

/// One operand viewed as `batch` matrices of rows × cols.
struct MatrixView {
  std::vector<int64_t> batchDims, rowDims, colDims;
};

/// Calls `f(offset)` for every index of `dims`, with the element offset.
template <typename F>
void forEachIndex(const Descriptor &m, const std::vector<int64_t> &dims, F f) {
  std::vector<int64_t> index(dims.size(), 0);
  for (int64_t d : dims)
    if (m.size(d) == 0)
      return;
  while (true) {
    int64_t offset = 0;
    for (size_t i = 0; i < dims.size(); ++i)
      offset += index[i] * m.stride(dims[i]);
    f(offset);
    size_t axis = dims.size();
    while (axis > 0 && ++index[axis - 1] == m.size(dims[axis - 1]))
      index[--axis] = 0;
    if (axis == 0)
      return;
  }
}

template <typename T> struct Blas;
template <> struct Blas<float> {
  static void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n,
                   int64_t k, const float *a, int64_t lda, const float *b,
                   int64_t ldb, float *c, int64_t ldc) {
    cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c,
                ldc);
  }
  static void gemvCall(CBLAS_TRANSPOSE t, int64_t rows, int64_t cols,
                       const float *a, int64_t lda, const float *x,
                       int64_t incx, float *y) {
    cblas_sgemv(CblasRowMajor, t, rows, cols, 1.0f, a, lda, x, incx, 0.0f, y,
                1);
  }
};
template <> struct Blas<double> {
  static void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n,
                   int64_t k, const double *a, int64_t lda, const double *b,
                   int64_t ldb, double *c, int64_t ldc) {
    cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, a, lda, b, ldb, 0.0, c,
                ldc);
  }
  static void gemvCall(CBLAS_TRANSPOSE t, int64_t rows, int64_t cols,
                       const double *a, int64_t lda, const double *x,
                       int64_t incx, double *y) {
    cblas_dgemv(CblasRowMajor, t, rows, cols, 1.0, a, lda, x, incx, 0.0, y, 1);
  }
};

/// OpenBLAS runs a gemv of at least 2304 · 4 matrix elements on its thread
/// pool. Programs run concurrently (a sampler's chains, one per thread), and
/// OpenBLAS's pool then serializes and spins: a 100-d dense-metric NUTS ran
/// 15x slower. A memory-bound gemv gains little from a second core, so each
/// is issued in slices that OpenBLAS runs on the calling thread.
constexpr int64_t kSerialGemvElements = 8192;

/// y = op(A) x with A stored rows × cols (row-major, leading dimension lda).
template <typename T>
void gemv(CBLAS_TRANSPOSE t, int64_t rows, int64_t cols, const T *a,
          int64_t lda, const T *x, int64_t incx, T *y) {
  int64_t inner = t == CblasNoTrans ? cols : rows;
  int64_t outer = t == CblasNoTrans ? rows : cols;
  int64_t slice =
      std::max<int64_t>(1, kSerialGemvElements / std::max<int64_t>(1, inner));
  for (int64_t o = 0; o < outer; o += slice) {
    int64_t n = std::min(slice, outer - o);
    // A slice of y is a block of A's rows (op = A) or of its columns (Aᵀ).
    const T *block = t == CblasNoTrans ? a + o * lda : a + o;
    Blas<T>::gemvCall(t, t == CblasNoTrans ? n : rows,
                      t == CblasNoTrans ? cols : n, block, lda, x, incx, y + o);
  }
}

/// c (m × n) = op(A) (m × k) · op(B) (k × n) for one batch entry, as a gemv
/// when a side is a vector (gemm's packing costs more than the product for a
/// matrix–vector contraction such as a model's X·β and Xᵀ·r), else a gemm.
template <typename T>
void product(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n,
             int64_t k, const T *a, int64_t lda, const T *b, int64_t ldb,
             T *c) {
  if (n == 1) {
    // c = op(A) · (the k-vector op(B)); A is stored m × k, or k × m transposed.
    int64_t incx = tb == CblasNoTrans ? ldb : 1;
    gemv<T>(ta, ta == CblasNoTrans ? m : k, ta == CblasNoTrans ? k : m, a, lda,
            b, incx, c);
  } else if (m == 1) {
    // cᵀ = op(B)ᵀ · (the k-vector op(A)); B is stored k × n, or n × k.
    int64_t incx = ta == CblasNoTrans ? 1 : lda;
    gemv<T>(tb == CblasNoTrans ? CblasTrans : CblasNoTrans,
            tb == CblasNoTrans ? k : n, tb == CblasNoTrans ? n : k, b, ldb, a,
            incx, c);
  } else {
    Blas<T>::gemm(ta, tb, m, n, k, a, lda, b, ldb, c, n);
  }
}

/// An operand ready for BLAS: per batch entry a row-major matrix, possibly
/// transposed, with leading dimension `ld`.
template <typename T> struct Operand {
  std::vector<T> packed; // Owns the data when the view needed a copy.
  const T *base = nullptr;
  std::vector<int64_t> batchOffsets;
  CBLAS_TRANSPOSE trans = CblasNoTrans;
  int64_t ld = 1;
};

/// `rows` × `cols` per batch entry; `rowDims` are the operand's dims that
/// index rows (free dims for lhs, contracting dims for rhs).
template <typename T>
Operand<T> prepare(const Descriptor &m, const std::vector<int64_t> &batch,
                   const std::vector<int64_t> &rowDims,
                   const std::vector<int64_t> &colDims) {
  Operand<T> op;
  Group rows = collapse(m, rowDims), cols = collapse(m, colDims);
  int64_t r = rows.size, c = cols.size;
  auto fits = [](int64_t unitStride, int64_t unitSize, int64_t ld,
                 int64_t otherSize) {
    return (unitSize <= 1 || unitStride == 1) &&
           (otherSize <= 1 || ld >= std::max<int64_t>(1, unitSize));
  };
  if (rows.collapsible && cols.collapsible) {
    int64_t ldRows = r <= 1 ? std::max<int64_t>(1, c) : rows.stride;
    int64_t ldCols = c <= 1 ? std::max<int64_t>(1, r) : cols.stride;
    if (fits(cols.stride, c, ldRows, r)) {
      op.trans = CblasNoTrans;
      op.ld = ldRows;
    } else if (fits(rows.stride, r, ldCols, c)) {
      op.trans = CblasTrans;
      op.ld = ldCols;
    } else {
      rows.collapsible = false;
    }
  }
  if (rows.collapsible && cols.collapsible) {
    op.base = m.base<T>();
    forEachIndex(m, batch,
                 [&](int64_t offset) { op.batchOffsets.push_back(offset); });
    return op;
  }
  // Pack into dense row-major [batch][rows][cols].
  std::vector<int64_t> all = batch;
  all.insert(all.end(), rowDims.begin(), rowDims.end());
  all.insert(all.end(), colDims.begin(), colDims.end());
  const T *source = m.base<T>();
  forEachIndex(m, all,
               [&](int64_t offset) { op.packed.push_back(source[offset]); });
  op.base = op.packed.data();
  op.trans = CblasNoTrans;
  op.ld = std::max<int64_t>(1, c);
  int64_t batchCount = 1;
  for (int64_t d : batch)
    batchCount *= m.size(d);
  for (int64_t i = 0; i < batchCount; ++i)
    op.batchOffsets.push_back(i * r * c);
  return op;
}

std::vector<int64_t> freeDims(int64_t rank, const std::vector<int64_t> &a,
                              const std::vector<int64_t> &b) {
  std::vector<int64_t> free;
  for (int64_t d = 0; d < rank; ++d) {
    bool used = false;
    for (int64_t x : a)
      used |= x == d;
    for (int64_t x : b)
      used |= x == d;
    if (!used)
      free.push_back(d);
  }
  return free;
}

template <typename T>
void dot(const Descriptor &lhs, const Descriptor &rhs, const Descriptor &out,
         int64_t lb, int64_t rb, int64_t lc, int64_t rc) {
  std::vector<int64_t> lBatch = unpack(lb), rBatch = unpack(rb),
                       lContract = unpack(lc), rContract = unpack(rc);
  std::vector<int64_t> lFree = freeDims(lhs.rank, lBatch, lContract);
  std::vector<int64_t> rFree = freeDims(rhs.rank, rBatch, rContract);
  int64_t batch = 1, m = 1, n = 1, k = 1;
  for (int64_t d : lBatch)
    batch *= lhs.size(d);
  for (int64_t d : lFree)
    m *= lhs.size(d);
  for (int64_t d : rFree)
    n *= rhs.size(d);
  for (int64_t d : lContract)
    k *= lhs.size(d);

  // The result is [batch..., lhs free..., rhs free...]; bufferization gives
  // it a fresh dense buffer, but a strided one is still handled by copying.
  bool dense = true;
  for (int64_t d = out.rank, expected = 1; d-- > 0;) {
    dense &= out.size(d) <= 1 || out.stride(d) == expected;
    expected *= out.size(d);
  }
  std::vector<T> scratch;
  T *c = out.base<T>();
  if (!dense) {
    scratch.assign(batch * m * n, T(0));
    c = scratch.data();
  }
  if (batch * m * n != 0) {
    if (k == 0) {
      std::memset(c, 0, sizeof(T) * batch * m * n);
    } else {
      Operand<T> a = prepare<T>(lhs, lBatch, lFree, lContract);
      Operand<T> b = prepare<T>(rhs, rBatch, rContract, rFree);
      for (int64_t p = 0; p < batch; ++p)
        product<T>(a.trans, b.trans, m, n, k, a.base + a.batchOffsets[p], a.ld,
                   b.base + b.batchOffsets[p], b.ld, c + p * m * n);
    }
  }
  if (!dense) {
    std::vector<int64_t> all(out.rank);
    for (int64_t d = 0; d < out.rank; ++d)
      all[d] = d;
    T *target = out.base<T>();
    size_t i = 0;
    forEachIndex(out, all, [&](int64_t offset) { target[offset] = c[i++]; });
  }
}

} // namespace

extern "C" void axleDotF32(int64_t lr, void **l, int64_t rr, void **r,
                           int64_t orank, void **o, int64_t lb, int64_t rb,
                           int64_t lc, int64_t rc) {
  dot<float>({lr, l}, {rr, r}, {orank, o}, lb, rb, lc, rc);
}

extern "C" void axleDotF64(int64_t lr, void **l, int64_t rr, void **r,
                           int64_t orank, void **o, int64_t lb, int64_t rb,
                           int64_t lc, int64_t rc) {
  dot<double>({lr, l}, {rr, r}, {orank, o}, lb, rb, lc, rc);
}

} // namespace axle
