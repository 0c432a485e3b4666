//===- PjrtFuzz.cpp - libFuzzer target: compile + execute via PJRT --------===//
//
// Each input is a StableHLO program and input bytes (format in FuzzInput.h).
// The program goes through GetPjrtApi() -> PJRT_Client_Compile exactly as a
// framework sends it; when it compiles, the entry's parameters are uploaded
// (filled from the input bytes), the executable runs, and every object is
// destroyed. Any error the plugin returns is fine; a crash, a sanitizer
// report, or a live PJRT object left behind after an input is a finding.
//
//===----------------------------------------------------------------------===//

#include "FuzzInput.h"
#include "pjrt/LiveObjects.h"

#include "pjrt_c_api.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

extern "C" const PJRT_Api *GetPjrtApi();

namespace {

using axle::fuzz::ParameterSpec;

// Bigger inputs or outputs are compiled but not executed: the fuzzer looks for
// crashes, not for how long a big kernel takes.
constexpr size_t kMaxExecuteBytes = size_t(16) << 20;

const PJRT_Api *api = nullptr;
PJRT_Client *client = nullptr;
PJRT_Device *device = nullptr;
bool verbose = false;

template <typename Args> Args makeArgs(size_t structSize) {
  Args args;
  std::memset(&args, 0, sizeof(args));
  args.struct_size = structSize;
  return args;
}
#define FUZZ_ARGS(Type) makeArgs<Type>(Type##_STRUCT_SIZE)

[[noreturn]] void fail(const char *what) {
  std::fprintf(stderr, "axle_pjrt_fuzz: %s\n", what);
  std::abort();
}

/// Destroys `error`; true when there was one. Reads code and message first so
/// both entry points run on every error the fuzzer provokes.
bool consume(PJRT_Error *error) {
  if (!error)
    return false;
  auto code = FUZZ_ARGS(PJRT_Error_GetCode_Args);
  code.error = error;
  if (api->PJRT_Error_GetCode(&code))
    fail("PJRT_Error_GetCode failed");
  auto message = FUZZ_ARGS(PJRT_Error_Message_Args);
  message.error = error;
  api->PJRT_Error_Message(&message);
  if (message.message_size && !message.message)
    fail("error message is null with a nonzero size");
  // AXLE_FUZZ_VERBOSE=1 shows why inputs fail (for checking what a corpus
  // reaches), one line per error.
  if (verbose)
    std::fprintf(stderr, "axle_pjrt_fuzz: code %d: %.*s\n",
                 static_cast<int>(code.code),
                 static_cast<int>(std::min<size_t>(message.message_size, 160)),
                 message.message);
  auto destroy = FUZZ_ARGS(PJRT_Error_Destroy_Args);
  destroy.error = error;
  api->PJRT_Error_Destroy(&destroy);
  return true;
}

void awaitAndDestroy(PJRT_Event *event) {
  if (!event)
    return;
  auto await = FUZZ_ARGS(PJRT_Event_Await_Args);
  await.event = event;
  consume(api->PJRT_Event_Await(&await));
  auto destroy = FUZZ_ARGS(PJRT_Event_Destroy_Args);
  destroy.event = event;
  consume(api->PJRT_Event_Destroy(&destroy));
}

void destroyBuffer(PJRT_Buffer *buffer) {
  if (!buffer)
    return;
  auto args = FUZZ_ARGS(PJRT_Buffer_Destroy_Args);
  args.buffer = buffer;
  consume(api->PJRT_Buffer_Destroy(&args));
}

AxleLiveObjectCounts liveCounts() {
  AxleLiveObjectCounts counts{};
  for (const PJRT_Extension_Base *ext = api->extension_start; ext;
       ext = ext->next)
    if (axle::pjrt::extensionTag(*ext) == AXLE_PJRT_EXTENSION_LIVE_OBJECTS)
      reinterpret_cast<const AxleLiveObjectsExtension *>(ext)->get_live_counts(
          &counts);
  return counts;
}

PJRT_Buffer *upload(const ParameterSpec &spec, std::string_view data,
                    size_t &offset) {
  size_t count = 1;
  for (int64_t d : spec.dims)
    count *= static_cast<size_t>(d);
  std::vector<char> bytes(count * spec.elementSize);
  offset = axle::fuzz::fill(data, offset, bytes);
  auto args = FUZZ_ARGS(PJRT_Client_BufferFromHostBuffer_Args);
  args.client = client;
  args.data = bytes.empty() ? nullptr : bytes.data();
  args.type = spec.type;
  args.dims = spec.dims.data();
  args.num_dims = spec.dims.size();
  args.host_buffer_semantics = PJRT_HostBufferSemantics_kImmutableOnlyDuringCall;
  args.device = device;
  if (consume(api->PJRT_Client_BufferFromHostBuffer(&args)))
    return nullptr;
  awaitAndDestroy(args.done_with_host_buffer);
  return args.buffer;
}

/// Bytes of all outputs, from the executable's own output queries.
bool outputsSmall(PJRT_LoadedExecutable *loaded, size_t &numOutputs) {
  auto get = FUZZ_ARGS(PJRT_LoadedExecutable_GetExecutable_Args);
  get.loaded_executable = loaded;
  if (consume(api->PJRT_LoadedExecutable_GetExecutable(&get)))
    fail("GetExecutable failed on a compiled executable");
  auto num = FUZZ_ARGS(PJRT_Executable_NumOutputs_Args);
  num.executable = get.executable;
  bool ok = !consume(api->PJRT_Executable_NumOutputs(&num));
  numOutputs = num.num_outputs;
  auto dims = FUZZ_ARGS(PJRT_Executable_OutputDimensions_Args);
  dims.executable = get.executable;
  if (ok && !consume(api->PJRT_Executable_OutputDimensions(&dims))) {
    size_t total = 0, k = 0;
    for (size_t i = 0; i < dims.num_outputs; ++i) {
      size_t elements = 1;
      for (size_t j = 0; j < dims.dim_sizes[i]; ++j, ++k)
        if (__builtin_mul_overflow(elements, size_t(dims.dims[k]), &elements))
          ok = false;
      if (__builtin_mul_overflow(elements, size_t(16), &elements) ||
          __builtin_add_overflow(total, elements, &total))
        ok = false;
    }
    ok = ok && total <= kMaxExecuteBytes;
  } else {
    ok = false;
  }
  auto destroy = FUZZ_ARGS(PJRT_Executable_Destroy_Args);
  destroy.executable = get.executable;
  consume(api->PJRT_Executable_Destroy(&destroy));
  return ok;
}

void execute(PJRT_LoadedExecutable *loaded, std::string_view program,
             std::string_view data) {
  std::vector<ParameterSpec> parameters;
  if (!axle::fuzz::entryParameters(program, parameters))
    return;
  size_t inputBytes = 0;
  for (const ParameterSpec &p : parameters) {
    size_t bytes = p.elementSize;
    for (int64_t d : p.dims)
      if (__builtin_mul_overflow(bytes, size_t(d), &bytes))
        return;
    if (__builtin_add_overflow(inputBytes, bytes, &inputBytes))
      return;
  }
  size_t numOutputs = 0;
  if (inputBytes > kMaxExecuteBytes ||
      axle::fuzz::largestTensorBytes(program) > kMaxExecuteBytes ||
      !outputsSmall(loaded, numOutputs))
    return;

  std::vector<PJRT_Buffer *> arguments;
  size_t offset = 0;
  for (const ParameterSpec &p : parameters) {
    PJRT_Buffer *buffer = upload(p, data, offset);
    if (!buffer)
      break;
    arguments.push_back(buffer);
  }
  if (arguments.size() == parameters.size()) {
    std::vector<PJRT_Buffer *> outputs(numOutputs, nullptr);
    auto options = FUZZ_ARGS(PJRT_ExecuteOptions);
    PJRT_Buffer *const *argumentList = arguments.data();
    PJRT_Buffer **outputList = outputs.data();
    PJRT_Event *complete = nullptr;
    auto args = FUZZ_ARGS(PJRT_LoadedExecutable_Execute_Args);
    args.executable = loaded;
    args.options = &options;
    args.argument_lists = &argumentList;
    args.num_devices = 1;
    args.num_args = arguments.size();
    args.output_lists = &outputList;
    args.device_complete_events = &complete;
    if (!consume(api->PJRT_LoadedExecutable_Execute(&args))) {
      awaitAndDestroy(complete);
      if (verbose)
        std::fprintf(stderr, "axle_pjrt_fuzz: executed\n");
    }
    for (PJRT_Buffer *output : outputs)
      destroyBuffer(output);
  }
  for (PJRT_Buffer *argument : arguments)
    destroyBuffer(argument);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  api = GetPjrtApi();
  verbose = std::getenv("AXLE_FUZZ_VERBOSE") != nullptr;
  auto init = FUZZ_ARGS(PJRT_Plugin_Initialize_Args);
  if (consume(api->PJRT_Plugin_Initialize(&init)))
    fail("PJRT_Plugin_Initialize failed");
  // One thread: the fuzzer must not take more than its one core.
  PJRT_NamedValue threads;
  std::memset(&threads, 0, sizeof(threads));
  threads.struct_size = PJRT_NamedValue_STRUCT_SIZE;
  threads.name = "cpu_threads";
  threads.name_size = std::strlen(threads.name);
  threads.type = PJRT_NamedValue_kInt64;
  threads.int64_value = 1;
  threads.value_size = 1;
  auto create = FUZZ_ARGS(PJRT_Client_Create_Args);
  create.create_options = &threads;
  create.num_options = 1;
  if (consume(api->PJRT_Client_Create(&create)))
    fail("PJRT_Client_Create failed");
  client = create.client;
  auto devices = FUZZ_ARGS(PJRT_Client_AddressableDevices_Args);
  devices.client = client;
  if (consume(api->PJRT_Client_AddressableDevices(&devices)) ||
      devices.num_addressable_devices < 1)
    fail("no addressable device");
  device = devices.addressable_devices[0];
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size) {
  AxleLiveObjectCounts before = liveCounts();
  axle::fuzz::FuzzInput input = axle::fuzz::splitInput(bytes, size);

  auto program = FUZZ_ARGS(PJRT_Program);
  program.code = const_cast<char *>(input.program.data());
  program.code_size = input.program.size();
  program.format = "mlir";
  program.format_size = 4;
  // ExecutableBuildOptionsProto{num_replicas: 1, num_partitions: 1}.
  static const char options[] = {0x1a, 0x04, 0x20, 0x01, 0x28, 0x01};
  auto compile = FUZZ_ARGS(PJRT_Client_Compile_Args);
  compile.client = client;
  compile.program = &program;
  compile.compile_options = options;
  compile.compile_options_size = sizeof(options);
  if (!consume(api->PJRT_Client_Compile(&compile))) {
    execute(compile.executable, input.program, input.data);
    auto destroy = FUZZ_ARGS(PJRT_LoadedExecutable_Destroy_Args);
    destroy.executable = compile.executable;
    consume(api->PJRT_LoadedExecutable_Destroy(&destroy));
  }

  AxleLiveObjectCounts after = liveCounts();
  if (std::memcmp(&before, &after, sizeof(before)) != 0)
    fail("a PJRT object outlived its input (live-object counts changed)");
  return 0;
}
