//===- StablehloOps.cpp - The catalog of StableHLO ops, in C++ ------------===//

#include "StablehloOps.h"

#include "llvm/ADT/StringMap.h"

namespace axle {

llvm::ArrayRef<StablehloOp> stablehloOps() {
  static const StablehloOp ops[] = {
#define AXLE_STABLEHLO_OP(Ident, Name, Operands, Family)                       \
  {Name, Operands, OpFamily::Family},
#include "StablehloOps.def"
  };
  return ops;
}

const StablehloOp *findStablehloOp(llvm::StringRef name) {
  static const llvm::StringMap<const StablehloOp *> byName = [] {
    llvm::StringMap<const StablehloOp *> map;
    for (const StablehloOp &op : stablehloOps())
      map[op.name] = &op;
    return map;
  }();
  return byName.lookup(name);
}

} // namespace axle
