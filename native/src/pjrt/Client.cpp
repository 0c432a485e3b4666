//===- Client.cpp - PJRT_Client ------------------------------------------===//
//
// One client owns one host CPU device (id 0) with one memory space. Create
// options: none are known, so any option is rejected by name, like XLA's
// plugins do, rather than silently ignored.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/Objects.h"

#include <algorithm>

using namespace axle::pjrt;

ClientState::ClientState() {
  PJRT_DeviceDescription &description = device.description;
  description.id = 0;
  description.processIndex = 0;
  description.kind = "cpu";
  description.debugString = "AXLE_CPU_0";
  description.toString = "CpuDevice(id=0)";
  device.localHardwareId = 0;
  device.state = this;

  // XLA's CPU client calls its default memory space kind "device" (id 0 for
  // device 0); we report the same so code written for it keeps working.
  memory.id = 0;
  memory.kindId = 0;
  memory.kind = "device";
  memory.debugString = "AXLE_CPU_0 device memory (kind \"device\", id 0)";
  memory.toString = "CpuDeviceMemory(id=0)";
  memory.devices = {&device};

  device.defaultMemory = &memory;
  device.memories = {&memory};
  devices = {&device};
  memories = {&memory};
  platformVersion = "axle-cpu 0.1 (StableHLO text via MLIR 22, LLVM JIT)";
}

void ClientState::recordAllocation(size_t size) {
  auto bytes = static_cast<int64_t>(size);
  int64_t now = bytesInUse.fetch_add(bytes) + bytes;
  numAllocs.fetch_add(1);
  int64_t peak = peakBytesInUse.load();
  while (now > peak && !peakBytesInUse.compare_exchange_weak(peak, now)) {
  }
  int64_t largest = largestAlloc.load();
  while (bytes > largest &&
         !largestAlloc.compare_exchange_weak(largest, bytes)) {
  }
}

void ClientState::recordFree(size_t size) {
  bytesInUse.fetch_sub(static_cast<int64_t>(size));
}

namespace axle::pjrt {

PJRT_Error *clientCreate(PJRT_Client_Create_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_Create_Args);
  axle::CompileOptions compile;
  if (args->num_options > 0) {
    AXLE_REQUIRE(args->create_options, "PJRT_Client_Create", "create_options");
    std::string unknown;
    for (size_t i = 0; i < args->num_options; ++i) {
      const PJRT_NamedValue &option = args->create_options[i];
      std::string name(option.name ? option.name : "",
                       option.name ? option.name_size : 0);
      if (name == "cpu_threads") {
        if (option.type != PJRT_NamedValue_kInt64 || option.int64_value < 1)
          return invalidArgument(
              "PJRT_Client_Create: option 'cpu_threads' must be an int64 >= "
              "1 (threads a large elementwise loop is split across)");
        compile.threads = option.int64_value;
        continue;
      }
      unknown += (unknown.empty() ? "'" : ", '") + name + "'";
    }
    if (!unknown.empty())
      return invalidArgument("PJRT_Client_Create: unknown create option(s) " +
                             unknown +
                             "; the bundled CPU plugin accepts only "
                             "'cpu_threads' (int64)");
  }
  auto *client = new PJRT_Client;
  client->state = std::make_shared<ClientState>();
  client->state->options = compile;
  args->client = client;
  return nullptr;
}

PJRT_Error *clientDestroy(PJRT_Client_Destroy_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_Destroy_Args);
  // Buffers and executables still alive keep the shared state (see
  // Objects.h), so this only drops the client's own reference.
  delete args->client;
  return nullptr;
}

PJRT_Error *clientPlatformName(PJRT_Client_PlatformName_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_PlatformName_Args);
  AXLE_REQUIRE(args->client, "PJRT_Client_PlatformName", "client");
  const std::string &name = args->client->state->platformName;
  args->platform_name = name.c_str();
  args->platform_name_size = name.size();
  return nullptr;
}

PJRT_Error *clientProcessIndex(PJRT_Client_ProcessIndex_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_ProcessIndex_Args);
  AXLE_REQUIRE(args->client, "PJRT_Client_ProcessIndex", "client");
  args->process_index = 0;
  return nullptr;
}

PJRT_Error *clientPlatformVersion(PJRT_Client_PlatformVersion_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_PlatformVersion_Args);
  AXLE_REQUIRE(args->client, "PJRT_Client_PlatformVersion", "client");
  const std::string &version = args->client->state->platformVersion;
  args->platform_version = version.c_str();
  args->platform_version_size = version.size();
  return nullptr;
}

PJRT_Error *clientDevices(PJRT_Client_Devices_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_Devices_Args);
  AXLE_REQUIRE(args->client, "PJRT_Client_Devices", "client");
  args->devices = args->client->state->devices.data();
  args->num_devices = args->client->state->devices.size();
  return nullptr;
}

PJRT_Error *
clientAddressableDevices(PJRT_Client_AddressableDevices_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_AddressableDevices_Args);
  AXLE_REQUIRE(args->client, "PJRT_Client_AddressableDevices", "client");
  args->addressable_devices = args->client->state->devices.data();
  args->num_addressable_devices = args->client->state->devices.size();
  return nullptr;
}

PJRT_Error *clientLookupDevice(PJRT_Client_LookupDevice_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_LookupDevice_Args);
  AXLE_REQUIRE(args->client, "PJRT_Client_LookupDevice", "client");
  for (PJRT_Device *device : args->client->state->devices) {
    if (device->description.id == args->id) {
      args->device = device;
      return nullptr;
    }
  }
  return invalidArgument("PJRT_Client_LookupDevice: no device with id " +
                         std::to_string(args->id) +
                         " (the CPU client has device 0 only)");
}

PJRT_Error *
clientLookupAddressableDevice(PJRT_Client_LookupAddressableDevice_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_LookupAddressableDevice_Args);
  AXLE_REQUIRE(args->client, "PJRT_Client_LookupAddressableDevice", "client");
  for (PJRT_Device *device : args->client->state->devices) {
    if (device->localHardwareId == args->local_hardware_id) {
      args->addressable_device = device;
      return nullptr;
    }
  }
  return invalidArgument(
      "PJRT_Client_LookupAddressableDevice: no device with local hardware "
      "id " +
      std::to_string(args->local_hardware_id) +
      " (the CPU client has device 0 only)");
}

PJRT_Error *
clientAddressableMemories(PJRT_Client_AddressableMemories_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_AddressableMemories_Args);
  AXLE_REQUIRE(args->client, "PJRT_Client_AddressableMemories", "client");
  args->addressable_memories = args->client->state->memories.data();
  args->num_addressable_memories = args->client->state->memories.size();
  return nullptr;
}

PJRT_Error *
clientDefaultDeviceAssignment(PJRT_Client_DefaultDeviceAssignment_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Client_DefaultDeviceAssignment_Args);
  AXLE_REQUIRE(args->client, "PJRT_Client_DefaultDeviceAssignment", "client");
  if (args->num_replicas != 1 || args->num_partitions != 1)
    return invalidArgument(
        "PJRT_Client_DefaultDeviceAssignment: the CPU client has one device; "
        "requested " +
        std::to_string(args->num_replicas) + " replica(s) x " +
        std::to_string(args->num_partitions) + " partition(s)");
  if (args->default_assignment_size < 1)
    return invalidArgument("PJRT_Client_DefaultDeviceAssignment: "
                           "default_assignment_size must be at least 1");
  AXLE_REQUIRE(args->default_assignment, "PJRT_Client_DefaultDeviceAssignment",
               "default_assignment");
  args->default_assignment[0] = 0;
  return nullptr;
}

PJRT_Error *checkPlacement(const ClientState &state, PJRT_Device *device,
                           PJRT_Memory *memory, const char *function) {
  if (device && device != &state.device)
    return invalidArgument(std::string(function) +
                           ": `device` is not a device of this client");
  if (memory && memory != &state.memory)
    return invalidArgument(std::string(function) +
                           ": `memory` is not a memory of this client");
  return nullptr;
}

} // namespace axle::pjrt
