//===- Memory.cpp - PJRT_Memory ------------------------------------------===//
//
// The CPU device's single memory space, kind "device" like XLA's CPU client.
// Newer headers give PJRT_Memory a function table for caller-owned user data;
// we keep that data in a map and run the destructors when the memory goes
// away with its client state.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/Objects.h"

namespace axle::pjrt {
namespace {

void *getUserData(PJRT_Memory *memory, const void *key) {
  auto *impl = static_cast<MemoryImpl *>(memory);
  std::lock_guard<std::mutex> lock(impl->userDataMutex);
  auto it = impl->userData.find(key);
  return it == impl->userData.end() ? nullptr : it->second.first;
}

void setUserData(PJRT_Memory *memory, const void *key, void *data,
                 void (*dtor)(void *)) {
  auto *impl = static_cast<MemoryImpl *>(memory);
  std::pair<void *, void (*)(void *)> old{nullptr, nullptr};
  {
    std::lock_guard<std::mutex> lock(impl->userDataMutex);
    auto &slot = impl->userData[key];
    old = slot;
    slot = {data, dtor};
  }
  // Outside the lock: a destructor may call back into the memory.
  if (old.first && old.second && old.first != data)
    old.second(old.first);
}

const PJRT_Memory_FunctionTable memoryTable = {
    PJRT_Memory_FunctionTable_STRUCT_SIZE, nullptr, sizeof(MemoryImpl),
    getUserData, setUserData};

} // namespace

MemoryImpl::MemoryImpl() { vtable = &memoryTable; }

MemoryImpl::~MemoryImpl() {
  for (auto &entry : userData)
    if (entry.second.first && entry.second.second)
      entry.second.second(entry.second.first);
}

PJRT_Error *memoryId(PJRT_Memory_Id_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Memory_Id_Args);
  AXLE_REQUIRE(args->memory, "PJRT_Memory_Id", "memory");
  args->id = static_cast<MemoryImpl *>(args->memory)->id;
  return nullptr;
}

PJRT_Error *memoryKind(PJRT_Memory_Kind_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Memory_Kind_Args);
  AXLE_REQUIRE(args->memory, "PJRT_Memory_Kind", "memory");
  const std::string &kind = static_cast<MemoryImpl *>(args->memory)->kind;
  args->kind = kind.c_str();
  args->kind_size = kind.size();
  return nullptr;
}

PJRT_Error *memoryKindId(PJRT_Memory_Kind_Id_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Memory_Kind_Id_Args);
  AXLE_REQUIRE(args->memory, "PJRT_Memory_Kind_Id", "memory");
  args->kind_id = static_cast<MemoryImpl *>(args->memory)->kindId;
  return nullptr;
}

PJRT_Error *memoryDebugString(PJRT_Memory_DebugString_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Memory_DebugString_Args);
  AXLE_REQUIRE(args->memory, "PJRT_Memory_DebugString", "memory");
  const std::string &text =
      static_cast<MemoryImpl *>(args->memory)->debugString;
  args->debug_string = text.c_str();
  args->debug_string_size = text.size();
  return nullptr;
}

PJRT_Error *memoryToString(PJRT_Memory_ToString_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Memory_ToString_Args);
  AXLE_REQUIRE(args->memory, "PJRT_Memory_ToString", "memory");
  const std::string &text = static_cast<MemoryImpl *>(args->memory)->toString;
  args->to_string = text.c_str();
  args->to_string_size = text.size();
  return nullptr;
}

PJRT_Error *
memoryAddressableByDevices(PJRT_Memory_AddressableByDevices_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Memory_AddressableByDevices_Args);
  AXLE_REQUIRE(args->memory, "PJRT_Memory_AddressableByDevices", "memory");
  auto *impl = static_cast<MemoryImpl *>(args->memory);
  args->devices = impl->devices.data();
  args->num_devices = impl->devices.size();
  return nullptr;
}

} // namespace axle::pjrt
