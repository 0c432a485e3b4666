//===- DifferentialTest.cpp - Compiled path against the reference evaluator ===//
//
// For every op the random generator knows, kProgramsPerOp seeded programs in
// which the op appears are compiled with axle::compileProgram, run, and
// compared with the reference evaluator, result by result.
//
// Agreement required:
//   - integers and i1: bit-exact;
//   - floats, correctly rounded ops (add, subtract, multiply, divide,
//     remainder, sqrt, min/max, abs, negate, sign, floor, ceil, rounding,
//     convert, select, clamp, data movement; and reductions/dot_general,
//     whose float operands are built to make every partial sum exact):
//     bit-exact, except that any NaN matches any NaN;
//   - floats, transcendentals (exponential, exponential_minus_one, log,
//     log_plus_one, logistic, sine, cosine, tan, tanh, rsqrt, cbrt, power,
//     atan2): NaN positions equal, infinities equal, and otherwise within
//     kTranscendentalUlps[type] units in the last place. The reference is
//     the double-precision libm result rounded once, i.e. within ~0.5 ulp of
//     the true value. f32: 4 ulps, the accuracy vectorised polynomial
//     approximations (MLIR's, XLA's) are designed for, above libm's ~1 ulp;
//     f64: 2 ulps (glibc's documented worst cases for these functions are 1-2
//     ulps); f16/bf16: 1 ulp (computing in f32 and rounding once can land on
//     the other neighbour of a near-tie, never further).
//
// An op the compiler rejects fails the test: every op here is in issue 3's
// required set. Only the first failing program of each op is printed in
// full, as a reproducer.
//
//===----------------------------------------------------------------------===//

#include "Evaluator.h"
#include "RandomProgram.h"

#include "Compiler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <csignal>
#include <cstring>
#include <atomic>
#include <set>
#include <thread>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

namespace axle::reference {
namespace {

constexpr int kProgramsPerOp = 12;

bool isTranscendental(const std::string &op) {
  static const std::set<std::string> ops = {
      "stablehlo.exponential", "stablehlo.exponential_minus_one",
      "stablehlo.log",         "stablehlo.log_plus_one",
      "stablehlo.logistic",    "stablehlo.sine",
      "stablehlo.cosine",      "stablehlo.tan",
      "stablehlo.tanh",        "stablehlo.rsqrt",
      "stablehlo.cbrt",        "stablehlo.power",
      "stablehlo.atan2"};
  return ops.count(op) != 0;
}

uint64_t ulpBound(const std::string &op, ElementType t) {
  if (!isFloat(t) || !isTranscendental(op))
    return 0;
  switch (t) {
  case ElementType::F32:
    return 4;
  case ElementType::F64:
    return 2;
  default:
    return 1;
  }
}

/// Distance in representable values, with +0 and -0 one apart.
uint64_t ulpDistance(ElementType t, uint64_t a, uint64_t b) {
  unsigned w = bitWidth(t);
  uint64_t sign = uint64_t(1) << (w - 1);
  auto key = [&](uint64_t bits) {
    int64_t magnitude = static_cast<int64_t>(bits & (sign - 1));
    return (bits & sign) ? -magnitude - 1 : magnitude;
  };
  int64_t ka = key(a), kb = key(b);
  return ka > kb ? static_cast<uint64_t>(ka - kb) : static_cast<uint64_t>(kb - ka);
}

/// Empty when `actual` agrees with `expected`; otherwise the first mismatch.
std::string compareTensors(const Tensor &expected, const Tensor &actual,
                           uint64_t bound) {
  ElementType t = expected.element();
  for (int64_t i = 0; i < expected.size(); ++i) {
    uint64_t e = expected.bits(i), a = actual.bits(i);
    bool ok = e == a;
    if (!ok && isFloat(t)) {
      double ev = expected.getFloat(i), av = actual.getFloat(i);
      if (std::isnan(ev) || std::isnan(av))
        ok = std::isnan(ev) && std::isnan(av);
      else if (std::isinf(ev) || std::isinf(av))
        ok = false;
      else
        ok = ulpDistance(t, e, a) <= bound;
    }
    if (!ok) {
      std::ostringstream os;
      os << "element " << i << ": reference " << expected.format(i)
         << ", compiled " << actual.format(i);
      if (isFloat(t))
        os << " (" << ulpDistance(t, e, a) << " ulps, bound " << bound << ")";
      return os.str();
    }
  }
  return {};
}

std::string allValues(const Tensor &t) {
  std::string s;
  for (int64_t i = 0; i < t.size() && i < 24; ++i)
    s += (i ? ", " : "") + t.format(i);
  return "[" + s + (t.size() > 24 ? ", ..." : "") + "]";
}

std::string reproducer(const RandomProgram &p) {
  std::string s = p.text + "inputs:\n";
  for (size_t i = 0; i < p.inputs.size(); ++i)
    s += "  %arg" + std::to_string(i) + " = " + denseLiteral(p.inputs[i]) + "  " +
         allValues(p.inputs[i]) + "\n";
  return s;
}

/// Where runDifferential is, written to this pipe so that the parent can tell
/// where a crashing child stopped; -1 when not isolated.
int stageFd = -1;

void stage(const std::string &what) {
  if (stageFd < 0)
    return;
  std::string line = "\x01" + what + "\n";
  ssize_t written = ::write(stageFd, line.data(), line.size());
  (void)written;
}

/// Runs one program both ways; empty when they agree, else what differs.
std::string runDifferential(const RandomProgram &p) {
  stage("reference");
  std::string error;
  auto reference = Evaluator::parse(p.text, error);
  if (!reference)
    return "reference evaluator cannot parse: " + error;
  std::vector<Tensor> expected;
  if (!reference->run(p.inputs, expected, error))
    return "reference evaluator failed: " + error;

  stage("compile");
  Status status;
  std::unique_ptr<Executable> exe = compileProgram(p.text, "mlir", status);
  if (!exe)
    return "compile failed (code " + std::to_string(status.code) + "): " + status.message;
  if (exe->results().size() != expected.size())
    return "compiled program has " + std::to_string(exe->results().size()) + " results";
  std::vector<Tensor> actual;
  std::vector<void *> outputs;
  for (const Tensor &e : expected) {
    actual.emplace_back(e.type());
    outputs.push_back(actual.back().bytes().data());
  }
  for (size_t j = 0; j < expected.size(); ++j)
    if (exe->results()[j].byteSize() != expected[j].bytes().size())
      return "result " + std::to_string(j) + " has a different byte size";
  std::vector<const void *> inputs;
  for (const Tensor &t : p.inputs)
    inputs.push_back(t.bytes().data());
  stage("execute");
  status = exe->execute(inputs.data(), outputs.data());
  if (!status.ok())
    return "execute failed: " + status.message;

  std::string report;
  for (size_t j = 0; j < expected.size(); ++j) {
    std::string op = p.resultOps[j];
    std::string diff =
        compareTensors(expected[j], actual[j], ulpBound(op, expected[j].element()));
    if (!diff.empty())
      report += "result " + std::to_string(j) + " (" + op + ", " +
                expected[j].type().text() + "): " + diff + "\n  reference " +
                allValues(expected[j]) + "\n  compiled  " + allValues(actual[j]) + "\n";
  }
  return report;
}

/// runDifferential in a child process, so a crash in the compiler or in the
/// compiled code is reported as this program's failure instead of ending the
/// whole test binary.
std::string runIsolated(const RandomProgram &p) {
  int fds[2];
  if (::pipe(fds) != 0)
    return "pipe failed: " + std::string(std::strerror(errno));
  pid_t pid = ::fork();
  if (pid < 0)
    return "fork failed: " + std::string(std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    stageFd = fds[1];
    std::string result = "\x02" + runDifferential(p);
    size_t done = 0;
    while (done < result.size()) {
      ssize_t n = ::write(fds[1], result.data() + done, result.size() - done);
      if (n <= 0)
        break;
      done += static_cast<size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string output;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
    output.append(buffer, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  size_t result = output.find('\x02');
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && result != std::string::npos)
    return output.substr(result + 1);
  std::string where = "?";
  size_t mark = output.rfind('\x01');
  if (mark != std::string::npos)
    where = output.substr(mark + 1, output.find('\n', mark) - mark - 1);
  std::string how = WIFSIGNALED(status)
                        ? "signal " + std::to_string(WTERMSIG(status)) + " (" +
                              strsignal(WTERMSIG(status)) + ")"
                        : "exit status " + std::to_string(WEXITSTATUS(status));
  return "CRASH during " + where + ": " + how + "\n";
}

class Differential : public ::testing::TestWithParam<std::string> {};

/// The first two lines of a failure, for the per-op summary.
std::string headline(const std::string &diff) {
  size_t first = diff.find('\n');
  size_t second = first == std::string::npos ? first : diff.find('\n', first + 1);
  return diff.substr(0, second);
}

TEST_P(Differential, CompiledMatchesReference) {
  const std::string &op = GetParam();
  // Programs are generated here, then run two at a time in forked children
  // (the parent threads only fork and wait, never compile).
  std::vector<RandomProgram> programs;
  for (int seed = 1; seed <= kProgramsPerOp; ++seed) {
    programs.push_back(generateProgram(op, static_cast<uint64_t>(seed)));
    ASSERT_FALSE(programs.back().text.empty()) << "no generator for " << op;
  }
  std::vector<std::string> diffs(programs.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < programs.size();)
      diffs[i] = runIsolated(programs[i]);
  };
  std::thread helper(worker);
  worker();
  helper.join();
  int failures = 0;
  std::string first, summary;
  for (size_t i = 0; i < programs.size(); ++i) {
    const std::string &diff = diffs[i];
    if (diff.empty())
      continue;
    std::string seed = std::to_string(i + 1);
    if (failures++ == 0)
      first = "seed " + seed + ": " + diff + "\n" + reproducer(programs[i]);
    summary += "  seed " + seed + ": " + headline(diff) + "\n";
  }
  EXPECT_EQ(failures, 0) << op << ": " << failures << " of " << kProgramsPerOp
                         << " programs disagree:\n"
                         << summary << "first in full:\n"
                         << first;
}

INSTANTIATE_TEST_SUITE_P(
    Ops, Differential, ::testing::ValuesIn(generatedOps()),
    [](const ::testing::TestParamInfo<std::string> &info) { return info.param; });

/// The generator itself must produce programs the evaluator accepts; if not,
/// the differential results above would test nothing.
TEST(RandomProgram, EveryGeneratedProgramRunsOnTheReference) {
  for (const std::string &op : generatedOps())
    for (uint64_t seed = 100; seed < 110; ++seed) {
      RandomProgram p = generateProgram(op, seed);
      std::string error;
      auto evaluator = Evaluator::parse(p.text, error);
      ASSERT_TRUE(evaluator) << op << " seed " << seed << ": " << error << "\n" << p.text;
      std::vector<Tensor> out;
      EXPECT_TRUE(evaluator->run(p.inputs, out, error))
          << op << " seed " << seed << ": " << error << "\n" << p.text;
      EXPECT_NE(p.text.find("\"stablehlo." + op + "\""), std::string::npos) << p.text;
    }
}

/// cholesky and triangular_solve get inputs built to have exact finite
/// solutions; NaN would match NaN and hide a broken comparison.
TEST(RandomProgram, LinearAlgebraInputsHaveFiniteExactSolutions) {
  for (const char *op : {"cholesky", "triangular_solve"})
    for (uint64_t seed = 1; seed <= 12; ++seed) {
      RandomProgram p = generateProgram(op, seed);
      std::string error;
      auto evaluator = Evaluator::parse(p.text, error);
      ASSERT_TRUE(evaluator) << error;
      std::vector<Tensor> out;
      ASSERT_TRUE(evaluator->run(p.inputs, out, error)) << error;
      for (size_t j = 0; j < out.size(); ++j) {
        if (p.resultOps[j] != std::string("stablehlo.") + op)
          continue;
        for (int64_t i = 0; i < out[j].size(); ++i) {
          double v = out[j].getFloat(i);
          EXPECT_TRUE(std::isfinite(v) && v == std::round(v))
              << op << " seed " << seed << " element " << i << " = " << v << "\n"
              << p.text;
        }
      }
    }
}

TEST(RandomProgram, IsDeterministicInItsSeed) {
  EXPECT_EQ(generateProgram("pad", 7).text, generateProgram("pad", 7).text);
  EXPECT_NE(generateProgram("pad", 7).text, generateProgram("pad", 8).text);
}

} // namespace
} // namespace axle::reference
