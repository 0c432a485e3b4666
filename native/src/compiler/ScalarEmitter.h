//===- ScalarEmitter.h - Shared helpers of the scalar emitters -*- C++ -*-===//
//
// Private to the Scalar*.cpp files: the small builder wrapper they share and
// the classification of StableHLO element types into the four kinds whose
// semantics differ (float, signed, unsigned, boolean).
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_COMPILER_SCALAREMITTER_H
#define AXLE_COMPILER_SCALAREMITTER_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

#include <string>

namespace axle::lowering {

enum class Kind { Float, Signed, Unsigned, Bool };

inline Kind kindOf(mlir::Type type) {
  if (mlir::isa<mlir::FloatType>(type))
    return Kind::Float;
  auto integer = mlir::cast<mlir::IntegerType>(type);
  if (integer.getWidth() == 1)
    return Kind::Bool;
  return integer.isUnsigned() ? Kind::Unsigned : Kind::Signed;
}

/// Scalar emission at one location.
struct Emitter {
  mlir::OpBuilder &b;
  mlir::Location loc;

  mlir::Value intConst(mlir::Type type, const llvm::APInt &value) {
    return mlir::arith::ConstantOp::create(b, loc,
                                           b.getIntegerAttr(type, value));
  }
  mlir::Value intConst(mlir::Type type, int64_t value) {
    return intConst(type, llvm::APInt(type.getIntOrFloatBitWidth(), value,
                                      /*isSigned=*/true,
                                      /*implicitTrunc=*/true));
  }
  mlir::Value floatConst(mlir::Type type, double value) {
    return mlir::arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
  }
  mlir::Value cmpi(mlir::arith::CmpIPredicate p, mlir::Value x, mlir::Value y) {
    return mlir::arith::CmpIOp::create(b, loc, p, x, y);
  }
  mlir::Value cmpf(mlir::arith::CmpFPredicate p, mlir::Value x, mlir::Value y) {
    return mlir::arith::CmpFOp::create(b, loc, p, x, y);
  }
  mlir::Value select(mlir::Value c, mlir::Value x, mlir::Value y) {
    return mlir::arith::SelectOp::create(b, loc, c, x, y);
  }
  mlir::Value bitcast(mlir::Type type, mlir::Value x) {
    return mlir::arith::BitcastOp::create(b, loc, type, x);
  }

  /// Widens f16/bf16 to f32 (exact); other values unchanged.
  mlir::Value widenHalf(mlir::Value x);
  /// Rounds an f32 or f64 value to the float type `to` to nearest even, with
  /// a single rounding (f64 -> 16-bit goes through f32 rounded to odd).
  mlir::Value roundFloat(mlir::Value x, mlir::Type to);

  mlir::Value maximum(Kind kind, mlir::Value x, mlir::Value y);
  mlir::Value minimum(Kind kind, mlir::Value x, mlir::Value y);
  mlir::Value compare(mlir::Operation *op, Kind kind, mlir::Value x,
                      mlir::Value y, std::string &error);
  /// A float op on f32/f64 operands (16-bit floats are widened by the caller).
  mlir::Value floatOp(llvm::StringRef name, mlir::ValueRange a);
  mlir::Value integerOp(llvm::StringRef name, Kind kind, mlir::ValueRange a);
};

/// The last word of an opaque enum attribute: `#stablehlo<comparison_direction
/// LT>` -> "LT". Empty when absent.
std::string enumWord(mlir::Attribute attr);

} // namespace axle::lowering

#endif // AXLE_COMPILER_SCALAREMITTER_H
