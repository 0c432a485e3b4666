//===- GenControl.cpp - Generators of while, if and case ------------------===//
//
// Region bodies read values of the enclosing function (captures) as well as
// their arguments. Loops run a small fixed number of trips counted in an i64
// carried value, so they always terminate; their float data stay small
// half-integers, so the carried sums are exact.
//
//===----------------------------------------------------------------------===//

#include "GenCommon.h"

namespace axle::reference::gen {
namespace {

/// A binary op exact on small values of `t`.
std::string exactBinary(Gen &g, ET t) {
  if (isBool(t))
    return g.pick(std::vector<std::string>{"and", "or", "xor"});
  if (isFloat(t))
    return g.pick(std::vector<std::string>{"add", "subtract", "maximum", "minimum"});
  return g.pick(std::vector<std::string>{"add", "subtract", "multiply", "xor", "maximum"});
}

/// `%name = "stablehlo.op"(%a, %b) : (T, T) -> T`, indented for a region.
std::string binaryLine(const std::string &name, const std::string &op,
                       const std::string &a, const std::string &b,
                       const std::string &type) {
  return "      " + name + " = \"stablehlo." + op + "\"(" + a + ", " + b +
         ") : (" + type + ", " + type + ") -> " + type + "\n";
}

std::string returnLine(const std::vector<std::string> &values,
                       const std::vector<std::string> &types) {
  std::string v, t;
  for (size_t i = 0; i < values.size(); ++i) {
    v += (i ? ", " : "") + values[i];
    t += (i ? ", " : "") + types[i];
  }
  return "      \"stablehlo.return\"(" + v + ") : (" + t + ") -> ()\n";
}

std::string constantLine(const std::string &name, int64_t value) {
  return "      " + name + " = \"stablehlo.constant\"() {value = dense<" +
         std::to_string(value) + "> : tensor<i64>} : () -> tensor<i64>\n";
}

bool genWhile(Gen &g, const std::string &) {
  ET t = g.randomType(F | S | U | B);
  Val x = g.ofElement(t, true);
  Val y = g.ofType(x.type, true);
  Val start = g.emit("constant", {}, "value = dense<0> : tensor<i64>",
                     {TensorType{ET::S64, {}}})[0];
  std::string p = "%w" + std::to_string(g.counter) + "_";
  std::string T = x.type.text(), I = "tensor<i64>";
  std::string head = "    ^bb0(" + p + "i: " + I + ", " + p + "a: " + T + "):\n";
  std::string cond =
      head + constantLine(p + "n", g.uniform(0, 3)) + "      " + p +
      "c = \"stablehlo.compare\"(" + p + "i, " + p +
      "n) {comparison_direction = " + enumAttr("comparison_direction", "LT") +
      ", compare_type = " + enumAttr("comparison_type", "SIGNED") + "} : (" + I +
      ", " + I + ") -> tensor<i1>\n" + returnLine({p + "c"}, {"tensor<i1>"});
  std::string body = head + constantLine(p + "one", 1) +
                     binaryLine(p + "j", "add", p + "i", p + "one", I) +
                     binaryLine(p + "b", exactBinary(g, t), p + "a", y.name, T) +
                     returnLine({p + "j", p + "b"}, {I, T});
  g.emit("while", {start, x}, "", {TensorType{ET::S64, {}}, x.type},
         " ({\n" + cond + "    }, {\n" + body + "    })");
  return true;
}

/// One branch of if/case: returns `x op y`, or one of them unchanged.
std::string branch(Gen &g, const std::string &p, const Val &x, const Val &y) {
  std::string T = x.type.text();
  int kind = static_cast<int>(g.uniform(0, 2));
  if (kind == 0)
    return returnLine({x.name}, {T});
  if (kind == 1)
    return returnLine({y.name}, {T});
  return binaryLine(p + "r", exactBinary(g, x.type.element), x.name, y.name, T) +
         returnLine({p + "r"}, {T});
}

bool genIfOrCase(Gen &g, const std::string &op) {
  ET t = g.randomType(F | S | U | B);
  Val x = g.ofElement(t, true);
  Val y = g.ofType(x.type, true);
  bool isIf = op == "if";
  Val selector = g.ofType(TensorType{isIf ? ET::I1 : ET::S32, {}});
  int branches = isIf ? 2 : static_cast<int>(g.uniform(1, 3));
  std::string regions = " (";
  for (int b = 0; b < branches; ++b) {
    std::string p = "%b" + std::to_string(g.counter) + "_" + std::to_string(b) + "_";
    regions += std::string(b ? ", " : "") + "{\n" + branch(g, p, x, y) + "    }";
  }
  g.emit(op, {selector}, "", {x.type}, regions + ")");
  return true;
}

} // namespace

void addControlGenerators(GenTable &t) {
  t["while"] = genWhile;
  t["if"] = genIfOrCase;
  t["case"] = genIfOrCase;
}

} // namespace axle::reference::gen
