//===- Device.cpp - PJRT_DeviceDescription and PJRT_Device ----------------===//

#include "pjrt/Entries.h"
#include "pjrt/Objects.h"

namespace axle::pjrt {

PJRT_Error *deviceDescriptionId(PJRT_DeviceDescription_Id_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_DeviceDescription_Id_Args);
  AXLE_REQUIRE(args->device_description, "PJRT_DeviceDescription_Id",
               "device_description");
  args->id = args->device_description->id;
  return nullptr;
}

PJRT_Error *
deviceDescriptionProcessIndex(PJRT_DeviceDescription_ProcessIndex_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_DeviceDescription_ProcessIndex_Args);
  AXLE_REQUIRE(args->device_description, "PJRT_DeviceDescription_ProcessIndex",
               "device_description");
  args->process_index = args->device_description->processIndex;
  return nullptr;
}

PJRT_Error *
deviceDescriptionAttributes(PJRT_DeviceDescription_Attributes_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_DeviceDescription_Attributes_Args);
  AXLE_REQUIRE(args->device_description, "PJRT_DeviceDescription_Attributes",
               "device_description");
  // A host CPU has no coordinates or cores worth reporting yet.
  args->attributes = nullptr;
  args->num_attributes = 0;
  return nullptr;
}

PJRT_Error *deviceDescriptionKind(PJRT_DeviceDescription_Kind_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_DeviceDescription_Kind_Args);
  AXLE_REQUIRE(args->device_description, "PJRT_DeviceDescription_Kind",
               "device_description");
  const std::string &kind = args->device_description->kind;
  args->device_kind = kind.c_str();
  args->device_kind_size = kind.size();
  return nullptr;
}

PJRT_Error *
deviceDescriptionDebugString(PJRT_DeviceDescription_DebugString_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_DeviceDescription_DebugString_Args);
  AXLE_REQUIRE(args->device_description, "PJRT_DeviceDescription_DebugString",
               "device_description");
  const std::string &text = args->device_description->debugString;
  args->debug_string = text.c_str();
  args->debug_string_size = text.size();
  return nullptr;
}

PJRT_Error *
deviceDescriptionToString(PJRT_DeviceDescription_ToString_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_DeviceDescription_ToString_Args);
  AXLE_REQUIRE(args->device_description, "PJRT_DeviceDescription_ToString",
               "device_description");
  const std::string &text = args->device_description->toString;
  args->to_string = text.c_str();
  args->to_string_size = text.size();
  return nullptr;
}

PJRT_Error *deviceGetDescription(PJRT_Device_GetDescription_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Device_GetDescription_Args);
  AXLE_REQUIRE(args->device, "PJRT_Device_GetDescription", "device");
  args->device_description = &args->device->description;
  return nullptr;
}

PJRT_Error *deviceIsAddressable(PJRT_Device_IsAddressable_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Device_IsAddressable_Args);
  AXLE_REQUIRE(args->device, "PJRT_Device_IsAddressable", "device");
  args->is_addressable = true;
  return nullptr;
}

PJRT_Error *deviceLocalHardwareId(PJRT_Device_LocalHardwareId_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Device_LocalHardwareId_Args);
  AXLE_REQUIRE(args->device, "PJRT_Device_LocalHardwareId", "device");
  args->local_hardware_id = args->device->localHardwareId;
  return nullptr;
}

PJRT_Error *
deviceAddressableMemories(PJRT_Device_AddressableMemories_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Device_AddressableMemories_Args);
  AXLE_REQUIRE(args->device, "PJRT_Device_AddressableMemories", "device");
  args->memories = args->device->memories.data();
  args->num_memories = args->device->memories.size();
  return nullptr;
}

PJRT_Error *deviceDefaultMemory(PJRT_Device_DefaultMemory_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Device_DefaultMemory_Args);
  AXLE_REQUIRE(args->device, "PJRT_Device_DefaultMemory", "device");
  args->memory = args->device->defaultMemory;
  return nullptr;
}

PJRT_Error *deviceMemoryStats(PJRT_Device_MemoryStats_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Device_MemoryStats_Args);
  AXLE_REQUIRE(args->device, "PJRT_Device_MemoryStats", "device");
  const ClientState &state = *args->device->state;
  // Reset every optional field first: a caller that reuses the struct must
  // not read a stale "is_set".
  PJRT_Extension_Base *extension = args->extension_start;
  size_t structSize = args->struct_size;
  PJRT_Device *device = args->device;
  *args = PJRT_Device_MemoryStats_Args{};
  args->struct_size = structSize;
  args->extension_start = extension;
  args->device = device;
  args->bytes_in_use = state.bytesInUse.load();
  args->peak_bytes_in_use = state.peakBytesInUse.load();
  args->peak_bytes_in_use_is_set = true;
  args->num_allocs = state.numAllocs.load();
  args->num_allocs_is_set = true;
  args->largest_alloc_size = state.largestAlloc.load();
  args->largest_alloc_size_is_set = true;
  return nullptr;
}

// Host memory is plain heap; there is nothing device-specific to report.
namespace {
void deleteNoAttributes(PJRT_Device_Attributes *) {}
} // namespace

PJRT_Error *deviceGetAttributes(PJRT_Device_GetAttributes_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Device_GetAttributes_Args);
  AXLE_REQUIRE(args->device, "PJRT_Device_GetAttributes", "device");
  args->attributes = nullptr;
  args->num_attributes = 0;
  args->device_attributes = nullptr;
  // Never null: callers may call the deleter unconditionally.
  args->attributes_deleter = deleteNoAttributes;
  return nullptr;
}

} // namespace axle::pjrt
