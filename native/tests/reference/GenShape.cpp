//===- GenShape.cpp - Generators of data-movement ops ---------------------===//
//
// broadcast_in_dim, reshape, transpose, slice, concatenate, iota, pad,
// reverse, dynamic_slice, dynamic_update_slice, constant. Zero-size
// dimensions and rank 0 come from randomDims.
//
//===----------------------------------------------------------------------===//

#include "GenCommon.h"

#include <algorithm>

namespace axle::reference::gen {
namespace {

bool genBroadcastInDim(Gen &g, const std::string &) {
  Val x = anyValue(g);
  size_t rank = x.type.dims.size();
  size_t outRank = rank + static_cast<size_t>(g.uniform(0, 2));
  if (outRank > 4)
    return false;
  std::vector<int64_t> slots = permutation(g, outRank);
  slots.resize(rank);
  if (g.chance(0.8))
    std::sort(slots.begin(), slots.end());
  std::vector<int64_t> dims(outRank);
  for (int64_t &d : dims)
    d = g.uniform(1, 3);
  for (size_t i = 0; i < rank; ++i)
    if (x.type.dims[i] != 1 || g.chance(0.5))
      dims[slots[i]] = x.type.dims[i];
  g.emit("broadcast_in_dim", {x}, "broadcast_dimensions = " + i64s(slots),
         {TensorType{x.type.element, dims}});
  return true;
}

bool genReshape(Gen &g, const std::string &) {
  Val x = anyValue(g);
  int64_t n = x.type.numElements();
  std::vector<int64_t> dims;
  if (n == 0) {
    dims = g.randomDims();
    if (dims.empty())
      dims.push_back(0);
    dims[static_cast<size_t>(g.uniform(0, static_cast<int64_t>(dims.size()) - 1))] = 0;
  } else {
    int64_t rest = n;
    int rank = static_cast<int>(g.uniform(0, 3));
    for (int i = 0; i + 1 < rank && rest > 1; ++i) {
      std::vector<int64_t> divisors;
      for (int64_t d = 1; d <= rest; ++d)
        if (rest % d == 0)
          divisors.push_back(d);
      int64_t d = g.pick(divisors);
      dims.push_back(d);
      rest /= d;
    }
    if (rest != 1 || rank > 0)
      dims.push_back(rest);
    std::shuffle(dims.begin(), dims.end(), g.rng);
  }
  g.emit("reshape", {x}, "", {TensorType{x.type.element, dims}});
  return true;
}

bool genTranspose(Gen &g, const std::string &) {
  Val x = anyValue(g);
  std::vector<int64_t> perm = permutation(g, x.type.dims.size());
  std::vector<int64_t> dims;
  for (int64_t p : perm)
    dims.push_back(x.type.dims[p]);
  g.emit("transpose", {x}, "permutation = " + i64s(perm), {TensorType{x.type.element, dims}});
  return true;
}

bool genSlice(Gen &g, const std::string &) {
  Val x = anyValue(g);
  std::vector<int64_t> start, limit, strides, dims;
  for (int64_t d : x.type.dims) {
    int64_t s = g.uniform(0, d), l = g.uniform(s, d), k = g.uniform(1, 3);
    start.push_back(s);
    limit.push_back(l);
    strides.push_back(k);
    dims.push_back((l - s + k - 1) / k);
  }
  g.emit("slice", {x},
         "start_indices = " + i64s(start) + ", limit_indices = " + i64s(limit) +
             ", strides = " + i64s(strides),
         {TensorType{x.type.element, dims}});
  return true;
}

bool genConcatenate(Gen &g, const std::string &) {
  Val x = anyValue(g);
  if (x.type.dims.empty())
    return false;
  int64_t axis = g.uniform(0, static_cast<int64_t>(x.type.dims.size()) - 1);
  std::vector<Val> operands = {x};
  int64_t total = x.type.dims[axis];
  for (int64_t i = g.uniform(1, 2); i > 0; --i) {
    TensorType t = x.type;
    t.dims[axis] = g.uniform(0, 3);
    Val y = g.operand(
        [&](const TensorType &c) {
          if (c.element != t.element || c.dims.size() != t.dims.size())
            return false;
          for (size_t d = 0; d < t.dims.size(); ++d)
            if (static_cast<int64_t>(d) != axis && c.dims[d] != t.dims[d])
              return false;
          return true;
        },
        [&] { return t; }, x.small);
    total += y.type.dims[axis];
    operands.push_back(y);
  }
  TensorType out = x.type;
  out.dims[axis] = total;
  g.emit("concatenate", operands, "dimension = " + std::to_string(axis) + " : i64", {out});
  return true;
}

bool genIota(Gen &g, const std::string &) {
  std::vector<int64_t> dims = g.randomDims();
  if (dims.empty())
    dims.push_back(g.uniform(1, 4));
  int64_t axis = g.uniform(0, static_cast<int64_t>(dims.size()) - 1);
  g.emit("iota", {}, "iota_dimension = " + std::to_string(axis) + " : i64",
         {TensorType{g.randomType(F | S | U), dims}});
  return true;
}

bool genPad(Gen &g, const std::string &) {
  Val x = anyValue(g);
  Val value = g.ofType(TensorType{x.type.element, {}}, x.small);
  std::vector<int64_t> low, high, interior, dims;
  for (int64_t d : x.type.dims) {
    int64_t lo, hi, in, size;
    do {
      lo = g.uniform(-2, 2);
      hi = g.uniform(-2, 2);
      in = g.uniform(0, 2);
      size = lo + hi + d + std::max<int64_t>(d - 1, 0) * in;
    } while (size < 0 || size > 12);
    low.push_back(lo);
    high.push_back(hi);
    interior.push_back(in);
    dims.push_back(size);
  }
  g.emit("pad", {x, value},
         "edge_padding_low = " + i64s(low) + ", edge_padding_high = " + i64s(high) +
             ", interior_padding = " + i64s(interior),
         {TensorType{x.type.element, dims}});
  return true;
}

bool genReverse(Gen &g, const std::string &) {
  Val x = anyValue(g);
  std::vector<int64_t> dims;
  for (size_t d = 0; d < x.type.dims.size(); ++d)
    if (g.chance(0.5))
      dims.push_back(static_cast<int64_t>(d));
  g.emit("reverse", {x}, "dimensions = " + i64s(dims), {x.type});
  return true;
}

std::vector<Val> startIndices(Gen &g, size_t rank) {
  static const std::vector<ET> indexTypes = {ET::S32, ET::S64, ET::U32};
  ET t = g.pick(indexTypes);
  std::vector<Val> starts;
  for (size_t i = 0; i < rank; ++i)
    starts.push_back(g.ofType(TensorType{t, {}}));
  return starts;
}

bool genDynamicSlice(Gen &g, const std::string &) {
  Val x = anyValue(g);
  std::vector<int64_t> sizes;
  for (int64_t d : x.type.dims)
    sizes.push_back(g.uniform(0, d));
  std::vector<Val> operands = {x};
  for (const Val &s : startIndices(g, sizes.size()))
    operands.push_back(s);
  g.emit("dynamic_slice", operands, "slice_sizes = " + i64s(sizes),
         {TensorType{x.type.element, sizes}});
  return true;
}

bool genDynamicUpdateSlice(Gen &g, const std::string &) {
  Val x = anyValue(g);
  TensorType ut = x.type;
  for (int64_t &d : ut.dims)
    d = g.uniform(0, d);
  Val update = g.ofType(ut, x.small);
  std::vector<Val> operands = {x, update};
  for (const Val &s : startIndices(g, ut.dims.size()))
    operands.push_back(s);
  g.emit("dynamic_update_slice", operands, "", {x.type});
  return true;
}

bool genConstant(Gen &g, const std::string &) {
  TensorType t{g.randomType(F | S | U | B), g.randomDims()};
  if (t.numElements() == 0)
    return false;
  bool small = g.chance(0.5);
  Tensor value = randomTensor(g, t, small ? InputKind::Small : InputKind::Any);
  g.emit("constant", {}, "value = " + denseLiteral(value), {t});
  g.vals.back().small = small;
  return true;
}

} // namespace

void addShapeGenerators(GenTable &t) {
  t["broadcast_in_dim"] = genBroadcastInDim;
  t["reshape"] = genReshape;
  t["transpose"] = genTranspose;
  t["slice"] = genSlice;
  t["concatenate"] = genConcatenate;
  t["iota"] = genIota;
  t["pad"] = genPad;
  t["reverse"] = genReverse;
  t["dynamic_slice"] = genDynamicSlice;
  t["dynamic_update_slice"] = genDynamicUpdateSlice;
  t["constant"] = genConstant;
}

} // namespace axle::reference::gen
