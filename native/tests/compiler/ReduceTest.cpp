//===- ReduceTest.cpp - stablehlo.reduce against C++ loops ----------------===//

#include "TestUtil.h"

#include <limits>

namespace axle::test {
namespace {

/// reduce over `dims` of a 2x3x4 input with `bodyOp` and init `init`.
template <typename T>
std::string reduceProgram(const std::string &bodyOp, const std::string &init,
                          const std::string &dimsAttr,
                          const std::vector<int64_t> &outDims) {
  std::string e = typeName<T>(), in = tensor(e, {2, 3, 4}),
              out = tensor(e, outDims), s = tensor(e, {});
  return "func.func public @main(%a: " + in + ") -> " + out + " {\n" +
         "  %init = \"stablehlo.constant\"() <{value = dense<" + init +
         "> : " + s + "}> : () -> " + s + "\n" +
         "  %r = \"stablehlo.reduce\"(%a, %init) ({\n" + "  ^bb0(%x: " + s +
         ", %y: " + s + "):\n" + "    %z = \"stablehlo." + bodyOp +
         "\"(%x, %y) : (" + s + ", " + s + ") -> " + s + "\n" +
         "    \"stablehlo.return\"(%z) : (" + s + ") -> ()\n" +
         "  }) {dimensions = array<i64" +
         (dimsAttr.empty() ? "" : ": " + dimsAttr) + ">} : (" + in + ", " + s +
         ") -> " + out + "\n" + "  \"func.return\"(%r) : (" + out +
         ") -> ()\n}\n";
}

/// Reference: reduce a 2x3x4 row-major array over the dims in `reduced`.
template <typename T, typename F>
std::vector<T> reduceRef(const std::vector<T> &a, std::vector<bool> reduced,
                         T init, F f) {
  int64_t dims[3] = {2, 3, 4};
  int64_t outSize = 1;
  for (int d = 0; d < 3; ++d)
    if (!reduced[d])
      outSize *= dims[d];
  std::vector<T> out(outSize, init);
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j)
      for (int64_t k = 0; k < 4; ++k) {
        int64_t idx[3] = {i, j, k}, o = 0;
        for (int d = 0; d < 3; ++d)
          if (!reduced[d])
            o = o * dims[d] + idx[d];
        out[o] = f(out[o], a[(i * 3 + j) * 4 + k]);
      }
  return out;
}

TEST(Reduce, SumOverEverySetOfDimensions) {
  auto a = randomData<float>(24, -1, 1, 11);
  struct Case {
    std::string attr;
    std::vector<bool> reduced;
    std::vector<int64_t> out;
  } cases[] = {{"1", {false, true, false}, {2, 4}},
               {"0, 2", {true, false, true}, {3}},
               {"0, 1, 2", {true, true, true}, {}},
               {"", {false, false, false}, {2, 3, 4}}};
  for (const Case &c : cases) {
    SCOPED_TRACE("dims " + c.attr);
    auto exe = compileOk(reduceProgram<float>("add", "0.0", c.attr, c.out));
    ASSERT_TRUE(exe);
    expectAllClose(reduceRef<float>(a, c.reduced, 0.0f, std::plus<float>()),
                   runOne<float>(*exe, {a.data()}));
  }
}

TEST(Reduce, BodiesAndTypes) {
  auto f = randomData<double>(24, -5, 5, 12);
  auto i = randomData<int32_t>(24, -100, 100, 13);
  auto u = randomData<uint32_t>(24, 0, 4294967295.0, 14);
  std::vector<bool> r = {false, false, true};
  auto run = [](const std::string &program, const void *data) {
    auto exe = compileOk(program);
    return exe;
  };
  auto ef =
      run(reduceProgram<double>("multiply", "1.0", "2", {2, 3}), f.data());
  ASSERT_TRUE(ef);
  expectAllClose(reduceRef<double>(f, r, 1.0, std::multiplies<double>()),
                 runOne<double>(*ef, {f.data()}));
  auto ei = run(reduceProgram<int32_t>("maximum", "-2147483648", "2", {2, 3}),
                i.data());
  ASSERT_TRUE(ei);
  EXPECT_EQ(
      reduceRef<int32_t>(i, r, std::numeric_limits<int32_t>::min(),
                         [](int32_t x, int32_t y) { return std::max(x, y); }),
      runOne<int32_t>(*ei, {i.data()}));
  auto eu = run(reduceProgram<uint32_t>("minimum", "4294967295", "2", {2, 3}),
                u.data());
  ASSERT_TRUE(eu);
  EXPECT_EQ(reduceRef<uint32_t>(
                u, r, 0xFFFFFFFFu,
                [](uint32_t x, uint32_t y) { return std::min(x, y); }),
            runOne<uint32_t>(*eu, {u.data()}));
  auto ea = run(reduceProgram<uint32_t>("add", "0", "0, 1, 2", {}), u.data());
  ASSERT_TRUE(ea);
  EXPECT_EQ(
      reduceRef<uint32_t>(u, {true, true, true}, 0u, std::plus<uint32_t>()),
      runOne<uint32_t>(*ea, {u.data()}));
}

TEST(Reduce, BooleanAndOr) {
  std::vector<uint8_t> p(24, 1);
  p[5] = 0;
  for (auto [op, init, expected] :
       {std::make_tuple("and", "true", std::vector<uint8_t>{0, 1}),
        std::make_tuple("or", "false", std::vector<uint8_t>{1, 1})}) {
    auto exe = compileOk(reduceProgram<uint8_t>(op, init, "1, 2", {2}));
    ASSERT_TRUE(exe);
    EXPECT_EQ(runOne<uint8_t>(*exe, {p.data()}), expected) << op;
  }
}

TEST(Reduce, NaNPropagatesThroughMaximum) {
  std::vector<float> a(24, 1.0f);
  a[3] = std::numeric_limits<float>::quiet_NaN();
  auto exe =
      compileOk(reduceProgram<float>("maximum", "0xFF800000", "2", {2, 3}));
  ASSERT_TRUE(exe);
  auto out = runOne<float>(*exe, {a.data()});
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_EQ(out[1], 1.0f);
}

TEST(Reduce, TwoOperandsAtOnce) {
  auto exe = compileOk(R"(
func.func public @main(%a: tensor<2x3xf32>, %b: tensor<2x3xi32>) -> (tensor<2xf32>, tensor<2xi32>) {
  %z = "stablehlo.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
  %i = "stablehlo.constant"() <{value = dense<1> : tensor<i32>}> : () -> tensor<i32>
  %r:2 = "stablehlo.reduce"(%a, %b, %z, %i) ({
  ^bb0(%x: tensor<f32>, %p: tensor<i32>, %y: tensor<f32>, %q: tensor<i32>):
    %s = "stablehlo.add"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    %m = "stablehlo.multiply"(%p, %q) : (tensor<i32>, tensor<i32>) -> tensor<i32>
    "stablehlo.return"(%s, %m) : (tensor<f32>, tensor<i32>) -> ()
  }) {dimensions = array<i64: 1>} : (tensor<2x3xf32>, tensor<2x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
  "func.return"(%r#0, %r#1) : (tensor<2xf32>, tensor<2xi32>) -> ()
}
)");
  ASSERT_TRUE(exe);
  std::vector<float> a = {1, 2, 3, 4, 5, 6};
  std::vector<int32_t> b = {1, 2, 3, -1, 5, 2};
  std::vector<float> sums(2);
  std::vector<int32_t> products(2);
  const void *in[] = {a.data(), b.data()};
  void *out[] = {sums.data(), products.data()};
  ASSERT_TRUE(exe->execute(in, out).ok());
  EXPECT_EQ(sums, (std::vector<float>{6, 15}));
  EXPECT_EQ(products, (std::vector<int32_t>{6, -10}));
}

} // namespace
} // namespace axle::test
