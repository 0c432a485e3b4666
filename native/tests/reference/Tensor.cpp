//===- Tensor.cpp - Host tensors for the reference evaluator -------------===//
//
// Float conversions go through llvm::APFloat so that f16 and bf16 round to
// nearest even exactly as IEEE specifies, independent of host intrinsics.
//
//===----------------------------------------------------------------------===//

#include "Tensor.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/SmallString.h"

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace axle::reference {

bool isFloat(ElementType t) {
  return t == ElementType::F16 || t == ElementType::BF16 ||
         t == ElementType::F32 || t == ElementType::F64;
}
bool isSigned(ElementType t) {
  return t == ElementType::S8 || t == ElementType::S16 ||
         t == ElementType::S32 || t == ElementType::S64;
}
bool isUnsigned(ElementType t) {
  return t == ElementType::U8 || t == ElementType::U16 ||
         t == ElementType::U32 || t == ElementType::U64;
}
bool isBool(ElementType t) { return t == ElementType::I1; }

unsigned bitWidth(ElementType t) {
  switch (t) {
  case ElementType::I1:
    return 1;
  case ElementType::S8:
  case ElementType::U8:
    return 8;
  case ElementType::S16:
  case ElementType::U16:
  case ElementType::F16:
  case ElementType::BF16:
    return 16;
  case ElementType::S32:
  case ElementType::U32:
  case ElementType::F32:
    return 32;
  case ElementType::S64:
  case ElementType::U64:
  case ElementType::F64:
    return 64;
  }
  return 0;
}

unsigned byteWidth(ElementType t) { return t == ElementType::I1 ? 1 : bitWidth(t) / 8; }

namespace {
struct NamedType {
  ElementType type;
  const char *name;
};
const NamedType kNames[] = {
    {ElementType::I1, "i1"},    {ElementType::S8, "i8"},
    {ElementType::S16, "i16"},  {ElementType::S32, "i32"},
    {ElementType::S64, "i64"},  {ElementType::U8, "ui8"},
    {ElementType::U16, "ui16"}, {ElementType::U32, "ui32"},
    {ElementType::U64, "ui64"}, {ElementType::F16, "f16"},
    {ElementType::BF16, "bf16"}, {ElementType::F32, "f32"},
    {ElementType::F64, "f64"}};

const llvm::fltSemantics &semantics(ElementType t) {
  switch (t) {
  case ElementType::F16:
    return llvm::APFloat::IEEEhalf();
  case ElementType::BF16:
    return llvm::APFloat::BFloat();
  case ElementType::F32:
    return llvm::APFloat::IEEEsingle();
  case ElementType::F64:
    return llvm::APFloat::IEEEdouble();
  default:
    throw std::logic_error("not a float type: " + typeName(t));
  }
}
} // namespace

std::string typeName(ElementType t) {
  for (const NamedType &n : kNames)
    if (n.type == t)
      return n.name;
  return "?";
}

std::optional<ElementType> parseTypeName(const std::string &name) {
  for (const NamedType &n : kNames)
    if (name == n.name)
      return n.type;
  if (name == "si8")
    return ElementType::S8;
  if (name == "si16")
    return ElementType::S16;
  if (name == "si32")
    return ElementType::S32;
  if (name == "si64")
    return ElementType::S64;
  return std::nullopt;
}

int64_t TensorType::numElements() const {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= d;
  return n;
}

std::string TensorType::text() const {
  std::string s = "tensor<";
  for (int64_t d : dims)
    s += std::to_string(d) + "x";
  return s + typeName(element) + ">";
}

Tensor::Tensor(TensorType type)
    : type_(std::move(type)),
      data_(static_cast<size_t>(type_.numElements()) * byteWidth(type_.element)) {}

uint64_t Tensor::bits(int64_t i) const {
  uint64_t v = 0;
  unsigned w = byteWidth(element());
  std::memcpy(&v, data_.data() + i * w, w); // little-endian host
  return v;
}

void Tensor::setBits(int64_t i, uint64_t v) {
  unsigned w = byteWidth(element());
  std::memcpy(data_.data() + i * w, &v, w);
}

uint64_t floatBits(ElementType t, double v) {
  if (t == ElementType::F64) {
    uint64_t b;
    std::memcpy(&b, &v, 8);
    return b;
  }
  if (t == ElementType::F32) {
    float f = static_cast<float>(v); // IEEE conversion: round to nearest even
    uint32_t b;
    std::memcpy(&b, &f, 4);
    return b;
  }
  llvm::APFloat f(v);
  bool lostInfo = false;
  f.convert(semantics(t), llvm::APFloat::rmNearestTiesToEven, &lostInfo);
  return f.bitcastToAPInt().getZExtValue();
}

double floatValue(ElementType t, uint64_t bits) {
  if (t == ElementType::F64) {
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  }
  if (t == ElementType::F32) {
    uint32_t b = static_cast<uint32_t>(bits);
    float f;
    std::memcpy(&f, &b, 4);
    return f;
  }
  llvm::APFloat f(semantics(t), llvm::APInt(16, bits & 0xffff));
  bool lostInfo = false;
  f.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &lostInfo); // widening: exact
  return f.convertToDouble();
}

uint64_t floatBitsFromInt(ElementType t, uint64_t v, bool isSignedValue) {
  llvm::APFloat f(semantics(t));
  f.convertFromAPInt(llvm::APInt(64, v), isSignedValue,
                     llvm::APFloat::rmNearestTiesToEven);
  return f.bitcastToAPInt().getZExtValue();
}

double Tensor::getFloat(int64_t i) const { return floatValue(element(), bits(i)); }

void Tensor::setFloat(int64_t i, double v) { setBits(i, floatBits(element(), v)); }

int64_t Tensor::getInt(int64_t i) const {
  uint64_t b = bits(i);
  unsigned w = bitWidth(element());
  if (isSigned(element()) && w < 64 && (b >> (w - 1)) & 1)
    b |= ~uint64_t(0) << w;
  return static_cast<int64_t>(b);
}

void Tensor::setInt(int64_t i, uint64_t v) {
  unsigned w = bitWidth(element());
  if (isBool(element()))
    v = v != 0;
  else if (w < 64)
    v &= (uint64_t(1) << w) - 1;
  setBits(i, v);
}

int64_t Tensor::linear(const std::vector<int64_t> &index) const {
  int64_t r = 0;
  for (size_t d = 0; d < index.size(); ++d)
    r = r * dims()[d] + index[d];
  return r;
}

std::string Tensor::format(int64_t i) const {
  ElementType t = element();
  if (isFloat(t)) {
    double v = getFloat(i);
    if (std::isnan(v))
      return std::signbit(v) ? "-nan" : "nan";
    if (v == 0)
      return std::signbit(v) ? "-0.0" : "0.0";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
  }
  if (isSigned(t))
    return std::to_string(getInt(i));
  if (isBool(t))
    return getInt(i) ? "true" : "false";
  return std::to_string(getUInt(i));
}

std::vector<int64_t> stridesOf(const std::vector<int64_t> &dims) {
  std::vector<int64_t> s(dims.size(), 1);
  for (size_t d = dims.size(); d-- > 1;)
    s[d - 1] = s[d] * dims[d];
  return s;
}

std::vector<int64_t> unravel(int64_t i, const std::vector<int64_t> &dims) {
  std::vector<int64_t> index(dims.size());
  for (size_t d = dims.size(); d-- > 0;) {
    index[d] = dims[d] ? i % dims[d] : 0;
    i = dims[d] ? i / dims[d] : 0;
  }
  return index;
}

} // namespace axle::reference
