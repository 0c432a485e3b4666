//===- RandomProgram.cpp - Seeded random StableHLO programs ---------------===//
//
// The generator's core (operand choice, emitting a line) and the assembly
// of a program from the family generators (GenElementwise, GenShape,
// GenReduce, GenControl, GenIndexing).
//
//===----------------------------------------------------------------------===//

#include "GenCommon.h"

#include <algorithm>
#include <numeric>
#include <set>

namespace axle::reference {
namespace gen {

const std::vector<ET> kAllTypes = {ET::F32, ET::F64, ET::F16, ET::BF16, ET::S8,
                                   ET::S16, ET::S32, ET::S64, ET::U8,  ET::U16,
                                   ET::U32, ET::U64, ET::I1};

namespace {

/// Ops that move or pick data without computing new float values, so small
/// half-integer operands stay small (see the header).
bool keepsSmall(const std::string &op) {
  static const std::set<std::string> ops = {
      "negate", "abs", "maximum", "minimum", "select", "clamp",
      "broadcast_in_dim", "reshape", "transpose", "slice", "concatenate",
      "pad", "reverse", "dynamic_slice", "dynamic_update_slice", "gather",
      "sort"};
  return ops.count(op) != 0;
}

} // namespace

ET Gen::randomType(unsigned classes) {
  std::vector<ET> fit;
  for (ET t : kAllTypes)
    if (classOf(t) & classes)
      fit.push_back(t);
  return pick(fit);
}

std::vector<int64_t> Gen::randomDims(int maxRank) {
  int64_t r = uniform(0, 99);
  int rank = r < 15 ? 0 : r < 45 ? 1 : r < 80 ? 2 : 3;
  rank = std::min(rank, maxRank);
  std::vector<int64_t> dims;
  for (int i = 0; i < rank; ++i)
    dims.push_back(chance(0.06) ? 0 : uniform(1, 4));
  return dims;
}

Val Gen::param(TensorType type, InputKind kind) {
  Val v{"%arg" + std::to_string(params.size()), type, kind == InputKind::Small,
        true, ""};
  params.push_back(type);
  paramKinds.push_back(kind);
  fixedInputs.emplace_back();
  vals.push_back(v);
  return v;
}

Val Gen::fixedParam(const Tensor &data) {
  Val v = param(data.type(), InputKind::Fixed);
  fixedInputs.back() = data;
  return v;
}

Val Gen::operand(const std::function<bool(const TensorType &)> &accept,
                 const std::function<TensorType()> &make, bool needSmall) {
  std::vector<Val> fit;
  for (const Val &v : vals)
    if (v.usable && accept(v.type) &&
        (!needSmall || v.small || !isFloat(v.type.element)))
      fit.push_back(v);
  if (!fit.empty() && chance(0.7))
    return pick(fit);
  return param(make(), needSmall);
}

Val Gen::ofType(const TensorType &t, bool needSmall) {
  return operand([&](const TensorType &x) { return x == t; }, [&] { return t; },
                 needSmall);
}

Val Gen::ofElement(ET e, bool needSmall) {
  return operand([&](const TensorType &x) { return x.element == e; },
                 [&] { return TensorType{e, randomDims()}; }, needSmall);
}

std::vector<Val> Gen::emit(const std::string &op, const std::vector<Val> &operands,
                           const std::string &attrs,
                           const std::vector<TensorType> &results,
                           const std::string &regions) {
  std::string name = "%" + std::to_string(counter++);
  std::string line = "    " + name;
  if (results.size() > 1)
    line += ":" + std::to_string(results.size());
  line += " = \"stablehlo." + op + "\"(";
  std::string types;
  bool small = true;
  for (size_t i = 0; i < operands.size(); ++i) {
    line += (i ? ", " : "") + operands[i].name;
    types += (i ? ", " : "") + operands[i].type.text();
    small = small && (operands[i].small || !isFloat(operands[i].type.element));
  }
  line += ")" + regions + (attrs.empty() ? "" : " {" + attrs + "}") + " : (" +
          types + ") -> ";
  std::string resultTypes;
  for (size_t i = 0; i < results.size(); ++i)
    resultTypes += (i ? ", " : "") + results[i].text();
  line += results.size() == 1 ? resultTypes : "(" + resultTypes + ")";
  lines.push_back(line);
  std::vector<Val> out;
  for (size_t i = 0; i < results.size(); ++i) {
    Val v{results.size() == 1 ? name : name + "#" + std::to_string(i),
          results[i], small && keepsSmall(op),
          !isInexact(op, results[i].element), op};
    vals.push_back(v);
    out.push_back(v);
  }
  return out;
}

Val anyValue(Gen &g, bool needSmall) {
  return g.ofElement(g.randomType(F | S | U | B), needSmall);
}

std::string i64s(const std::vector<int64_t> &v) {
  std::string s = "array<i64";
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? ", " : ": ") + std::to_string(v[i]);
  return s + ">";
}

std::string list(const std::vector<int64_t> &v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::string enumAttr(const std::string &kind, const std::string &value) {
  return "#stablehlo<" + kind + " " + value + ">";
}

std::vector<int64_t> permutation(Gen &g, size_t n) {
  std::vector<int64_t> p(n);
  std::iota(p.begin(), p.end(), 0);
  std::shuffle(p.begin(), p.end(), g.rng);
  return p;
}

int64_t exactSumLimit(ET t) {
  return t == ET::BF16 ? 16 : t == ET::F16 ? 64 : 1 << 20;
}

std::string scalarBody(const std::string &op, ET t) {
  std::string s = TensorType{t, {}}.text();
  return " ({\n    ^bb0(%lhs: " + s + ", %rhs: " + s + "):\n      %r = \"stablehlo." +
         op + "\"(%lhs, %rhs) : (" + s + ", " + s + ") -> " + s +
         "\n      \"stablehlo.return\"(%r) : (" + s + ") -> ()\n    })";
}

namespace {

const GenTable &generators() {
  static const GenTable table = [] {
    GenTable t;
    addElementwiseGenerators(t);
    addShapeGenerators(t);
    addReduceGenerators(t);
    addControlGenerators(t);
    addIndexingGenerators(t);
    return t;
  }();
  return table;
}

} // namespace
} // namespace gen

using namespace gen;

const std::vector<std::string> &generatedOps() {
  static const std::vector<std::string> ops = [] {
    std::vector<std::string> v;
    for (const auto &entry : generators())
      v.push_back(entry.first);
    return v;
  }();
  return ops;
}

const std::vector<std::string> &contextOps() {
  static const std::vector<std::string> ops = {
      "add",     "subtract",  "multiply",         "maximum", "negate",
      "compare", "select",    "convert",          "reshape", "transpose",
      "slice",   "broadcast_in_dim", "concatenate"};
  return ops;
}

RandomProgram generateProgram(const std::string &focusOp, uint64_t seed) {
  Gen g(seed * 0x9E3779B97F4A7C15ull + std::hash<std::string>()(focusOp));
  auto focus = generators().find(focusOp);
  if (focus == generators().end())
    return {};
  int64_t count = g.uniform(1, 8), focusAt = g.uniform(0, count - 1);
  for (int64_t i = 0; i < count; ++i) {
    bool isFocus = i == focusAt || g.chance(0.3);
    for (int attempt = 0; attempt < 50; ++attempt) {
      const std::string &op = isFocus ? focusOp : g.pick(contextOps());
      if (generators().at(op)(g, op))
        break;
    }
  }
  RandomProgram program;
  std::string signature, returned, returnTypes;
  for (size_t i = 0; i < g.params.size(); ++i) {
    signature += (i ? ", " : "") + ("%arg" + std::to_string(i)) + ": " +
                 g.params[i].text();
    program.inputs.push_back(g.paramKinds[i] == InputKind::Fixed
                                 ? g.fixedInputs[i]
                                 : randomTensor(g, g.params[i], g.paramKinds[i]));
  }
  for (const Val &v : g.vals) {
    if (v.op.empty() || !v.returned)
      continue;
    returned += (returned.empty() ? "" : ", ") + v.name;
    returnTypes += (returnTypes.empty() ? "" : ", ") + v.type.text();
    program.resultOps.push_back("stablehlo." + v.op);
  }
  std::string text = "module @differential {\n  func.func public @main(" +
                     signature + ") -> (" + returnTypes + ") {\n";
  for (const std::string &line : g.lines)
    text += line + "\n";
  text += "    \"func.return\"(" + returned + ") : (" + returnTypes +
          ") -> ()\n  }\n}\n";
  program.text = text;
  return program;
}

} // namespace axle::reference
