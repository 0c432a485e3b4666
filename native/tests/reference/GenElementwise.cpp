//===- GenElementwise.cpp - Generators of elementwise ops -----------------===//
//
// Unary and binary arithmetic, compare, select, clamp, convert and
// bitcast_convert (same width and across widths).
//
//===----------------------------------------------------------------------===//

#include "GenCommon.h"

#include <set>

namespace axle::reference::gen {
namespace {

struct ElementwiseRule {
  int arity;
  unsigned classes;
};

const std::map<std::string, ElementwiseRule> &elementwiseRules() {
  static const std::map<std::string, ElementwiseRule> rules = {
      {"add", {2, F | S | U | B}},       {"subtract", {2, F | S | U}},
      {"multiply", {2, F | S | U | B}},  {"divide", {2, F | S | U}},
      {"remainder", {2, F | S | U}},     {"maximum", {2, F | S | U | B}},
      {"minimum", {2, F | S | U | B}},   {"and", {2, S | U | B}},
      {"or", {2, S | U | B}},            {"xor", {2, S | U | B}},
      {"shift_left", {2, S | U}},        {"shift_right_logical", {2, S | U}},
      {"shift_right_arithmetic", {2, S | U}},
      {"power", {2, F | S | U}},         {"atan2", {2, F}},
      {"not", {1, S | U | B}},           {"negate", {1, F | S | U}},
      {"abs", {1, F | S}},               {"sign", {1, F | S}},
      {"sqrt", {1, F}},                  {"floor", {1, F}},
      {"ceil", {1, F}},                  {"round_nearest_afz", {1, F}},
      {"round_nearest_even", {1, F}},    {"popcnt", {1, S | U}},
      {"count_leading_zeros", {1, S | U}},
      {"exponential", {1, F}},           {"exponential_minus_one", {1, F}},
      {"log", {1, F}},                   {"log_plus_one", {1, F}},
      {"logistic", {1, F}},              {"sine", {1, F}},
      {"cosine", {1, F}},                {"tan", {1, F}},
      {"tanh", {1, F}},                  {"rsqrt", {1, F}},
      {"cbrt", {1, F}}};
  return rules;
}

bool genElementwise(Gen &g, const std::string &op) {
  const ElementwiseRule &rule = elementwiseRules().at(op);
  ET t = g.randomType(rule.classes);
  Val a = g.ofElement(t);
  std::vector<Val> operands = {a};
  if (rule.arity == 2)
    operands.push_back(g.ofType(a.type));
  g.emit(op, operands, "", {a.type});
  return true;
}

bool genIsFinite(Gen &g, const std::string &) {
  Val a = g.ofElement(g.randomType(F));
  g.emit("is_finite", {a}, "", {TensorType{ET::I1, a.type.dims}});
  return true;
}

bool genCompare(Gen &g, const std::string &) {
  ET t = g.randomType(F | S | U | B);
  Val a = g.ofElement(t);
  Val b = g.ofType(a.type);
  static const std::vector<std::string> dirs = {"EQ", "NE", "LT", "LE", "GT", "GE"};
  std::string type = isFloat(t) ? (g.chance(0.3) ? "TOTALORDER" : "FLOAT")
                     : isSigned(t) ? "SIGNED"
                                   : "UNSIGNED";
  g.emit("compare", {a, b},
         "comparison_direction = " + enumAttr("comparison_direction", g.pick(dirs)) +
             ", compare_type = " + enumAttr("comparison_type", type),
         {TensorType{ET::I1, a.type.dims}});
  return true;
}

bool genSelect(Gen &g, const std::string &) {
  Val x = g.ofElement(g.randomType(F | S | U | B));
  Val y = g.ofType(x.type);
  TensorType predType{ET::I1, g.chance(0.2) ? std::vector<int64_t>{} : x.type.dims};
  Val p = g.ofType(predType);
  g.emit("select", {p, x, y}, "", {x.type});
  return true;
}

bool genClamp(Gen &g, const std::string &) {
  Val x = g.ofElement(g.randomType(F | S | U));
  auto bound = [&] {
    return g.ofType(g.chance(0.5) ? TensorType{x.type.element, {}} : x.type);
  };
  Val lo = bound(), hi = bound();
  g.emit("clamp", {lo, x, hi}, "", {x.type});
  return true;
}

bool genConvert(Gen &g, const std::string &) {
  Val x = g.ofElement(g.randomType(F | S | U | B));
  g.emit("convert", {x}, "", {TensorType{g.randomType(F | S | U | B), x.type.dims}});
  return true;
}

/// Same width (any shape), or across widths: the narrow side has one more
/// trailing dimension of size wide/narrow.
bool genBitcastConvert(Gen &g, const std::string &) {
  static const std::vector<ET> types = {ET::S8,  ET::U8,  ET::S16, ET::U16,
                                        ET::F16, ET::BF16, ET::S32, ET::U32,
                                        ET::F32, ET::S64, ET::U64, ET::F64};
  ET from = g.pick(types), to = g.pick(types);
  unsigned wf = bitWidth(from), wt = bitWidth(to);
  if (wf == wt) {
    Val x = g.ofElement(from);
    g.emit("bitcast_convert", {x}, "", {TensorType{to, x.type.dims}});
    return true;
  }
  std::vector<int64_t> wide = g.randomDims(2);
  std::vector<int64_t> narrow = wide;
  narrow.push_back(std::max(wf, wt) / std::min(wf, wt));
  TensorType in{from, wf > wt ? wide : narrow};
  Val x = g.ofType(in);
  g.emit("bitcast_convert", {x}, "", {TensorType{to, wf > wt ? narrow : wide}});
  return true;
}

} // namespace

unsigned classOf(ET t) {
  return isFloat(t) ? F : isSigned(t) ? S : isUnsigned(t) ? U : B;
}

bool isInexact(const std::string &op, ET t) {
  static const std::set<std::string> ops = {
      "exponential", "exponential_minus_one", "log", "log_plus_one",
      "logistic", "sine", "cosine", "tan", "tanh", "rsqrt", "cbrt", "power",
      "atan2", "cholesky", "triangular_solve"};
  return isFloat(t) && ops.count(op);
}

void addElementwiseGenerators(GenTable &t) {
  for (const auto &rule : elementwiseRules())
    t[rule.first] = genElementwise;
  t["is_finite"] = genIsFinite;
  t["compare"] = genCompare;
  t["select"] = genSelect;
  t["clamp"] = genClamp;
  t["convert"] = genConvert;
  t["bitcast_convert"] = genBitcastConvert;
}

} // namespace axle::reference::gen
