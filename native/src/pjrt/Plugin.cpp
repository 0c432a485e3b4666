//===- Plugin.cpp - PJRT_Plugin_Initialize and PJRT_Plugin_Attributes -----===//
//
// Attributes, with the types XLA's plugins use:
// - xla_version (int64): 2, the XLA plugin-interface generation JAX checks.
// - stablehlo_current_version / stablehlo_minimum_version (int64 lists):
//   {1, 13, 0} and {0, 9, 0}. The plugin reads StableHLO as text in generic
//   op form, with no VHLO versioning of its own, so these only tell JAX how
//   far to downgrade serialized IR; ops the converter does not know fail at
//   compile time with an error naming the op.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/Objects.h"

#include <cstring>

namespace axle::pjrt {
namespace {

const int64_t kStablehloCurrent[] = {1, 13, 0};
const int64_t kStablehloMinimum[] = {0, 9, 0};

PJRT_NamedValue namedValue(const char *name) {
  PJRT_NamedValue value{};
  value.struct_size = PJRT_NamedValue_STRUCT_SIZE;
  value.name = name;
  value.name_size = std::strlen(name);
  return value;
}

PJRT_NamedValue int64Value(const char *name, int64_t number) {
  PJRT_NamedValue value = namedValue(name);
  value.type = PJRT_NamedValue_kInt64;
  value.int64_value = number;
  value.value_size = 1;
  return value;
}

PJRT_NamedValue int64ListValue(const char *name, const int64_t *list,
                               size_t size) {
  PJRT_NamedValue value = namedValue(name);
  value.type = PJRT_NamedValue_kInt64List;
  value.int64_array_value = list;
  value.value_size = size;
  return value;
}

} // namespace

PJRT_Error *pluginInitialize(PJRT_Plugin_Initialize_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Plugin_Initialize_Args);
  return nullptr;
}

PJRT_Error *pluginAttributes(PJRT_Plugin_Attributes_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Plugin_Attributes_Args);
  static const PJRT_NamedValue attributes[] = {
      int64Value("xla_version", 2),
      int64ListValue("stablehlo_current_version", kStablehloCurrent, 3),
      int64ListValue("stablehlo_minimum_version", kStablehloMinimum, 3)};
  args->attributes = attributes;
  args->num_attributes = sizeof(attributes) / sizeof(attributes[0]);
  return nullptr;
}

} // namespace axle::pjrt
