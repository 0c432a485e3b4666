//===- GenReduce.cpp - Generators of reductions, contractions and sort ----===//
//
// reduce (one body op, or a variadic argmax), dot_general, reduce_window and
// sort. Float operands of sums and products are small half-integers and the
// reduced counts are bounded (exactSumLimit), so any summation order gives
// the same result.
//
//===----------------------------------------------------------------------===//

#include "GenCommon.h"

#include <algorithm>

namespace axle::reference::gen {
namespace {

std::vector<std::string> exactBodies(ET t, int64_t count);

/// A small (for floats) value of element `t` and rank >= `minRank`.
Val operandOfRank(Gen &g, ET t, size_t minRank) {
  return g.operand(
      [&](const TensorType &x) { return x.element == t && x.dims.size() >= minRank; },
      [&] {
        std::vector<int64_t> dims = g.randomDims();
        while (dims.size() < minRank)
          dims.push_back(g.uniform(1, 4));
        return TensorType{t, dims};
      },
      true);
}

std::string argmaxBody(ET t, ET index) {
  std::string s = TensorType{t, {}}.text(), i = TensorType{index, {}}.text();
  std::string cmpType = isFloat(t) ? "TOTALORDER" : isSigned(t) ? "SIGNED" : "UNSIGNED";
  auto cmp = [&](const std::string &name, const std::string &x, const std::string &y,
                 const std::string &dir, const std::string &type, const std::string &ty) {
    return "      " + name + " = \"stablehlo.compare\"(" + x + ", " + y +
           ") {comparison_direction = " + enumAttr("comparison_direction", dir) +
           ", compare_type = " + enumAttr("comparison_type", type) + "} : (" + ty +
           ", " + ty + ") -> tensor<i1>\n";
  };
  return " ({\n    ^bb0(%av: " + s + ", %ai: " + i + ", %bv: " + s + ", %bi: " + i +
         "):\n" + cmp("%gt", "%av", "%bv", "GT", cmpType, s) +
         cmp("%eq", "%av", "%bv", "EQ", cmpType, s) +
         cmp("%lt", "%ai", "%bi", "LT", "SIGNED", i) +
         "      %tie = \"stablehlo.and\"(%eq, %lt) : (tensor<i1>, tensor<i1>) -> tensor<i1>\n"
         "      %keep = \"stablehlo.or\"(%gt, %tie) : (tensor<i1>, tensor<i1>) -> tensor<i1>\n"
         "      %rv = \"stablehlo.select\"(%keep, %av, %bv) : (tensor<i1>, " + s + ", " + s +
         ") -> " + s + "\n      %ri = \"stablehlo.select\"(%keep, %ai, %bi) : (tensor<i1>, " +
         i + ", " + i + ") -> " + i + "\n      \"stablehlo.return\"(%rv, %ri) : (" + s +
         ", " + i + ") -> ()\n    })";
}

bool genReduce(Gen &g, const std::string &) {
  ET t = g.randomType(F | S | U | B);
  Val x = g.ofElement(t, true);
  std::vector<int64_t> dims, kept;
  int64_t count = 1;
  for (size_t d = 0; d < x.type.dims.size(); ++d) {
    if (g.chance(0.6)) {
      dims.push_back(static_cast<int64_t>(d));
      count *= x.type.dims[d];
    } else {
      kept.push_back(x.type.dims[d]);
    }
  }
  if (isFloat(t) && count > exactSumLimit(t))
    return false;
  std::string attrs = "dimensions = " + i64s(dims);
  TensorType out{t, kept};
  if (!isBool(t) && g.chance(0.25)) { // variadic argmax
    TensorType indexType{ET::S32, x.type.dims};
    int64_t axis = x.type.dims.empty() ? -1 : g.uniform(0, static_cast<int64_t>(x.type.dims.size()) - 1);
    Val idx = axis < 0 ? g.ofType(indexType)
                       : g.emit("iota", {}, "iota_dimension = " + std::to_string(axis) + " : i64",
                                {indexType})[0];
    Val v0 = g.ofType(TensorType{t, {}}, true);
    Val i0 = g.ofType(TensorType{ET::S32, {}});
    g.emit("reduce", {x, idx, v0, i0}, attrs, {out, TensorType{ET::S32, kept}},
           argmaxBody(t, ET::S32));
    return true;
  }
  std::vector<std::string> bodies = exactBodies(t, count);
  Val init = g.ofType(TensorType{t, {}}, true);
  g.emit("reduce", {x, init}, attrs, {out}, scalarBody(g.pick(bodies), t));
  return true;
}

bool genDotGeneral(Gen &g, const std::string &) {
  ET t = g.randomType(F | S | U);
  Val lhs = g.ofElement(t, true);
  size_t rank = lhs.type.dims.size();
  std::vector<int64_t> order = permutation(g, rank);
  size_t nb = static_cast<size_t>(g.uniform(0, static_cast<int64_t>(rank)));
  size_t nc = static_cast<size_t>(g.uniform(0, static_cast<int64_t>(rank - nb)));
  std::vector<int64_t> lb(order.begin(), order.begin() + nb);
  std::vector<int64_t> lc(order.begin() + nb, order.begin() + nb + nc);
  int64_t k = 1;
  for (int64_t d : lc)
    k *= lhs.type.dims[d];
  if (isFloat(t) && k > exactSumLimit(t) / 4)
    return false;
  // rhs: batch dims, contracting dims and 0-2 free dims, in random order.
  std::vector<int64_t> rhsDims;
  for (int64_t d : lb)
    rhsDims.push_back(lhs.type.dims[d]);
  for (int64_t d : lc)
    rhsDims.push_back(lhs.type.dims[d]);
  size_t nFree = static_cast<size_t>(g.uniform(0, std::min<int64_t>(2, 4 - static_cast<int64_t>(nb + nc))));
  std::vector<int64_t> rhsFree;
  for (size_t i = 0; i < nFree; ++i) {
    rhsFree.push_back(g.chance(0.1) ? 0 : g.uniform(1, 3));
    rhsDims.push_back(rhsFree.back());
  }
  std::vector<int64_t> place = permutation(g, rhsDims.size()); // logical -> rhs dim
  std::vector<int64_t> shuffled(rhsDims.size());
  for (size_t i = 0; i < rhsDims.size(); ++i)
    shuffled[place[i]] = rhsDims[i];
  std::vector<int64_t> rb, rc;
  for (size_t i = 0; i < nb; ++i)
    rb.push_back(place[i]);
  for (size_t i = 0; i < nc; ++i)
    rc.push_back(place[nb + i]);
  Val rhs = g.param(TensorType{t, shuffled}, true);
  std::vector<int64_t> out;
  for (int64_t d : lb)
    out.push_back(lhs.type.dims[d]);
  for (size_t d = 0; d < rank; ++d)
    if (std::find(order.begin(), order.begin() + nb + nc, static_cast<int64_t>(d)) ==
        order.begin() + nb + nc)
      out.push_back(lhs.type.dims[d]);
  std::vector<std::pair<int64_t, int64_t>> freeByRhsDim;
  for (size_t i = 0; i < nFree; ++i)
    freeByRhsDim.push_back({place[nb + nc + i], rhsFree[i]});
  std::sort(freeByRhsDim.begin(), freeByRhsDim.end());
  for (auto &f : freeByRhsDim)
    out.push_back(f.second);
  std::string dims;
  auto add = [&](const char *name, const std::vector<int64_t> &v) {
    if (!v.empty())
      dims += (dims.empty() ? "" : ", ") + std::string(name) + " = " + list(v);
  };
  add("lhs_batching_dimensions", lb);
  add("rhs_batching_dimensions", rb);
  add("lhs_contracting_dimensions", lc);
  add("rhs_contracting_dimensions", rc);
  g.emit("dot_general", {lhs, rhs}, "dot_dimension_numbers = #stablehlo.dot<" + dims + ">",
         {TensorType{t, out}});
  return true;
}


/// Reduction bodies exact for small values of `t` over `count` elements.
std::vector<std::string> exactBodies(ET t, int64_t count) {
  std::vector<std::string> bodies =
      isFloat(t) ? std::vector<std::string>{"add", "maximum", "minimum"}
      : isBool(t) ? std::vector<std::string>{"and", "or"}
                  : std::vector<std::string>{"add", "multiply", "maximum",
                                             "minimum", "and", "or", "xor"};
  if (isFloat(t) && count <= 4)
    bodies.push_back("multiply");
  return bodies;
}

bool genReduceWindow(Gen &g, const std::string &) {
  ET t = g.randomType(F | S | U | B);
  Val x = operandOfRank(g, t, 1);
  std::vector<int64_t> window, strides, baseDil, winDil, padding, out;
  bool dilate = g.chance(0.3), pad = g.chance(0.5);
  int64_t count = 1;
  for (int64_t d : x.type.dims) {
    int64_t w = g.uniform(1, 3), s = g.uniform(1, 2);
    int64_t bd = dilate ? g.uniform(1, 2) : 1, wd = dilate ? g.uniform(1, 2) : 1;
    int64_t lo = pad ? g.uniform(0, 1) : 0, hi = pad ? g.uniform(0, 1) : 0;
    int64_t size = (d > 0 ? (d - 1) * bd + 1 : 0) + lo + hi;
    int64_t span = (w - 1) * wd + 1;
    if (size < span)
      return false;
    window.push_back(w);
    strides.push_back(s);
    baseDil.push_back(bd);
    winDil.push_back(wd);
    padding.push_back(lo);
    padding.push_back(hi);
    out.push_back((size - span) / s + 1);
    count *= w;
  }
  if (isFloat(t) && count > exactSumLimit(t))
    return false;
  Val init = g.ofType(TensorType{t, {}}, true);
  std::string attrs = "window_dimensions = " + i64s(window) +
                      ", window_strides = " + i64s(strides);
  if (dilate)
    attrs += ", base_dilations = " + i64s(baseDil) +
             ", window_dilations = " + i64s(winDil);
  if (pad) {
    std::string rows;
    for (size_t i = 0; i < padding.size(); i += 2)
      rows += std::string(i ? ", " : "") + "[" + std::to_string(padding[i]) +
              ", " + std::to_string(padding[i + 1]) + "]";
    attrs += ", padding = dense<[" + rows + "]> : tensor<" +
             std::to_string(window.size()) + "x2xi64>";
  }
  g.emit("reduce_window", {x, init}, attrs, {TensorType{t, out}},
         scalarBody(g.pick(exactBodies(t, count)), t));
  return true;
}

/// 1-2 operands of one shape sorted along a random dimension by the first;
/// TOTALORDER makes the float comparator a strict weak order (NaNs
/// included), and two operands are sorted stably so that ties are defined.
bool genSort(Gen &g, const std::string &) {
  ET t = g.randomType(F | S | U);
  Val keys = operandOfRank(g, t, 1);
  std::vector<Val> operands = {keys};
  if (g.chance(0.5))
    operands.push_back(g.ofType(TensorType{g.randomType(F | S | U | B), keys.type.dims}));
  int64_t dim = g.uniform(0, static_cast<int64_t>(keys.type.dims.size()) - 1);
  std::string args, results;
  std::vector<TensorType> types;
  for (size_t i = 0; i < operands.size(); ++i) {
    std::string s = TensorType{operands[i].type.element, {}}.text();
    std::string n = std::to_string(i);
    args += (i ? ", " : "") + ("%x" + n + ": " + s + ", %y" + n + ": " + s);
    types.push_back(operands[i].type);
  }
  std::string s = TensorType{t, {}}.text();
  std::string cmpType = isFloat(t) ? "TOTALORDER" : isSigned(t) ? "SIGNED" : "UNSIGNED";
  std::string body =
      " ({\n    ^bb0(" + args +
      "):\n      %c = \"stablehlo.compare\"(%x0, %y0) {comparison_direction = " +
      enumAttr("comparison_direction", g.chance(0.5) ? "LT" : "GT") +
      ", compare_type = " + enumAttr("comparison_type", cmpType) + "} : (" + s +
      ", " + s +
      ") -> tensor<i1>\n      \"stablehlo.return\"(%c) : (tensor<i1>) -> ()\n    })";
  bool stable = operands.size() > 1 || g.chance(0.5);
  g.emit("sort", operands,
         "dimension = " + std::to_string(dim) + " : i64, is_stable = " +
             (stable ? "true" : "false"),
         types, body);
  return true;
}

} // namespace

void addReduceGenerators(GenTable &t) {
  t["reduce"] = genReduce;
  t["dot_general"] = genDotGeneral;
  t["reduce_window"] = genReduceWindow;
  t["sort"] = genSort;
}

} // namespace axle::reference::gen
