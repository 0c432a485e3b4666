//===- CoreLayoutTest.cpp - Errors, named values, plugin, events ----------===//
//
// Literal x86-64 (LP64) layouts. STRUCT_SIZE excludes tail padding, so it is
// checked separately from sizeof. Every Args struct starts with
// struct_size@0 and extension_start@8 unless a test says otherwise.
//
//===----------------------------------------------------------------------===//

#include "pjrt_c_api.h"

#include <gtest/gtest.h>

#include <cstddef>

#define EXPECT_STRUCT(T, structSize, sizeofT)                                  \
  do {                                                                         \
    EXPECT_EQ(static_cast<size_t>(T##_STRUCT_SIZE), size_t{structSize}) << #T; \
    EXPECT_EQ(sizeof(T), size_t{sizeofT}) << #T;                               \
  } while (false)
#define EXPECT_FIELD(T, field, offset)                                         \
  EXPECT_EQ(offsetof(T, field), size_t{offset}) << #T "." #field
#define EXPECT_ARGS_HEAD(T)                                                    \
  do {                                                                         \
    EXPECT_FIELD(T, struct_size, 0);                                           \
    EXPECT_FIELD(T, extension_start, 8);                                       \
  } while (false)

#define EXPECT_FIELD_WIDTH(T, field, bytes)                                    \
  EXPECT_EQ(sizeof(T::field), size_t{bytes}) << #T "." #field

namespace {

// Offsets alone miss a 4-byte field widened into its padding; the widths of
// the small scalar fields the bindings marshal are pinned here.
TEST(CoreLayout, ScalarFieldWidths) {
  EXPECT_FIELD_WIDTH(PJRT_Api_Version, major_version, 4);
  EXPECT_FIELD_WIDTH(PJRT_Error_GetCode_Args, code, 4);
  EXPECT_FIELD_WIDTH(PJRT_NamedValue, type, 4);
  EXPECT_FIELD_WIDTH(PJRT_NamedValue, float_value, 4);
  EXPECT_FIELD_WIDTH(PJRT_NamedValue, bool_value, 1);
  EXPECT_FIELD_WIDTH(PJRT_Event_IsReady_Args, is_ready, 1);
  EXPECT_FIELD_WIDTH(PJRT_Event_Set_Args, error_code, 4);
  EXPECT_FIELD_WIDTH(PJRT_KeyValueGetCallback_Args, timeout_in_ms, 4);
  EXPECT_FIELD_WIDTH(PJRT_Client_ProcessIndex_Args, process_index, 4);
  EXPECT_FIELD_WIDTH(PJRT_Client_LookupDevice_Args, id, 4);
  EXPECT_FIELD_WIDTH(PJRT_Client_DefaultDeviceAssignment_Args, num_replicas, 4);
  EXPECT_FIELD_WIDTH(PJRT_Client_BufferFromHostBuffer_Args, type, 4);
  EXPECT_FIELD_WIDTH(PJRT_Client_BufferFromHostBuffer_Args,
                     host_buffer_semantics, 4);
  EXPECT_FIELD_WIDTH(PJRT_Buffer_MemoryLayout, type, 4);
  EXPECT_FIELD_WIDTH(PJRT_DeviceDescription_Id_Args, id, 4);
  EXPECT_FIELD_WIDTH(PJRT_Device_IsAddressable_Args, is_addressable, 1);
  EXPECT_FIELD_WIDTH(PJRT_Device_LocalHardwareId_Args, local_hardware_id, 4);
  EXPECT_FIELD_WIDTH(PJRT_Device_MemoryStats_Args, bytes_in_use, 8);
  EXPECT_FIELD_WIDTH(PJRT_Memory_Id_Args, id, 4);
  EXPECT_FIELD_WIDTH(PJRT_Executable_SizeOfGeneratedCodeInBytes_Args,
                     size_in_bytes, 8);
  EXPECT_FIELD_WIDTH(PJRT_ExecuteOptions, launch_id, 4);
  EXPECT_FIELD_WIDTH(PJRT_ExecuteOptions,
                     use_major_to_minor_data_layout_for_callbacks, 1);
  EXPECT_FIELD_WIDTH(PJRT_Buffer_ElementType_Args, type, 4);
  EXPECT_FIELD_WIDTH(PJRT_Buffer_IsDeleted_Args, is_deleted, 1);
  EXPECT_FIELD_WIDTH(PJRT_Buffer_IsOnCpu_Args, is_on_cpu, 1);
  EXPECT_FIELD_WIDTH(PJRT_LoadedExecutable_IsDeleted_Args, is_deleted, 1);
}

TEST(CoreLayout, ExtensionBase) {
  EXPECT_STRUCT(PJRT_Extension_Base, 24, 24);
  EXPECT_FIELD(PJRT_Extension_Base, type, 8);
  EXPECT_FIELD(PJRT_Extension_Base, next, 16);
}

TEST(CoreLayout, ErrorArgs) {
  EXPECT_STRUCT(PJRT_Error_Destroy_Args, 24, 24);
  EXPECT_ARGS_HEAD(PJRT_Error_Destroy_Args);
  EXPECT_FIELD(PJRT_Error_Destroy_Args, error, 16);

  EXPECT_STRUCT(PJRT_Error_Message_Args, 40, 40);
  EXPECT_FIELD(PJRT_Error_Message_Args, error, 16);
  EXPECT_FIELD(PJRT_Error_Message_Args, message, 24);
  EXPECT_FIELD(PJRT_Error_Message_Args, message_size, 32);

  // The classic tail-padding case: 28 bytes used, 32 allocated.
  EXPECT_STRUCT(PJRT_Error_GetCode_Args, 28, 32);
  EXPECT_FIELD(PJRT_Error_GetCode_Args, error, 16);
  EXPECT_FIELD(PJRT_Error_GetCode_Args, code, 24);

  EXPECT_STRUCT(PJRT_Error_ForEachPayload_Args, 40, 40);
  EXPECT_FIELD(PJRT_Error_ForEachPayload_Args, visitor, 24);
  EXPECT_FIELD(PJRT_Error_ForEachPayload_Args, user_arg, 32);
}

TEST(CoreLayout, ErrorAndMemoryFunctionTables) {
  // Error table: note instance_size sits *before* extension_start.
  EXPECT_STRUCT(PJRT_Error_FunctionTable, 56, 56);
  EXPECT_FIELD(PJRT_Error_FunctionTable, struct_size, 0);
  EXPECT_FIELD(PJRT_Error_FunctionTable, instance_size, 8);
  EXPECT_FIELD(PJRT_Error_FunctionTable, extension_start, 16);
  EXPECT_FIELD(PJRT_Error_FunctionTable, destroy, 24);
  EXPECT_FIELD(PJRT_Error_FunctionTable, message, 32);
  EXPECT_FIELD(PJRT_Error_FunctionTable, get_code, 40);
  EXPECT_FIELD(PJRT_Error_FunctionTable, for_each_payload, 48);
  EXPECT_STRUCT(PJRT_Error, 8, 8);
  EXPECT_FIELD(PJRT_Error, vtable, 0);

  // Memory table: here instance_struct_size comes *after* extension_start.
  EXPECT_STRUCT(PJRT_Memory_FunctionTable, 40, 40);
  EXPECT_FIELD(PJRT_Memory_FunctionTable, extension_start, 8);
  EXPECT_FIELD(PJRT_Memory_FunctionTable, instance_struct_size, 16);
  EXPECT_FIELD(PJRT_Memory_FunctionTable, get_user_data, 24);
  EXPECT_FIELD(PJRT_Memory_FunctionTable, set_user_data, 32);
  EXPECT_STRUCT(PJRT_Memory, 8, 8);
  EXPECT_FIELD(PJRT_Memory, vtable, 0);
}

TEST(CoreLayout, NamedValue) {
  EXPECT_STRUCT(PJRT_NamedValue, 56, 56);
  EXPECT_ARGS_HEAD(PJRT_NamedValue);
  EXPECT_FIELD(PJRT_NamedValue, name, 16);
  EXPECT_FIELD(PJRT_NamedValue, name_size, 24);
  EXPECT_FIELD(PJRT_NamedValue, type, 32);
  // All union members share offset 40.
  EXPECT_FIELD(PJRT_NamedValue, string_value, 40);
  EXPECT_FIELD(PJRT_NamedValue, int64_value, 40);
  EXPECT_FIELD(PJRT_NamedValue, int64_array_value, 40);
  EXPECT_FIELD(PJRT_NamedValue, float_value, 40);
  EXPECT_FIELD(PJRT_NamedValue, bool_value, 40);
  EXPECT_FIELD(PJRT_NamedValue, value_size, 48);
}

TEST(CoreLayout, Plugin) {
  EXPECT_STRUCT(PJRT_Plugin_Initialize_Args, 16, 16);
  EXPECT_STRUCT(PJRT_Plugin_Attributes_Args, 32, 32);
  EXPECT_FIELD(PJRT_Plugin_Attributes_Args, attributes, 16);
  EXPECT_FIELD(PJRT_Plugin_Attributes_Args, num_attributes, 24);
}

TEST(CoreLayout, Events) {
  EXPECT_STRUCT(PJRT_Event_Destroy_Args, 24, 24);
  EXPECT_FIELD(PJRT_Event_Destroy_Args, event, 16);
  EXPECT_STRUCT(PJRT_Event_IsReady_Args, 25, 32);
  EXPECT_FIELD(PJRT_Event_IsReady_Args, is_ready, 24);
  EXPECT_STRUCT(PJRT_Event_Error_Args, 24, 24);
  EXPECT_STRUCT(PJRT_Event_Await_Args, 24, 24);
  EXPECT_FIELD(PJRT_Event_Await_Args, event, 16);
  EXPECT_STRUCT(PJRT_Event_OnReady_Args, 40, 40);
  EXPECT_FIELD(PJRT_Event_OnReady_Args, callback, 24);
  EXPECT_FIELD(PJRT_Event_OnReady_Args, user_arg, 32);
  EXPECT_STRUCT(PJRT_Event_Create_Args, 24, 24);
  EXPECT_FIELD(PJRT_Event_Create_Args, event, 16);
  EXPECT_STRUCT(PJRT_Event_Set_Args, 48, 48);
  EXPECT_FIELD(PJRT_Event_Set_Args, error_code, 24);
  EXPECT_FIELD(PJRT_Event_Set_Args, error_message, 32);
  EXPECT_FIELD(PJRT_Event_Set_Args, error_message_size, 40);
}

TEST(CoreLayout, KeyValueCallbacks) {
  EXPECT_STRUCT(PJRT_KeyValueGetCallback_Args, 80, 80);
  EXPECT_FIELD(PJRT_KeyValueGetCallback_Args, timeout_in_ms, 32);
  EXPECT_FIELD(PJRT_KeyValueGetCallback_Args, callback_error, 40);
  EXPECT_FIELD(PJRT_KeyValueGetCallback_Args, value, 56);
  EXPECT_FIELD(PJRT_KeyValueGetCallback_Args, value_deleter_callback, 72);

  EXPECT_STRUCT(PJRT_KeyValueTryGetCallback_Args, 72, 72);
  EXPECT_FIELD(PJRT_KeyValueTryGetCallback_Args, callback_error, 32);
  EXPECT_FIELD(PJRT_KeyValueTryGetCallback_Args, value_deleter_callback, 64);

  EXPECT_STRUCT(PJRT_KeyValuePutCallback_Args, 64, 64);
  EXPECT_FIELD(PJRT_KeyValuePutCallback_Args, value, 32);
  EXPECT_FIELD(PJRT_KeyValuePutCallback_Args, user_arg, 56);
}

} // namespace
