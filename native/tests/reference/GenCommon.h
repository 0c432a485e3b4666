//===- GenCommon.h - Shared state of the random program generator -*- C++ -*-//
//
// A program is grown op by op: each op's generator picks operands among the
// values built so far (or new parameters) that fit its type rule, draws its
// attributes, and writes one line of generic-form text through Gen::emit.
// The generators are split by family (GenElementwise, GenShape, GenReduce,
// GenControl, GenIndexing); RandomProgram.cpp assembles them into programs.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_TESTS_REFERENCE_GENCOMMON_H
#define AXLE_TESTS_REFERENCE_GENCOMMON_H

#include "RandomProgram.h"

#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace axle::reference::gen {

using ET = ElementType;

extern const std::vector<ET> kAllTypes;

/// Type classes of elementwise ops.
enum : unsigned { F = 1, S = 2, U = 4, B = 8 };
unsigned classOf(ET t);

/// Float ops whose results are not required to be correctly rounded.
bool isInexact(const std::string &op, ET t);

struct Val {
  std::string name;
  TensorType type;
  bool small = false;  // float data are small half-integers (see header)
  bool usable = true;  // may feed later ops (false for inexact results)
  std::string op;      // producing op, empty for parameters
  bool returned = true; // false: an intermediate @main does not return
};

/// How a parameter's input data are drawn.
enum class InputKind {
  Any,   // random values with NaN, +-inf, -0, integer extremes mixed in
  Small, // small half-integers (exact sums, see RandomProgram.h)
  Fixed, // given by the generator (SPD matrices, in-bounds indices)
};

class Gen {
public:
  explicit Gen(uint64_t seed) : rng(seed) {}

  std::mt19937_64 rng;
  std::vector<Val> vals;
  std::vector<InputKind> paramKinds;
  std::vector<Tensor> fixedInputs; // data of Fixed parameters, else empty
  std::vector<TensorType> params;
  std::vector<std::string> lines;
  int counter = 0;

  int64_t uniform(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  }
  bool chance(double p) {
    return std::uniform_real_distribution<double>(0, 1)(rng) < p;
  }
  template <typename T> const T &pick(const std::vector<T> &v) {
    return v[static_cast<size_t>(uniform(0, static_cast<int64_t>(v.size()) - 1))];
  }

  ET randomType(unsigned classes);
  std::vector<int64_t> randomDims(int maxRank = 3);

  Val param(TensorType type, bool small) {
    return param(std::move(type), small ? InputKind::Small : InputKind::Any);
  }
  Val param(TensorType type, InputKind kind);
  /// A parameter whose input is exactly `data`; other ops may use it too.
  Val fixedParam(const Tensor &data);

  /// An existing usable value accepted by `accept` (70%), else a parameter
  /// of type `make()`. With `needSmall`, float values must be small.
  Val operand(const std::function<bool(const TensorType &)> &accept,
              const std::function<TensorType()> &make, bool needSmall = false);
  Val ofType(const TensorType &t, bool needSmall = false);
  Val ofElement(ET e, bool needSmall = false);

  /// Writes one op; returns its results (also recorded as values).
  std::vector<Val> emit(const std::string &op, const std::vector<Val> &operands,
                        const std::string &attrs,
                        const std::vector<TensorType> &results,
                        const std::string &regions = "");
};

/// Any usable value; data-movement ops take every type.
Val anyValue(Gen &g, bool needSmall = false);

std::string i64s(const std::vector<int64_t> &v);
std::string list(const std::vector<int64_t> &v);
std::string enumAttr(const std::string &kind, const std::string &value);
std::vector<int64_t> permutation(Gen &g, size_t n);

/// Largest reduced-element count whose float sums of small half-integers
/// stay exact (bf16 has 8 significant bits, f16 11).
int64_t exactSumLimit(ET t);
/// A region `({ ^bb0(%lhs, %rhs): %r = op(%lhs, %rhs); return %r })`.
std::string scalarBody(const std::string &op, ET t);

/// Input data of a parameter of `type` drawn as `kind` (Any or Small).
Tensor randomTensor(Gen &g, const TensorType &type, InputKind kind);

/// A generator returns false when it cannot apply to what it drew.
using GenFn = bool (*)(Gen &, const std::string &);
using GenTable = std::map<std::string, GenFn>;

void addElementwiseGenerators(GenTable &table);
void addShapeGenerators(GenTable &table);
void addReduceGenerators(GenTable &table);
void addControlGenerators(GenTable &table);
void addIndexingGenerators(GenTable &table);

} // namespace axle::reference::gen

#endif // AXLE_TESTS_REFERENCE_GENCOMMON_H
