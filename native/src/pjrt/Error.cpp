//===- Error.cpp - PJRT_Error --------------------------------------------===//
//
// Errors carry a code and a message. They also fill in the header's function
// table (destroy/message/get_code/for_each_payload), which callers built
// against newer headers may use instead of the PJRT_Error_* entry points.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Error.h"

#include <new>

namespace axle::pjrt {
namespace {

void tableDestroy(PJRT_Error *error) {
  auto *impl = static_cast<ErrorImpl *>(error);
  if (impl && !impl->isStatic)
    delete static_cast<CountedError *>(impl);
}

void tableMessage(const PJRT_Error *error, const char **message, size_t *size) {
  const auto *impl = static_cast<const ErrorImpl *>(error);
  if (message)
    *message = impl ? impl->message.c_str() : "";
  if (size)
    *size = impl ? impl->message.size() : 0;
}

PJRT_Error_Code tableGetCode(const PJRT_Error *error) {
  return error ? static_cast<const ErrorImpl *>(error)->code
               : PJRT_Error_Code_OK;
}

// Our errors carry no payloads.
void tableForEachPayload(const PJRT_Error *, PJRT_Error_PayloadVisitor,
                         void *) {}

const PJRT_Error_FunctionTable errorTable = {
    PJRT_Error_FunctionTable_STRUCT_SIZE,
    sizeof(CountedError),
    nullptr,
    tableDestroy,
    tableMessage,
    tableGetCode,
    tableForEachPayload};

ErrorImpl *outOfMemoryError() {
  // Built once at load time while memory is plentiful; handed out when the
  // allocation of a regular error fails.
  static ErrorImpl error = [] {
    ErrorImpl e;
    e.vtable = &errorTable;
    e.code = PJRT_Error_Code_RESOURCE_EXHAUSTED;
    e.message = "out of host memory";
    e.isStatic = true;
    return e;
  }();
  return &error;
}

// Touch the static error at load time rather than at first failure.
[[maybe_unused]] const ErrorImpl *const preallocated = outOfMemoryError();

} // namespace

PJRT_Error *makeError(PJRT_Error_Code code, std::string message) noexcept {
  auto *error = new (std::nothrow) CountedError;
  if (!error)
    return outOfMemoryError();
  error->vtable = &errorTable;
  error->code = code;
  error->message = std::move(message);
  return error;
}

PJRT_Error *checkStructSize(const void *args, size_t actual, size_t expected,
                            const char *structName) noexcept {
  try {
    if (!args)
      return invalidArgument(std::string(structName) + " pointer is null");
    if (actual < expected)
      return invalidArgument(std::string(structName) +
                             ": struct_size is too small: expected at least " +
                             std::to_string(expected) + ", got " +
                             std::to_string(actual));
    return nullptr;
  } catch (...) {
    return outOfMemoryError();
  }
}

PJRT_Error *checkNotNull(const void *pointer, const char *function,
                         const char *field) noexcept {
  if (pointer)
    return nullptr;
  try {
    return invalidArgument(std::string(function) + ": `" + field +
                           "` must not be null");
  } catch (...) {
    return outOfMemoryError();
  }
}

// Error_Destroy and Error_Message return void, so on a malformed call they can
// only do nothing (or report an empty message) rather than fail.
void errorDestroy(PJRT_Error_Destroy_Args *args) {
  if (!args || args->struct_size < PJRT_Error_Destroy_Args_STRUCT_SIZE)
    return;
  tableDestroy(args->error);
}

void errorMessage(PJRT_Error_Message_Args *args) {
  if (!args || args->struct_size < PJRT_Error_Message_Args_STRUCT_SIZE)
    return;
  tableMessage(args->error, &args->message, &args->message_size);
}

PJRT_Error *errorGetCode(PJRT_Error_GetCode_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Error_GetCode_Args);
  AXLE_REQUIRE(args->error, "PJRT_Error_GetCode", "error");
  args->code = tableGetCode(args->error);
  return nullptr;
}

PJRT_Error *errorForEachPayload(PJRT_Error_ForEachPayload_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Error_ForEachPayload_Args);
  AXLE_REQUIRE(args->error, "PJRT_Error_ForEachPayload", "error");
  AXLE_REQUIRE(reinterpret_cast<const void *>(args->visitor),
               "PJRT_Error_ForEachPayload", "visitor");
  return nullptr;
}

} // namespace axle::pjrt
