//===- CatalogTest.cpp - StablehloOps.def against the lowering table ------===//
//
// The catalog is the one list of ops: every op in it has a lowering from its
// family (except the Structural ones the driver handles), and no family
// lowers an op the catalog does not name.
//
//===----------------------------------------------------------------------===//

#include "compiler/Lowering.h"
#include "compiler/ScalarOps.h"
#include "compiler/StablehloOps.h"

#include "llvm/ADT/StringSet.h"

#include <gtest/gtest.h>

namespace axle::test {
namespace {

TEST(Catalog, EveryOpHasALoweringAndEveryLoweringAnOp) {
  const lowering::LoweringTable &table = lowering::loweringTable();
  for (const StablehloOp &op : stablehloOps())
    EXPECT_EQ(table.contains(op.name), op.family != OpFamily::Structural)
        << op.name.str();
  for (const auto &entry : table)
    EXPECT_NE(findStablehloOp(entry.getKey()), nullptr)
        << entry.getKey().str() << " is lowered but not in StablehloOps.def";
}

TEST(Catalog, NamesAreUniqueAndScalarOpsHaveFixedArity) {
  llvm::StringSet<> seen;
  for (const StablehloOp &op : stablehloOps()) {
    EXPECT_TRUE(seen.insert(op.name).second) << op.name.str();
    EXPECT_TRUE(op.name.starts_with("stablehlo.")) << op.name.str();
    if (lowering::isScalarOp(op.name)) {
      EXPECT_GE(op.operands, 1) << op.name.str();
    }
  }
  EXPECT_TRUE(lowering::isScalarOp("stablehlo.exponential"));
  EXPECT_FALSE(lowering::isScalarOp("stablehlo.optimization_barrier"));
  EXPECT_FALSE(lowering::isScalarOp("stablehlo.reduce"));
}

} // namespace
} // namespace axle::test
