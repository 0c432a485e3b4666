//===- RandomInputs.cpp - Input data and dense literals -------------------===//
//
// Random inputs mix ordinary values with the edge cases the spec singles
// out (NaN, +-inf, -0.0, subnormals, integer min/max, 0, 1); "small" float
// inputs are half-integers in [-4, 4] so sums and products of a few of them
// are exact in every float type.
//
//===----------------------------------------------------------------------===//

#include "GenCommon.h"

#include <cmath>
#include <limits>

namespace axle::reference {
namespace gen {
namespace {

double randomFloat(Gen &g, bool small) {
  const double inf = std::numeric_limits<double>::infinity();
  if (small) {
    if (g.chance(0.05))
      return g.pick(std::vector<double>{std::nan(""), inf, -inf, -0.0});
    return static_cast<double>(g.uniform(-8, 8)) / 2.0;
  }
  if (g.chance(0.15))
    return g.pick(std::vector<double>{std::nan(""), inf, -inf, -0.0, 0.0, 1.0, -1.0,
                                      0.5, 2.0, 1e-40, -3.4e38, 65504.0, 1e300});
  double sign = g.chance(0.5) ? -1 : 1;
  int64_t range = g.chance(0.1) ? 60 : 6;
  double mantissa = std::uniform_real_distribution<double>(1, 2)(g.rng);
  return sign * std::ldexp(mantissa, static_cast<int>(g.uniform(-range, range)));
}

uint64_t randomInt(Gen &g, ET t) {
  unsigned w = bitWidth(t);
  uint64_t mask = w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1;
  if (isBool(t))
    return g.uniform(0, 1);
  if (g.chance(0.15)) {
    uint64_t top = uint64_t(1) << (w - 1);
    std::vector<uint64_t> edges = {0, 1, mask, top, top - 1, 2};
    return g.pick(edges);
  }
  if (g.chance(0.5))
    return static_cast<uint64_t>(g.uniform(isSigned(t) ? -10 : 0, 20));
  return g.rng() & mask;
}

} // namespace

Tensor randomTensor(Gen &g, const TensorType &type, InputKind kind) {
  bool small = kind == InputKind::Small;
  Tensor t(type);
  for (int64_t i = 0; i < t.size(); ++i) {
    if (isFloat(type.element))
      t.setFloat(i, randomFloat(g, small));
    else
      t.setInt(i, randomInt(g, type.element));
  }
  return t;
}

namespace {

void boolLiteral(const Tensor &t, size_t axis, int64_t &next, std::string &out) {
  if (axis == t.dims().size()) {
    out += t.getInt(next++) ? "true" : "false";
    return;
  }
  out += "[";
  for (int64_t i = 0; i < t.dims()[axis]; ++i) {
    if (i)
      out += ", ";
    boolLiteral(t, axis + 1, next, out);
  }
  out += "]";
}

} // namespace
} // namespace gen

using namespace gen;

std::string denseLiteral(const Tensor &t) {
  std::string body;
  if (t.size() == 0) {
    body = "";
  } else if (isBool(t.element())) {
    int64_t next = 0;
    boolLiteral(t, 0, next, body);
  } else {
    static const char *hex = "0123456789ABCDEF";
    body = "\"0x";
    for (uint8_t b : t.bytes()) {
      body += hex[b >> 4];
      body += hex[b & 15];
    }
    body += "\"";
  }
  return "dense<" + body + "> : " + t.type().text();
}

} // namespace axle::reference
