//===- BufferType.cpp - Element types and sizes of buffers ----------------===//
//
// Buffers hold any byte-addressable element type, including ones the
// compiler cannot compute with yet (complex, f8): a program that does not
// support a type fails at compile time, not when data is uploaded.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Objects.h"

#include <unistd.h>

namespace axle::pjrt {

size_t bufferElementSize(PJRT_Buffer_Type type) {
  switch (type) {
  case PJRT_Buffer_Type_PRED:
  case PJRT_Buffer_Type_S8:
  case PJRT_Buffer_Type_U8:
  case PJRT_Buffer_Type_F8E5M2:
  case PJRT_Buffer_Type_F8E4M3FN:
  case PJRT_Buffer_Type_F8E4M3B11FNUZ:
  case PJRT_Buffer_Type_F8E5M2FNUZ:
  case PJRT_Buffer_Type_F8E4M3FNUZ:
  case PJRT_Buffer_Type_F8E4M3:
  case PJRT_Buffer_Type_F8E3M4:
  case PJRT_Buffer_Type_F8E8M0FNU:
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
  case PJRT_Buffer_Type_C64:
    return 8;
  case PJRT_Buffer_Type_C128:
    return 16;
  default:
    // Sub-byte types would need packing rules; TOKEN and INVALID hold no data.
    return 0;
  }
}

std::string bufferTypeName(PJRT_Buffer_Type type) {
  static const char *const names[] = {
      "INVALID",    "PRED",   "S8",       "S16",           "S32",
      "S64",        "U8",     "U16",      "U32",           "U64",
      "F16",        "F32",    "F64",      "BF16",          "C64",
      "C128",       "F8E5M2", "F8E4M3FN", "F8E4M3B11FNUZ", "F8E5M2FNUZ",
      "F8E4M3FNUZ", "S4",     "U4",       "TOKEN",         "S2",
      "U2",         "F8E4M3", "F8E3M4",   "F8E8M0FNU",     "F4E2M1FN",
      "S1",         "U1"};
  auto index = static_cast<int>(type);
  if (index >= 0 && index < static_cast<int>(sizeof(names) / sizeof(*names)))
    return names[index];
  return "type #" + std::to_string(index);
}

std::string dimsToString(const int64_t *dims, size_t rank) {
  std::string text = "[";
  for (size_t i = 0; i < rank; ++i)
    text += (i ? "," : "") + std::to_string(dims[i]);
  return text + "]";
}

namespace {
// The most a single buffer may take: the host's physical memory. Anything
// larger could never be backed, so it is refused before malloc overcommits.
size_t hostMemoryBytes() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long pageSize = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || pageSize <= 0)
    return SIZE_MAX / 2;
  return static_cast<size_t>(pages) * static_cast<size_t>(pageSize);
}
} // namespace

PJRT_Error *denseByteSize(PJRT_Buffer_Type type, const int64_t *dims,
                          size_t rank, const char *function, size_t &size) {
  size_t elementSize = bufferElementSize(type);
  if (elementSize == 0)
    return invalidArgument(std::string(function) +
                           ": unsupported element type " +
                           bufferTypeName(type));
  if (rank > 0 && !dims)
    return invalidArgument(std::string(function) +
                           ": `dims` is null but the rank is " +
                           std::to_string(rank));
  for (size_t i = 0; i < rank; ++i)
    if (dims[i] < 0)
      return invalidArgument(std::string(function) + ": dimension " +
                             std::to_string(i) + " is negative in " +
                             dimsToString(dims, rank));
  static const size_t limit = hostMemoryBytes();
  size_t bytes = elementSize;
  bool zero = false;
  bool tooLarge = false;
  for (size_t i = 0; i < rank; ++i) {
    auto extent = static_cast<size_t>(dims[i]);
    if (extent == 0)
      zero = true;
    else if (!tooLarge && __builtin_mul_overflow(bytes, extent, &bytes))
      tooLarge = true;
  }
  if (zero) {
    size = 0;
    return nullptr;
  }
  if (tooLarge || bytes > limit)
    return resourceExhausted(std::string(function) + ": a " +
                             bufferTypeName(type) + dimsToString(dims, rank) +
                             " buffer needs more than the host's " +
                             std::to_string(limit) + " bytes of memory");
  size = bytes;
  return nullptr;
}

} // namespace axle::pjrt
