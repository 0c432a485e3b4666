//===- ApproximationTest.cpp - f32 transcendentals against libm ----------===//
//
// f32 exp, log and tanh are inline polynomials (Pipeline.cpp), not libm
// calls. This sweeps every 61st f32 bit pattern of each function's domain
// (~70 million values per function over all tests, run in 1M-element
// programs) and bounds the error in ulps against libm's double result rounded
// to f32; special values must match exactly. Measured (and asserted): exp
// 1 ulp in the ldexp form (AVX-512 hosts, ExpScalef.cpp), 2 in the portable
// form (1 below zero), log 1, tanh 4 (Eigen's small-argument cut-over near
// 1e-3), logistic, expm1 and log1p 2. Both exp forms are swept on any host
// (AXLE_EXP_FORM; the ldexp form is correct everywhere, only slow without
// AVX-512).
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include <cmath>
#include <cstring>
#include <functional>

namespace axle::test {
namespace {

constexpr int64_t kChunk = 1 << 20;

/// Distance in representable f32 values; NaN agrees only with NaN.
int64_t ulpDistance(float a, float b) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) && std::isnan(b) ? 0 : INT64_MAX;
  auto ordered = [](float f) {
    int32_t i;
    std::memcpy(&i, &f, sizeof i);
    return i < 0 ? -int64_t(i & 0x7fffffff) : int64_t(i);
  };
  return std::llabs(ordered(a) - ordered(b));
}

struct Sweep {
  int64_t maxUlp = 0;
  float worstInput = 0;
  int64_t count = 0;
};

/// Runs `op` over f32 bit patterns in [first, last] with `stride` plus the
/// given specials, against `reference`.
Sweep sweep(const std::string &op, uint32_t first, uint32_t last,
            uint32_t stride, std::vector<float> specials,
            const std::function<double(double)> &reference) {
  std::string t = tensor("f32", {kChunk});
  auto exe = compileOk(program({t}, {t},
                               "  %0 = \"stablehlo." + op + "\"(%a) : (" + t +
                                   ") -> " + t + "\n  \"func.return\"(%0) : (" +
                                   t + ") -> ()"));
  Sweep result;
  if (!exe)
    return result;
  std::vector<float> inputs = std::move(specials);
  for (uint64_t bits = first; bits <= last; bits += stride) {
    float f;
    uint32_t b32 = static_cast<uint32_t>(bits);
    std::memcpy(&f, &b32, sizeof f);
    inputs.push_back(f);
  }
  for (size_t start = 0; start < inputs.size(); start += kChunk) {
    std::vector<float> chunk(kChunk, 1.0f);
    size_t n = std::min<size_t>(kChunk, inputs.size() - start);
    std::copy_n(inputs.begin() + start, n, chunk.begin());
    auto out = runOne<float>(*exe, {chunk.data()});
    for (size_t i = 0; i < n; ++i) {
      float expected = static_cast<float>(reference(chunk[i]));
      int64_t d = ulpDistance(out[i], expected);
      if (d > result.maxUlp) {
        result.maxUlp = d;
        result.worstInput = chunk[i];
      }
    }
    result.count += n;
  }
  return result;
}

const std::vector<float> kSpecials = {0.0f,      -0.0f, INFINITY, -INFINITY,
                                      NAN,       1.0f,  -1.0f,    1e-45f,
                                      -1e-45f,   1e-38f, 3.4e38f, -3.4e38f};

void expectWithin(const std::string &op, const Sweep &s, int64_t bound) {
  ::testing::Test::RecordProperty(op + "_max_ulp", std::to_string(s.maxUlp));
  std::printf("%-24s %10lld values, max error %lld ulp (at %.9g)\n",
              op.c_str(), static_cast<long long>(s.count),
              static_cast<long long>(s.maxUlp), s.worstInput);
  EXPECT_GT(s.count, 1000000);
  EXPECT_LE(s.maxUlp, bound) << op << " worst at " << s.worstInput;
}

constexpr uint32_t kStride = 61;
constexpr uint32_t kPositiveFinite = 0x7f7fffff;
constexpr uint32_t kNegativeFinite = 0xff7fffff;

TEST(Approximation, ExpWithinBoundOverItsWholeRange) {
  double (*ref)(double) = std::exp;
  // Positives up to overflow (~88.7), negatives down to total underflow.
  expectWithin("exp+", sweep("exponential", 0, 0x42b20000, kStride, kSpecials, ref), 2);
  expectWithin("exp-", sweep("exponential", 0x80000000, 0xc2d00000, kStride, {}, ref), 2);
}

/// Compiles with one exp form while alive (the choice is made per compile).
struct ExpForm {
  explicit ExpForm(const char *form) { setenv("AXLE_EXP_FORM", form, 1); }
  ~ExpForm() { unsetenv("AXLE_EXP_FORM"); }
};

void sweepExpForm(const char *form, int64_t expBound) {
  ExpForm chosen(form);
  double (*ref)(double) = std::exp;
  auto logistic = [](double x) { return 1 / (1 + std::exp(-x)); };
  expectWithin("exp+", sweep("exponential", 0, 0x42b20000, kStride, kSpecials, ref), expBound);
  expectWithin("exp-", sweep("exponential", 0x80000000, 0xc2d00000, kStride, {}, ref), expBound);
  expectWithin("logistic", sweep("logistic", 0, kNegativeFinite, 997, kSpecials, logistic), 4);
}

TEST(Approximation, PortableExpWithinBoundOverItsWholeRange) { sweepExpForm("portable", 2); }

TEST(Approximation, ScalefExpWithinBoundOverItsWholeRange) { sweepExpForm("scalef", 1); }

TEST(Approximation, LogWithinBoundOverItsWholeRange) {
  double (*ref)(double) = std::log;
  expectWithin("log", sweep("log", 0, kPositiveFinite, kStride, kSpecials, ref), 2);
}

TEST(Approximation, TanhWithinBoundOverItsWholeRange) {
  double (*ref)(double) = std::tanh;
  expectWithin("tanh+", sweep("tanh", 0, 0x41200000, kStride, kSpecials, ref), 4);
  expectWithin("tanh-", sweep("tanh", 0x80000000, 0xc1200000, kStride, {}, ref), 4);
}

TEST(Approximation, FunctionsBuiltOnExpAndLogStayClose) {
  auto logistic = [](double x) { return 1 / (1 + std::exp(-x)); };
  double (*expm1)(double) = std::expm1;
  double (*log1p)(double) = std::log1p;
  expectWithin("logistic", sweep("logistic", 0, kNegativeFinite, 997, kSpecials, logistic), 4);
  expectWithin("expm1", sweep("exponential_minus_one", 0, 0xc2d00000, 997, kSpecials, expm1), 4);
  expectWithin("log1p", sweep("log_plus_one", 0, 0xbf800000, 997, kSpecials, log1p), 4);
}

} // namespace
} // namespace axle::test
