//===- PluginFixture.cpp - Drive the CPU plugin through its C API ---------===//

#include "PluginFixture.h"

#include <dlfcn.h>

#include <cstdlib>

namespace axle::test {

const PJRT_Api &api() {
  static const PJRT_Api *table = [] {
    void *library = dlopen(AXLE_PJRT_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
      std::fprintf(stderr, "dlopen(%s) failed: %s\n", AXLE_PJRT_PLUGIN_PATH,
                   dlerror());
      std::abort();
    }
    using GetApi = const PJRT_Api *(*)();
    auto getApi = reinterpret_cast<GetApi>(dlsym(library, "GetPjrtApi"));
    if (!getApi) {
      std::fprintf(stderr, "GetPjrtApi not found: %s\n", dlerror());
      std::abort();
    }
    const PJRT_Api *result = getApi();
    auto init = AXLE_ARGS(PJRT_Plugin_Initialize_Args);
    if (PJRT_Error *error = result->PJRT_Plugin_Initialize(&init)) {
      std::fprintf(stderr, "PJRT_Plugin_Initialize failed: %s\n",
                   takeError(error).message.c_str());
      std::abort();
    }
    return result;
  }();
  return *table;
}

ErrorInfo takeError(PJRT_Error *error) {
  ErrorInfo info;
  if (!error)
    return info;
  auto code = AXLE_ARGS(PJRT_Error_GetCode_Args);
  code.error = error;
  PJRT_Error *codeError = api().PJRT_Error_GetCode(&code);
  EXPECT_EQ(codeError, nullptr);
  info.code = code.code;
  auto message = AXLE_ARGS(PJRT_Error_Message_Args);
  message.error = error;
  api().PJRT_Error_Message(&message);
  info.message.assign(message.message, message.message_size);
  auto destroy = AXLE_ARGS(PJRT_Error_Destroy_Args);
  destroy.error = error;
  api().PJRT_Error_Destroy(&destroy);
  return info;
}

AxleLiveObjectCounts liveCounts() {
  AxleLiveObjectCounts counts{};
  for (const PJRT_Extension_Base *ext = api().extension_start; ext;
       ext = ext->next) {
    if (axle::pjrt::extensionTag(*ext) == AXLE_PJRT_EXTENSION_LIVE_OBJECTS) {
      reinterpret_cast<const AxleLiveObjectsExtension *>(ext)->get_live_counts(
          &counts);
      return counts;
    }
  }
  ADD_FAILURE() << "the live-objects extension is missing";
  return counts;
}

void PluginTest::SetUp() {
  before = liveCounts();
  auto args = AXLE_ARGS(PJRT_Client_Create_Args);
  AXLE_ASSERT_OK(api().PJRT_Client_Create(&args));
  client = args.client;
  ASSERT_NE(client, nullptr);
}

void PluginTest::TearDown() {
  auto args = AXLE_ARGS(PJRT_Client_Destroy_Args);
  args.client = client;
  AXLE_ASSERT_OK(api().PJRT_Client_Destroy(&args));
  AxleLiveObjectCounts after = liveCounts();
  EXPECT_EQ(after.clients, before.clients);
  EXPECT_EQ(after.buffers, before.buffers) << "leaked buffers";
  EXPECT_EQ(after.executables, before.executables) << "leaked executables";
  EXPECT_EQ(after.loaded_executables, before.loaded_executables)
      << "leaked loaded executables";
  EXPECT_EQ(after.events, before.events) << "leaked events";
  EXPECT_EQ(after.errors, before.errors) << "leaked errors";
}

PJRT_Device *PluginTest::device() {
  auto args = AXLE_ARGS(PJRT_Client_AddressableDevices_Args);
  args.client = client;
  EXPECT_EQ(takeError(api().PJRT_Client_AddressableDevices(&args)).code,
            PJRT_Error_Code_OK);
  return args.num_addressable_devices ? args.addressable_devices[0] : nullptr;
}

PJRT_Memory *PluginTest::memory() {
  auto args = AXLE_ARGS(PJRT_Device_DefaultMemory_Args);
  args.device = device();
  EXPECT_EQ(takeError(api().PJRT_Device_DefaultMemory(&args)).code,
            PJRT_Error_Code_OK);
  return args.memory;
}

PJRT_Buffer *PluginTest::upload(PJRT_Buffer_Type type,
                                const std::vector<int64_t> &dims,
                                const void *data,
                                const std::vector<int64_t> *byteStrides,
                                PJRT_HostBufferSemantics semantics) {
  auto args = AXLE_ARGS(PJRT_Client_BufferFromHostBuffer_Args);
  args.client = client;
  args.data = data;
  args.type = type;
  args.dims = dims.data();
  args.num_dims = dims.size();
  if (byteStrides) {
    args.byte_strides = byteStrides->data();
    args.num_byte_strides = byteStrides->size();
  }
  args.host_buffer_semantics = semantics;
  args.device = device();
  ErrorInfo error = takeError(api().PJRT_Client_BufferFromHostBuffer(&args));
  EXPECT_EQ(error.code, PJRT_Error_Code_OK) << error.message;
  if (error.code != PJRT_Error_Code_OK)
    return nullptr;
  EXPECT_NE(args.done_with_host_buffer, nullptr);
  auto await = AXLE_ARGS(PJRT_Event_Await_Args);
  await.event = args.done_with_host_buffer;
  EXPECT_EQ(takeError(api().PJRT_Event_Await(&await)).code, PJRT_Error_Code_OK);
  destroy(args.done_with_host_buffer);
  return args.buffer;
}

std::vector<char> PluginTest::download(PJRT_Buffer *buffer) {
  auto args = AXLE_ARGS(PJRT_Buffer_ToHostBuffer_Args);
  args.src = buffer;
  ErrorInfo query = takeError(api().PJRT_Buffer_ToHostBuffer(&args));
  EXPECT_EQ(query.code, PJRT_Error_Code_OK) << query.message;
  std::vector<char> bytes(args.dst_size);
  args.dst = bytes.data();
  // A non-null pointer even for empty buffers: that is the copy request.
  static char empty;
  if (bytes.empty())
    args.dst = &empty;
  ErrorInfo copy = takeError(api().PJRT_Buffer_ToHostBuffer(&args));
  EXPECT_EQ(copy.code, PJRT_Error_Code_OK) << copy.message;
  if (args.event) {
    auto await = AXLE_ARGS(PJRT_Event_Await_Args);
    await.event = args.event;
    EXPECT_EQ(takeError(api().PJRT_Event_Await(&await)).code,
              PJRT_Error_Code_OK);
    destroy(args.event);
  }
  return bytes;
}

PJRT_LoadedExecutable *PluginTest::compile(const std::string &text,
                                           ErrorInfo *error,
                                           const std::string &format) {
  auto program = AXLE_ARGS(PJRT_Program);
  program.code = const_cast<char *>(text.data());
  program.code_size = text.size();
  program.format = format.data();
  program.format_size = format.size();
  // ExecutableBuildOptionsProto{num_replicas: 1, num_partitions: 1}.
  static const char options[] = {0x1a, 0x04, 0x20, 0x01, 0x28, 0x01};
  auto args = AXLE_ARGS(PJRT_Client_Compile_Args);
  args.client = client;
  args.program = &program;
  args.compile_options = options;
  args.compile_options_size = sizeof(options);
  *error = takeError(api().PJRT_Client_Compile(&args));
  return error->code == PJRT_Error_Code_OK ? args.executable : nullptr;
}

PJRT_LoadedExecutable *PluginTest::compileOk(const std::string &text) {
  ErrorInfo error;
  PJRT_LoadedExecutable *executable = compile(text, &error);
  EXPECT_EQ(error.code, PJRT_Error_Code_OK) << error.message;
  return executable;
}

size_t PluginTest::numOutputs(PJRT_LoadedExecutable *executable) {
  auto get = AXLE_ARGS(PJRT_LoadedExecutable_GetExecutable_Args);
  get.loaded_executable = executable;
  EXPECT_EQ(takeError(api().PJRT_LoadedExecutable_GetExecutable(&get)).code,
            PJRT_Error_Code_OK);
  auto outputs = AXLE_ARGS(PJRT_Executable_NumOutputs_Args);
  outputs.executable = get.executable;
  EXPECT_EQ(takeError(api().PJRT_Executable_NumOutputs(&outputs)).code,
            PJRT_Error_Code_OK);
  destroy(get.executable);
  return outputs.num_outputs;
}

ErrorInfo PluginTest::execute(PJRT_LoadedExecutable *executable,
                              const std::vector<PJRT_Buffer *> &arguments,
                              std::vector<PJRT_Buffer *> &outputs) {
  outputs.assign(numOutputs(executable), nullptr);
  auto options = AXLE_ARGS(PJRT_ExecuteOptions);
  PJRT_Buffer *const *argumentList = arguments.data();
  PJRT_Buffer **outputList = outputs.data();
  PJRT_Event *complete = nullptr;
  auto args = AXLE_ARGS(PJRT_LoadedExecutable_Execute_Args);
  args.executable = executable;
  args.options = &options;
  args.argument_lists = &argumentList;
  args.num_devices = 1;
  args.num_args = arguments.size();
  args.output_lists = &outputList;
  args.device_complete_events = &complete;
  ErrorInfo error = takeError(api().PJRT_LoadedExecutable_Execute(&args));
  if (error.code != PJRT_Error_Code_OK) {
    EXPECT_EQ(complete, nullptr);
    outputs.clear();
    return error;
  }
  EXPECT_NE(complete, nullptr);
  auto await = AXLE_ARGS(PJRT_Event_Await_Args);
  await.event = complete;
  error = takeError(api().PJRT_Event_Await(&await));
  destroy(complete);
  return error;
}

void PluginTest::destroy(PJRT_Buffer *buffer) {
  auto args = AXLE_ARGS(PJRT_Buffer_Destroy_Args);
  args.buffer = buffer;
  EXPECT_EQ(takeError(api().PJRT_Buffer_Destroy(&args)).code,
            PJRT_Error_Code_OK);
}

void PluginTest::destroy(PJRT_LoadedExecutable *executable) {
  auto args = AXLE_ARGS(PJRT_LoadedExecutable_Destroy_Args);
  args.executable = executable;
  EXPECT_EQ(takeError(api().PJRT_LoadedExecutable_Destroy(&args)).code,
            PJRT_Error_Code_OK);
}

void PluginTest::destroy(PJRT_Executable *executable) {
  auto args = AXLE_ARGS(PJRT_Executable_Destroy_Args);
  args.executable = executable;
  EXPECT_EQ(takeError(api().PJRT_Executable_Destroy(&args)).code,
            PJRT_Error_Code_OK);
}

void PluginTest::destroy(PJRT_Event *event) {
  auto args = AXLE_ARGS(PJRT_Event_Destroy_Args);
  args.event = event;
  EXPECT_EQ(takeError(api().PJRT_Event_Destroy(&args)).code,
            PJRT_Error_Code_OK);
}

} // namespace axle::test
