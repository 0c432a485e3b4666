//===- Tensor.h - Host tensors for the reference evaluator -----*- C++ -*-===//
//
// A deliberately plain tensor: element type, dimensions and a dense row-major
// byte vector laid out exactly like the PJRT buffers the compiled path reads
// and writes (i1 takes one byte). Elements are read and written through wide
// host types (double, int64, uint64); every write rounds or wraps to the
// element type, so each op computes "in infinite precision, then rounds once".
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_TESTS_REFERENCE_TENSOR_H
#define AXLE_TESTS_REFERENCE_TENSOR_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace axle::reference {

enum class ElementType { I1, S8, S16, S32, S64, U8, U16, U32, U64, F16, BF16, F32, F64 };

bool isFloat(ElementType t);
bool isSigned(ElementType t);   // S8..S64
bool isUnsigned(ElementType t); // U8..U64 (not I1)
bool isBool(ElementType t);
unsigned bitWidth(ElementType t);
unsigned byteWidth(ElementType t);
/// The MLIR spelling: f32, bf16, i1, i8 (signed), ui8, ...
std::string typeName(ElementType t);
std::optional<ElementType> parseTypeName(const std::string &name);

/// Element type and dimensions.
struct TensorType {
  ElementType element = ElementType::F32;
  std::vector<int64_t> dims;

  int64_t numElements() const;
  /// `tensor<2x3xf32>`, `tensor<f32>` for rank 0.
  std::string text() const;
  bool operator==(const TensorType &o) const {
    return element == o.element && dims == o.dims;
  }
  bool operator!=(const TensorType &o) const { return !(*this == o); }
};

class Tensor {
public:
  Tensor() = default;
  explicit Tensor(TensorType type);

  const TensorType &type() const { return type_; }
  ElementType element() const { return type_.element; }
  const std::vector<int64_t> &dims() const { return type_.dims; }
  int64_t rank() const { return static_cast<int64_t>(type_.dims.size()); }
  int64_t size() const { return type_.numElements(); }

  std::vector<uint8_t> &bytes() { return data_; }
  const std::vector<uint8_t> &bytes() const { return data_; }

  /// Raw bits of element `i`, zero-extended.
  uint64_t bits(int64_t i) const;
  void setBits(int64_t i, uint64_t bits);

  /// Float elements as double (exact for every supported float type).
  double getFloat(int64_t i) const;
  /// Rounds `v` to the element type, to nearest even.
  void setFloat(int64_t i, double v);

  /// Integer elements: sign-extended for signed types, zero-extended
  /// otherwise, as int64 bits.
  int64_t getInt(int64_t i) const;
  uint64_t getUInt(int64_t i) const { return static_cast<uint64_t>(getInt(i)); }
  /// Keeps the low bitWidth bits (wraps); i1 keeps `v != 0`.
  void setInt(int64_t i, uint64_t v);

  /// Linear index of a multi-index (row-major).
  int64_t linear(const std::vector<int64_t> &index) const;
  /// Renders element `i` for messages (NaN, -0, exact decimal).
  std::string format(int64_t i) const;

private:
  TensorType type_;
  std::vector<uint8_t> data_;
};

/// Row-major strides of `dims`.
std::vector<int64_t> stridesOf(const std::vector<int64_t> &dims);
/// Multi-index of linear index `i` in `dims`.
std::vector<int64_t> unravel(int64_t i, const std::vector<int64_t> &dims);

/// Rounds a double to `t` (f16/bf16/f32/f64) to nearest even; returns the
/// element's bits.
uint64_t floatBits(ElementType t, double v);
/// Exact value of the float bits of type `t`.
double floatValue(ElementType t, uint64_t bits);
/// Rounds an integer to float type `t` in one step (no double rounding).
uint64_t floatBitsFromInt(ElementType t, uint64_t v, bool isSignedValue);

} // namespace axle::reference

#endif // AXLE_TESTS_REFERENCE_TENSOR_H
