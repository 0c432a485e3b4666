//===- Error.h - PJRT_Error and argument checks -----------------*- C++ -*-===//
//
// Every PJRT entry point reports failure by returning a heap PJRT_Error that
// the caller destroys. These helpers build them and do the checks every entry
// point starts with, so each message names the struct and field at fault.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_PJRT_ERROR_H
#define AXLE_PJRT_ERROR_H

#include "pjrt/LiveObjects.h"

#include "pjrt_c_api.h"

#include <cstddef>
#include <string>

namespace axle::pjrt {

/// The plugin's error object. It derives from the header's PJRT_Error so the
/// function table that newer callers read through is always filled in.
struct ErrorImpl : PJRT_Error {
  PJRT_Error_Code code;
  std::string message;
  /// The preallocated out-of-memory error is never freed nor counted.
  bool isStatic = false;
};

/// Every error except the preallocated one: counted while alive.
struct CountedError : ErrorImpl {
  Counted<LiveKind::Error> counted;
};

/// A new error with `code` and `message`. Never returns null: when even the
/// message cannot be allocated it returns a static RESOURCE_EXHAUSTED error.
PJRT_Error *makeError(PJRT_Error_Code code, std::string message) noexcept;

inline PJRT_Error *invalidArgument(std::string message) {
  return makeError(PJRT_Error_Code_INVALID_ARGUMENT, std::move(message));
}
inline PJRT_Error *unimplemented(std::string message) {
  return makeError(PJRT_Error_Code_UNIMPLEMENTED, std::move(message));
}
inline PJRT_Error *failedPrecondition(std::string message) {
  return makeError(PJRT_Error_Code_FAILED_PRECONDITION, std::move(message));
}
inline PJRT_Error *resourceExhausted(std::string message) {
  return makeError(PJRT_Error_Code_RESOURCE_EXHAUSTED, std::move(message));
}

/// INVALID_ARGUMENT when `args` is null or its struct_size is smaller than
/// the size this plugin was compiled with (callers built against an older
/// header would leave our trailing fields uninitialized). Larger is fine.
PJRT_Error *checkStructSize(const void *args, size_t actual, size_t expected,
                            const char *structName) noexcept;

/// INVALID_ARGUMENT naming `function` and `field` when `pointer` is null.
PJRT_Error *checkNotNull(const void *pointer, const char *function,
                         const char *field) noexcept;

/// The error-object entry points.
void errorDestroy(PJRT_Error_Destroy_Args *args);
void errorMessage(PJRT_Error_Message_Args *args);
PJRT_Error *errorGetCode(PJRT_Error_GetCode_Args *args);
PJRT_Error *errorForEachPayload(PJRT_Error_ForEachPayload_Args *args);

} // namespace axle::pjrt

/// Returns early with an error when `args` is null or too small for `Type`.
#define AXLE_CHECK_ARGS(args, Type)                                            \
  do {                                                                         \
    if (PJRT_Error *axleError_ = ::axle::pjrt::checkStructSize(                \
            (args), (args) ? (args)->struct_size : 0, Type##_STRUCT_SIZE,      \
            #Type))                                                            \
      return axleError_;                                                       \
  } while (false)

/// Returns early with an error when a required pointer field is null.
#define AXLE_REQUIRE(pointer, function, field)                                 \
  do {                                                                         \
    if (PJRT_Error *axleError_ =                                               \
            ::axle::pjrt::checkNotNull((pointer), (function), (field)))        \
      return axleError_;                                                       \
  } while (false)

#endif // AXLE_PJRT_ERROR_H
