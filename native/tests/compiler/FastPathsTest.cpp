//===- FastPathsTest.cpp - BLAS contractions and threaded loops ----------===//
//
// Large f32/f64 dot_generals leave the loop nest for a BLAS call that takes
// any strides (RuntimeDot.cpp), and large elementwise loops are split across
// threads (AsyncRuntime.cpp). Small programs in the other tests never reach
// either path; these are big enough to, and compare with plain C++ loops.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include <sys/resource.h>

#include <thread>

namespace axle::test {
namespace {

struct DotCase {
  std::vector<int64_t> lhs, rhs, lhsBatch, rhsBatch, lhsContract, rhsContract;
};

std::string list(const std::vector<int64_t> &v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::vector<int64_t> freeDims(const std::vector<int64_t> &shape,
                              const std::vector<int64_t> &a,
                              const std::vector<int64_t> &b) {
  std::vector<int64_t> free;
  for (int64_t d = 0; d < int64_t(shape.size()); ++d)
    if (std::find(a.begin(), a.end(), d) == a.end() &&
        std::find(b.begin(), b.end(), d) == b.end())
      free.push_back(d);
  return free;
}

/// Row-major strides of `shape`.
std::vector<int64_t> strides(const std::vector<int64_t> &shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;)
    s[i - 1] = s[i] * shape[i];
  return s;
}

/// Visits every index of `sizes` in row-major order.
template <typename F> void forEach(const std::vector<int64_t> &sizes, F f) {
  std::vector<int64_t> index(sizes.size(), 0);
  if (count(sizes) == 0)
    return;
  while (true) {
    f(index);
    size_t axis = sizes.size();
    while (axis > 0 && ++index[axis - 1] == sizes[axis - 1])
      index[--axis] = 0;
    if (axis == 0)
      return;
  }
}

template <typename T> void checkDot(const DotCase &c) {
  std::string e = typeName<T>();
  std::vector<int64_t> lFree = freeDims(c.lhs, c.lhsBatch, c.lhsContract);
  std::vector<int64_t> rFree = freeDims(c.rhs, c.rhsBatch, c.rhsContract);
  std::vector<int64_t> out;
  for (int64_t d : c.lhsBatch)
    out.push_back(c.lhs[d]);
  for (int64_t d : lFree)
    out.push_back(c.lhs[d]);
  for (int64_t d : rFree)
    out.push_back(c.rhs[d]);
  std::string a = tensor(e, c.lhs), b = tensor(e, c.rhs), r = tensor(e, out);
  std::string text = program(
      {a, b}, {r},
      "  %0 = \"stablehlo.dot_general\"(%a, %b) {dot_dimension_numbers = "
      "#stablehlo.dot<lhs_batching_dimensions = " +
          list(c.lhsBatch) + ", rhs_batching_dimensions = " +
          list(c.rhsBatch) + ", lhs_contracting_dimensions = " +
          list(c.lhsContract) + ", rhs_contracting_dimensions = " +
          list(c.rhsContract) + ">} : (" + a + ", " + b + ") -> " + r +
          "\n  \"func.return\"(%0) : (" + r + ") -> ()");
  auto exe = compileOk(text);
  ASSERT_TRUE(exe);
  EXPECT_NE(exe->optimizedProgram().find("axleDot"), std::string::npos)
      << "expected a BLAS call:\n"
      << exe->optimizedProgram();
  auto x = randomData<T>(count(c.lhs), -1, 1, 3);
  auto y = randomData<T>(count(c.rhs), -1, 1, 4);
  auto got = runOne<T>(*exe, {x.data(), y.data()});

  std::vector<int64_t> contractSizes;
  for (int64_t d : c.lhsContract)
    contractSizes.push_back(c.lhs[d]);
  std::vector<int64_t> ls = strides(c.lhs), rs = strides(c.rhs);
  std::vector<T> expected;
  forEach(out, [&](const std::vector<int64_t> &o) {
    int64_t lBase = 0, rBase = 0, k = 0;
    for (size_t i = 0; i < c.lhsBatch.size(); ++i, ++k) {
      lBase += o[k] * ls[c.lhsBatch[i]];
      rBase += o[k] * rs[c.rhsBatch[i]];
    }
    for (int64_t d : lFree)
      lBase += o[k++] * ls[d];
    for (int64_t d : rFree)
      rBase += o[k++] * rs[d];
    double sum = 0;
    forEach(contractSizes, [&](const std::vector<int64_t> &q) {
      int64_t lo = lBase, ro = rBase;
      for (size_t i = 0; i < q.size(); ++i) {
        lo += q[i] * ls[c.lhsContract[i]];
        ro += q[i] * rs[c.rhsContract[i]];
      }
      sum += double(x[lo]) * double(y[ro]);
    });
    expected.push_back(static_cast<T>(sum));
  });
  ASSERT_EQ(got.size(), expected.size());
  double tol = sizeof(T) == 4 ? 1e-4 : 1e-12;
  for (size_t i = 0; i < got.size(); ++i)
    ASSERT_NEAR(got[i], expected[i], tol * (1 + std::fabs(expected[i])))
        << "at " << i;
}

const std::vector<DotCase> kDots = {
    {{64, 48}, {48, 40}, {}, {}, {1}, {0}},               // plain matmul
    {{48, 64}, {48, 40}, {}, {}, {0}, {0}},               // lhs transposed
    {{64, 48}, {40, 48}, {}, {}, {1}, {1}},               // rhs transposed
    {{2000, 30}, {30}, {}, {}, {1}, {0}},                 // matrix · vector
    {{30}, {30, 2000}, {}, {}, {0}, {0}},                 // vector · matrix
    {{6, 32, 24}, {6, 24, 20}, {0}, {0}, {2}, {1}},       // batched
    {{32, 6, 24}, {24, 20, 6}, {1}, {2}, {2}, {0}},       // batch dims inside
    {{8, 16, 8, 12}, {12, 8, 30}, {}, {}, {2, 3}, {1, 0}}, // two contractions
    {{16, 40, 24}, {40, 30}, {}, {}, {1}, {0}},           // free dims not nested
};

TEST(BlasDot, MatchesLoopsForEveryLayoutF32) {
  for (const DotCase &c : kDots)
    checkDot<float>(c);
}

TEST(BlasDot, MatchesLoopsForEveryLayoutF64) {
  for (const DotCase &c : kDots)
    checkDot<double>(c);
}

TEST(BlasDot, ElementwiseProducersAreNotFusedIntoTheCall) {
  std::string a = tensor("f32", {96, 96});
  auto exe = compileOk(program({a, a}, {a}, R"(  %0 = "stablehlo.exponential"(%a) : ()" + a + ") -> " + a + R"(
  %1 = "stablehlo.dot_general"(%0, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : ()" + a + ", " + a + ") -> " + a + R"(
  "func.return"(%1) : ()" + a + ") -> ()"));
  ASSERT_TRUE(exe);
  EXPECT_NE(exe->optimizedProgram().find("axleDotF32"), std::string::npos);
  auto x = randomData<float>(96 * 96, -1, 1, 5);
  auto y = randomData<float>(96 * 96, -1, 1, 6);
  auto got = runOne<float>(*exe, {x.data(), y.data()});
  for (int i = 0; i < 96; i += 7)
    for (int j = 0; j < 96; j += 5) {
      double sum = 0;
      for (int k = 0; k < 96; ++k)
        sum += std::exp(double(x[i * 96 + k])) * y[k * 96 + j];
      ASSERT_NEAR(got[i * 96 + j], sum, 1e-4 * (1 + std::fabs(sum)));
    }
}

/// (x · y + 0.5) · x - y, elementwise, over a shape large enough to be split
/// across threads.
std::unique_ptr<Executable> chain(const std::vector<int64_t> &shape) {
  std::string t = tensor("f32", shape);
  return compileOk(program({t, t}, {t}, R"(  %c = "stablehlo.constant"() <{value = dense<0.5> : )" + t + "}> : () -> " + t + R"(
  %0 = "stablehlo.multiply"(%a, %b) : ()" + t + ", " + t + ") -> " + t + R"(
  %1 = "stablehlo.add"(%0, %c) : ()" + t + ", " + t + ") -> " + t + R"(
  %2 = "stablehlo.multiply"(%1, %a) : ()" + t + ", " + t + ") -> " + t + R"(
  %3 = "stablehlo.subtract"(%2, %b) : ()" + t + ", " + t + ") -> " + t + R"(
  "func.return"(%3) : ()" + t + ") -> ()"));
}

void expectChain(const std::vector<float> &x, const std::vector<float> &y,
                 const std::vector<float> &got) {
  ASSERT_EQ(got.size(), x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    float expected = (x[i] * y[i] + 0.5f) * x[i] - y[i];
    ASSERT_NEAR(got[i], expected, 1e-5f * (1 + std::fabs(expected)))
        << "at " << i;
  }
}

TEST(ParallelLoops, LargeElementwiseLoopsAreSplitAndExact) {
  for (std::vector<int64_t> shape :
       {std::vector<int64_t>{(1 << 20) + 7}, std::vector<int64_t>{1025, 1023}}) {
    auto exe = chain(shape);
    ASSERT_TRUE(exe);
    if (std::thread::hardware_concurrency() > 1)
      EXPECT_NE(exe->optimizedProgram().find("scf.parallel"),
                std::string::npos);
    auto x = randomData<float>(count(shape), -2, 2, 7);
    auto y = randomData<float>(count(shape), -2, 2, 8);
    expectChain(x, y, runOne<float>(*exe, {x.data(), y.data()}));
  }
}

TEST(ParallelLoops, LargeRowReductionsAreSplitAcrossRows) {
  std::string m = tensor("f32", {1024, 777}), v = tensor("f32", {1024});
  auto exe = compileOk(program({m}, {v}, R"(  %z = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
  %0 = "stablehlo.reduce"(%a, %z) ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    %s = "stablehlo.add"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "stablehlo.return"(%s) : (tensor<f32>) -> ()
  }) {dimensions = array<i64: 1>} : ()" + m + ", tensor<f32>) -> " + v + R"(
  "func.return"(%0) : ()" + v + ") -> ()"));
  ASSERT_TRUE(exe);
  if (std::thread::hardware_concurrency() > 1)
    EXPECT_NE(exe->optimizedProgram().find("scf.parallel"), std::string::npos);
  auto x = randomData<float>(1024 * 777, -1, 1, 9);
  auto got = runOne<float>(*exe, {x.data()});
  for (int r = 0; r < 1024; ++r) {
    double sum = 0;
    for (int c = 0; c < 777; ++c)
      sum += x[r * 777 + c];
    ASSERT_NEAR(got[r], sum, 1e-4) << "row " << r;
  }
}

/// Row-wise max, then sum of exp(x - max): the max and the sum over a row
/// run in one loop over rows (RowFusion.cpp).
std::string rowLogSumExp(int64_t rows, int64_t cols,
                         int64_t broadcastDim = 0) {
  std::string m = tensor("f32", {rows, cols}), v = tensor("f32", {rows});
  auto reduce = [&](const std::string &name, const std::string &in,
                    const std::string &init, const std::string &op) {
    return "  %" + name + " = \"stablehlo.reduce\"(%" + in + ", %" + init +
           ") ({\n  ^bb0(%x: tensor<f32>, %y: tensor<f32>):\n    %s = "
           "\"stablehlo." +
           op +
           "\"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n    "
           "\"stablehlo.return\"(%s) : (tensor<f32>) -> ()\n  }) "
           "{dimensions = array<i64: 1>} : (" +
           m + ", tensor<f32>) -> " + v + "\n";
  };
  return program(
      {m}, {v},
      "  %ninf = \"stablehlo.constant\"() <{value = dense<0xFF800000> : "
      "tensor<f32>}> : () -> tensor<f32>\n  %zero = "
      "\"stablehlo.constant\"() <{value = dense<0.0> : tensor<f32>}> : () "
      "-> tensor<f32>\n" +
          reduce("max", "a", "ninf", "maximum") +
          "  %mb = \"stablehlo.broadcast_in_dim\"(%max) "
          "<{broadcast_dimensions = array<i64: " +
          std::to_string(broadcastDim) + ">}> : (" +
          v + ") -> " + m + "\n  %d = \"stablehlo.subtract\"(%a, %mb) : (" +
          m + ", " + m + ") -> " + m +
          "\n  %e = \"stablehlo.exponential\"(%d) : (" + m + ") -> " + m +
          "\n" + reduce("sum", "e", "zero", "add") +
          "  %l = \"stablehlo.log\"(%sum) : (" + v + ") -> " + v +
          "\n  %r = \"stablehlo.add\"(%l, %max) : (" + v + ", " + v +
          ") -> " + v + "\n  \"func.return\"(%r) : (" + v + ") -> ()");
}

TEST(RowFusion, LogSumExpReadsEachRowOnceAndIsExact) {
  for (int threads : {1, 0}) {
    Status status;
    CompileOptions options;
    options.threads = threads;
    auto exe = compileProgram(rowLogSumExp(513, 301), "mlir", status, options);
    ASSERT_TRUE(exe) << status.message;
    const std::string &text = exe->optimizedProgram();
    EXPECT_NE(text.find(threads == 1 ? "scf.for" : "scf.parallel"),
              std::string::npos)
        << text;
    auto x = randomData<float>(513 * 301, -30, 30, 12);
    auto got = runOne<float>(*exe, {x.data()});
    for (int r = 0; r < 513; ++r) {
      double max = -INFINITY, sum = 0;
      for (int c = 0; c < 301; ++c)
        max = std::max(max, double(x[r * 301 + c]));
      for (int c = 0; c < 301; ++c)
        sum += std::exp(x[r * 301 + c] - max);
      ASSERT_NEAR(got[r], max + std::log(sum), 1e-4) << "row " << r;
    }
  }
}

TEST(RowFusion, ASecondOpReadingOtherRowsIsNotFused) {
  // sum_j exp(x[i][j] - max[j]): the second op reads the first one's result
  // at column j, i.e. at other rows than its own; fusing would read maxima
  // not yet computed.
  auto exe = compileOk(rowLogSumExp(400, 400, 1));
  ASSERT_TRUE(exe);
  auto x = randomData<float>(400 * 400, -3, 3, 13);
  auto got = runOne<float>(*exe, {x.data()});
  std::vector<double> max(400, -INFINITY);
  for (int r = 0; r < 400; ++r)
    for (int c = 0; c < 400; ++c)
      max[r] = std::max(max[r], double(x[r * 400 + c]));
  for (int r = 0; r < 400; ++r) {
    double sum = 0;
    for (int c = 0; c < 400; ++c)
      sum += std::exp(x[r * 400 + c] - max[c]);
    ASSERT_NEAR(got[r], max[r] + std::log(sum), 1e-4 * (1 + std::fabs(max[r] + std::log(sum)))) << "row " << r;
  }
}

TEST(RowFusion, AnOpReadingTheRowIndexIsNotFused) {
  // An iota along rows after a row reduction: on a one-row view its row
  // index would always be 0 (the plugin returned all zeros before the check).
  std::string m = tensor("f32", {4096, 64}), v = tensor("f32", {4096});
  Status status;
  auto exe = compileProgram(
      program({m}, {v, m},
              "  %ninf = \"stablehlo.constant\"() <{value = dense<0xFF800000> "
              ": tensor<f32>}> : () -> tensor<f32>\n  %max = "
              "\"stablehlo.reduce\"(%a, %ninf) ({\n  ^bb0(%x: tensor<f32>, %y: "
              "tensor<f32>):\n    %s = \"stablehlo.maximum\"(%x, %y) : "
              "(tensor<f32>, tensor<f32>) -> tensor<f32>\n    "
              "\"stablehlo.return\"(%s) : (tensor<f32>) -> ()\n  }) {dimensions "
              "= array<i64: 1>} : (" +
                  m + ", tensor<f32>) -> " + v +
                  "\n  %i = \"stablehlo.iota\"() <{iota_dimension = 0 : i64}> : "
                  "() -> " +
                  m + "\n  \"func.return\"(%max, %i) : (" + v + ", " + m +
                  ") -> ()"),
      "mlir", status);
  ASSERT_TRUE(exe) << status.message;
  auto x = randomData<float>(4096 * 64, -1, 1, 14);
  std::vector<float> max(4096), iota(4096 * 64);
  const void *in[] = {x.data()};
  void *outs[] = {max.data(), iota.data()};
  ASSERT_TRUE(exe->execute(in, outs).ok());
  for (int r = 0; r < 4096; ++r)
    for (int c = 0; c < 64; ++c)
      ASSERT_EQ(iota[r * 64 + c], float(r)) << "row " << r << " column " << c;
}

TEST(JitAllocator, TemporariesAreReusedNotRefaulted) {
  // exp(x) has two consumers, so its 64 MiB result is a temporary; malloc
  // maps such a block afresh on every call (16k page faults per call).
  std::string t = tensor("f32", {1 << 24});
  Status status;
  CompileOptions options;
  options.threads = 1;
  auto exe = compileProgram(
      program({t}, {t, t}, "  %0 = \"stablehlo.exponential\"(%a) : (" + t +
                               ") -> " + t + "\n  %1 = \"stablehlo.add\"(%0, %a) : (" +
                               t + ", " + t + ") -> " + t +
                               "\n  %2 = \"stablehlo.multiply\"(%0, %a) : (" + t +
                               ", " + t + ") -> " + t + "\n  \"func.return\"(%1, %2) : (" +
                               t + ", " + t + ") -> ()"),
      "mlir", status, options);
  ASSERT_TRUE(exe) << status.message;
  ASSERT_NE(exe->optimizedProgram().find("memref.alloc"), std::string::npos);
  auto x = randomData<float>(1 << 24, -1, 1, 3);
  std::vector<float> sum(1 << 24), product(1 << 24);
  const void *in[] = {x.data()};
  void *outs[] = {sum.data(), product.data()};
  ASSERT_TRUE(exe->execute(in, outs).ok());
  rusage before, after;
  getrusage(RUSAGE_SELF, &before);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(exe->execute(in, outs).ok());
  getrusage(RUSAGE_SELF, &after);
  EXPECT_LT((after.ru_minflt - before.ru_minflt) / 5.0, 64.0);
  for (size_t i = 0; i < x.size(); i += 4099)
    ASSERT_NEAR(product[i], std::exp(x[i]) * x[i], 1e-5);
}

TEST(ParallelLoops, SingleThreadOptionKeepsLoopsSequential) {
  std::string t = tensor("f32", {1 << 20});
  Status status;
  CompileOptions options;
  options.threads = 1;
  auto exe = compileProgram(
      program({t}, {t}, "  %0 = \"stablehlo.negate\"(%a) : (" + t + ") -> " +
                            t + "\n  \"func.return\"(%0) : (" + t + ") -> ()"),
      "mlir", status, options);
  ASSERT_TRUE(exe) << status.message;
  EXPECT_EQ(exe->optimizedProgram().find("scf.parallel"), std::string::npos);
}

TEST(ParallelLoops, ConcurrentCallsShareThePool) {
  auto exe = chain({1 << 19});
  ASSERT_TRUE(exe);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      auto x = randomData<float>(1 << 19, -2, 2, 10 + t);
      auto y = randomData<float>(1 << 19, -2, 2, 20 + t);
      std::vector<float> out(1 << 19);
      for (int round = 0; round < 10; ++round) {
        const void *in[] = {x.data(), y.data()};
        void *outs[] = {out.data()};
        if (!exe->execute(in, outs).ok())
          ++failures[t];
        for (size_t i = 0; i < out.size(); i += 101)
          if (std::fabs(out[i] - ((x[i] * y[i] + 0.5f) * x[i] - y[i])) >
              1e-5f * (1 + std::fabs(out[i])))
            ++failures[t];
      }
    });
  for (auto &t : threads)
    t.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

} // namespace
} // namespace axle::test
