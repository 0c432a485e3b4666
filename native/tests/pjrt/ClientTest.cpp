//===- ClientTest.cpp - Clients, devices and memories ---------------------===//

#include "PluginFixture.h"

namespace axle::test {
namespace {

std::string str(const char *text, size_t size) { return {text, size}; }

class ClientTest : public PluginTest {};

TEST_F(ClientTest, PlatformNameIndexAndVersion) {
  auto name = AXLE_ARGS(PJRT_Client_PlatformName_Args);
  name.client = client;
  AXLE_ASSERT_OK(api().PJRT_Client_PlatformName(&name));
  EXPECT_EQ(str(name.platform_name, name.platform_name_size), "cpu");

  auto index = AXLE_ARGS(PJRT_Client_ProcessIndex_Args);
  index.client = client;
  index.process_index = 7;
  AXLE_ASSERT_OK(api().PJRT_Client_ProcessIndex(&index));
  EXPECT_EQ(index.process_index, 0);

  auto version = AXLE_ARGS(PJRT_Client_PlatformVersion_Args);
  version.client = client;
  AXLE_ASSERT_OK(api().PJRT_Client_PlatformVersion(&version));
  EXPECT_GT(version.platform_version_size, 0u);
}

TEST_F(ClientTest, UnknownCreateOptionsAreRejectedByName) {
  PJRT_NamedValue option{};
  option.struct_size = PJRT_NamedValue_STRUCT_SIZE;
  option.name = "preallocate";
  option.name_size = 11;
  option.type = PJRT_NamedValue_kBool;
  option.bool_value = true;
  option.value_size = 1;
  auto args = AXLE_ARGS(PJRT_Client_Create_Args);
  args.create_options = &option;
  args.num_options = 1;
  ErrorInfo error = takeError(api().PJRT_Client_Create(&args));
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("'preallocate'"), std::string::npos)
      << error.message;
}

TEST_F(ClientTest, OneCpuDevice) {
  auto all = AXLE_ARGS(PJRT_Client_Devices_Args);
  all.client = client;
  AXLE_ASSERT_OK(api().PJRT_Client_Devices(&all));
  ASSERT_EQ(all.num_devices, 1u);
  PJRT_Device *only = all.devices[0];
  EXPECT_EQ(device(), only);

  auto description = AXLE_ARGS(PJRT_Device_GetDescription_Args);
  description.device = only;
  AXLE_ASSERT_OK(api().PJRT_Device_GetDescription(&description));
  PJRT_DeviceDescription *desc = description.device_description;

  auto id = AXLE_ARGS(PJRT_DeviceDescription_Id_Args);
  id.device_description = desc;
  id.id = -1;
  AXLE_ASSERT_OK(api().PJRT_DeviceDescription_Id(&id));
  EXPECT_EQ(id.id, 0);

  auto kind = AXLE_ARGS(PJRT_DeviceDescription_Kind_Args);
  kind.device_description = desc;
  AXLE_ASSERT_OK(api().PJRT_DeviceDescription_Kind(&kind));
  EXPECT_EQ(str(kind.device_kind, kind.device_kind_size), "cpu");

  auto text = AXLE_ARGS(PJRT_DeviceDescription_ToString_Args);
  text.device_description = desc;
  AXLE_ASSERT_OK(api().PJRT_DeviceDescription_ToString(&text));
  EXPECT_EQ(str(text.to_string, text.to_string_size), "CpuDevice(id=0)");

  auto debug = AXLE_ARGS(PJRT_DeviceDescription_DebugString_Args);
  debug.device_description = desc;
  AXLE_ASSERT_OK(api().PJRT_DeviceDescription_DebugString(&debug));
  EXPECT_GT(debug.debug_string_size, 0u);

  auto process = AXLE_ARGS(PJRT_DeviceDescription_ProcessIndex_Args);
  process.device_description = desc;
  process.process_index = 3;
  AXLE_ASSERT_OK(api().PJRT_DeviceDescription_ProcessIndex(&process));
  EXPECT_EQ(process.process_index, 0);

  auto attributes = AXLE_ARGS(PJRT_DeviceDescription_Attributes_Args);
  attributes.device_description = desc;
  AXLE_ASSERT_OK(api().PJRT_DeviceDescription_Attributes(&attributes));
  EXPECT_EQ(attributes.num_attributes, 0u);

  auto addressable = AXLE_ARGS(PJRT_Device_IsAddressable_Args);
  addressable.device = only;
  AXLE_ASSERT_OK(api().PJRT_Device_IsAddressable(&addressable));
  EXPECT_TRUE(addressable.is_addressable);

  auto hardware = AXLE_ARGS(PJRT_Device_LocalHardwareId_Args);
  hardware.device = only;
  hardware.local_hardware_id = -1;
  AXLE_ASSERT_OK(api().PJRT_Device_LocalHardwareId(&hardware));
  EXPECT_EQ(hardware.local_hardware_id, 0);

  auto deviceAttributes = AXLE_ARGS(PJRT_Device_GetAttributes_Args);
  deviceAttributes.device = only;
  AXLE_ASSERT_OK(api().PJRT_Device_GetAttributes(&deviceAttributes));
  EXPECT_EQ(deviceAttributes.num_attributes, 0u);
  ASSERT_NE(deviceAttributes.attributes_deleter, nullptr);
  deviceAttributes.attributes_deleter(deviceAttributes.device_attributes);
}

TEST_F(ClientTest, LookupDevices) {
  auto lookup = AXLE_ARGS(PJRT_Client_LookupDevice_Args);
  lookup.client = client;
  lookup.id = 0;
  AXLE_ASSERT_OK(api().PJRT_Client_LookupDevice(&lookup));
  EXPECT_EQ(lookup.device, device());
  lookup.id = 1;
  EXPECT_EQ(takeError(api().PJRT_Client_LookupDevice(&lookup)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);

  auto local = AXLE_ARGS(PJRT_Client_LookupAddressableDevice_Args);
  local.client = client;
  AXLE_ASSERT_OK(api().PJRT_Client_LookupAddressableDevice(&local));
  EXPECT_EQ(local.addressable_device, device());
  local.local_hardware_id = 5;
  EXPECT_EQ(takeError(api().PJRT_Client_LookupAddressableDevice(&local)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);
}

TEST_F(ClientTest, OneDeviceMemory) {
  auto memories = AXLE_ARGS(PJRT_Client_AddressableMemories_Args);
  memories.client = client;
  AXLE_ASSERT_OK(api().PJRT_Client_AddressableMemories(&memories));
  ASSERT_EQ(memories.num_addressable_memories, 1u);
  PJRT_Memory *only = memories.addressable_memories[0];
  EXPECT_EQ(memory(), only);

  auto deviceMemories = AXLE_ARGS(PJRT_Device_AddressableMemories_Args);
  deviceMemories.device = device();
  AXLE_ASSERT_OK(api().PJRT_Device_AddressableMemories(&deviceMemories));
  ASSERT_EQ(deviceMemories.num_memories, 1u);
  EXPECT_EQ(deviceMemories.memories[0], only);

  auto kind = AXLE_ARGS(PJRT_Memory_Kind_Args);
  kind.memory = only;
  AXLE_ASSERT_OK(api().PJRT_Memory_Kind(&kind));
  EXPECT_EQ(str(kind.kind, kind.kind_size), "device");

  auto kindId = AXLE_ARGS(PJRT_Memory_Kind_Id_Args);
  kindId.memory = only;
  kindId.kind_id = -1;
  AXLE_ASSERT_OK(api().PJRT_Memory_Kind_Id(&kindId));
  EXPECT_EQ(kindId.kind_id, 0);

  auto id = AXLE_ARGS(PJRT_Memory_Id_Args);
  id.memory = only;
  id.id = -1;
  AXLE_ASSERT_OK(api().PJRT_Memory_Id(&id));
  EXPECT_EQ(id.id, 0);

  auto text = AXLE_ARGS(PJRT_Memory_ToString_Args);
  text.memory = only;
  AXLE_ASSERT_OK(api().PJRT_Memory_ToString(&text));
  EXPECT_GT(text.to_string_size, 0u);
  auto debug = AXLE_ARGS(PJRT_Memory_DebugString_Args);
  debug.memory = only;
  AXLE_ASSERT_OK(api().PJRT_Memory_DebugString(&debug));
  EXPECT_GT(debug.debug_string_size, 0u);

  auto devices = AXLE_ARGS(PJRT_Memory_AddressableByDevices_Args);
  devices.memory = only;
  AXLE_ASSERT_OK(api().PJRT_Memory_AddressableByDevices(&devices));
  ASSERT_EQ(devices.num_devices, 1u);
  EXPECT_EQ(devices.devices[0], device());
}

int userDataDestroyed = 0;
TEST_F(ClientTest, MemoryUserDataTable) {
  PJRT_Memory *only = memory();
  ASSERT_NE(only->vtable, nullptr);
  static int key;
  static int value;
  EXPECT_EQ(only->vtable->get_user_data(only, &key), nullptr);
  only->vtable->set_user_data(only, &key, &value,
                              [](void *) { ++userDataDestroyed; });
  EXPECT_EQ(only->vtable->get_user_data(only, &key), &value);
  userDataDestroyed = 0;
  // The destructor runs when the memory dies with its client state.
  auto args = AXLE_ARGS(PJRT_Client_Destroy_Args);
  args.client = client;
  AXLE_ASSERT_OK(api().PJRT_Client_Destroy(&args));
  EXPECT_EQ(userDataDestroyed, 1);
  auto create = AXLE_ARGS(PJRT_Client_Create_Args);
  AXLE_ASSERT_OK(api().PJRT_Client_Create(&create));
  client = create.client;
}

TEST_F(ClientTest, DefaultDeviceAssignment) {
  int assignment[2] = {-1, -1};
  auto args = AXLE_ARGS(PJRT_Client_DefaultDeviceAssignment_Args);
  args.client = client;
  args.num_replicas = 1;
  args.num_partitions = 1;
  args.default_assignment_size = 2;
  args.default_assignment = assignment;
  AXLE_ASSERT_OK(api().PJRT_Client_DefaultDeviceAssignment(&args));
  EXPECT_EQ(assignment[0], 0);
  args.num_replicas = 2;
  EXPECT_EQ(takeError(api().PJRT_Client_DefaultDeviceAssignment(&args)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);
}

TEST_F(ClientTest, MemoryStatsTrackBuffers) {
  auto stats = AXLE_ARGS(PJRT_Device_MemoryStats_Args);
  stats.device = device();
  AXLE_ASSERT_OK(api().PJRT_Device_MemoryStats(&stats));
  int64_t before = stats.bytes_in_use;
  std::vector<float> data(1000, 1.0f);
  PJRT_Buffer *buffer = upload(PJRT_Buffer_Type_F32, {1000}, data);
  AXLE_ASSERT_OK(api().PJRT_Device_MemoryStats(&stats));
  EXPECT_EQ(stats.bytes_in_use, before + 4000);
  EXPECT_TRUE(stats.peak_bytes_in_use_is_set);
  EXPECT_GE(stats.peak_bytes_in_use, before + 4000);
  destroy(buffer);
  AXLE_ASSERT_OK(api().PJRT_Device_MemoryStats(&stats));
  EXPECT_EQ(stats.bytes_in_use, before);
}

TEST_F(ClientTest, BuffersOutliveTheirClient) {
  auto create = AXLE_ARGS(PJRT_Client_Create_Args);
  AXLE_ASSERT_OK(api().PJRT_Client_Create(&create));
  PJRT_Client *other = create.client;
  std::vector<int32_t> values = {1, 2, 3};
  std::vector<int64_t> dims = {3};
  auto args = AXLE_ARGS(PJRT_Client_BufferFromHostBuffer_Args);
  args.client = other;
  args.data = values.data();
  args.type = PJRT_Buffer_Type_S32;
  args.dims = dims.data();
  args.num_dims = 1;
  AXLE_ASSERT_OK(api().PJRT_Client_BufferFromHostBuffer(&args));
  destroy(args.done_with_host_buffer);

  auto destroyClient = AXLE_ARGS(PJRT_Client_Destroy_Args);
  destroyClient.client = other;
  AXLE_ASSERT_OK(api().PJRT_Client_Destroy(&destroyClient));

  // The buffer still knows its device and still holds its data.
  auto bufferDevice = AXLE_ARGS(PJRT_Buffer_Device_Args);
  bufferDevice.buffer = args.buffer;
  AXLE_ASSERT_OK(api().PJRT_Buffer_Device(&bufferDevice));
  auto description = AXLE_ARGS(PJRT_Device_GetDescription_Args);
  description.device = bufferDevice.device;
  AXLE_ASSERT_OK(api().PJRT_Device_GetDescription(&description));
  EXPECT_EQ(downloadAs<int32_t>(args.buffer), values);
  destroy(args.buffer);
}

} // namespace
} // namespace axle::test
