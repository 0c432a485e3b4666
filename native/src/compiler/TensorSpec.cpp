//===- TensorSpec.cpp - Sizes of dense row-major tensors ------------------===//
//
// Kept free of MLIR so it is cheap to compile and safe to call from anywhere.
//
//===----------------------------------------------------------------------===//

#include "Compiler.h"

namespace axle {

size_t elementByteSize(PJRT_Buffer_Type type) {
  switch (type) {
  case PJRT_Buffer_Type_PRED:
  case PJRT_Buffer_Type_S8:
  case PJRT_Buffer_Type_U8:
    return 1;
  case PJRT_Buffer_Type_S16:
  case PJRT_Buffer_Type_U16:
  case PJRT_Buffer_Type_F16:
  case PJRT_Buffer_Type_BF16:
    return 2;
  case PJRT_Buffer_Type_S32:
  case PJRT_Buffer_Type_U32:
  case PJRT_Buffer_Type_F32:
    return 4;
  case PJRT_Buffer_Type_S64:
  case PJRT_Buffer_Type_U64:
  case PJRT_Buffer_Type_F64:
    return 8;
  default:
    return 0;
  }
}

int64_t TensorSpec::numElements() const {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= d;
  return n;
}

size_t TensorSpec::byteSize() const {
  return static_cast<size_t>(numElements()) * elementByteSize(elementType);
}

} // namespace axle
