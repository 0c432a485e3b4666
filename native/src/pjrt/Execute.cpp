//===- Execute.cpp - PJRT_LoadedExecutable_Execute -----------------------===//
//
// Runs a program once on the CPU device, synchronously. Every argument is
// checked against the program's signature before anything runs, so a wrong
// call fails with INVALID_ARGUMENT naming the argument instead of reading
// out of bounds. Safe to call from several threads at once: the call only
// reads shared state, and holds references to the program and to each
// argument's storage until it returns.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/Objects.h"

namespace axle::pjrt {
namespace {

const char *const fn = "PJRT_LoadedExecutable_Execute";

std::string specString(PJRT_Buffer_Type type,
                       const std::vector<int64_t> &dims) {
  return bufferTypeName(type) + dimsToString(dims.data(), dims.size());
}

PJRT_Error *checkArgument(const ClientState &state, PJRT_Buffer *buffer,
                          size_t index, const TensorSpec &expected,
                          std::shared_ptr<DeviceMemory> &storage) {
  const std::string which =
      std::string(fn) + ": argument " + std::to_string(index);
  if (!buffer)
    return invalidArgument(which + " is null");
  if (buffer->state.get() != &state)
    return invalidArgument(which + " is a buffer of another client");
  if (buffer->type != expected.elementType || buffer->dims != expected.dims)
    return invalidArgument(which + " has type " +
                           specString(buffer->type, buffer->dims) +
                           ", the program expects " +
                           specString(expected.elementType, expected.dims));
  storage = buffer->memory();
  if (!storage)
    return invalidArgument(which + " is a deleted buffer");
  return nullptr;
}

PJRT_Error *checkCall(const PJRT_LoadedExecutable_Execute_Args &args,
                      const ClientState &state) {
  AXLE_REQUIRE(args.options, fn, "options");
  if (args.options->struct_size < PJRT_ExecuteOptions_STRUCT_SIZE)
    return invalidArgument(std::string(fn) +
                           ": PJRT_ExecuteOptions struct_size is too small: "
                           "expected at least " +
                           std::to_string(PJRT_ExecuteOptions_STRUCT_SIZE) +
                           ", got " +
                           std::to_string(args.options->struct_size));
  if (args.num_devices != 1)
    return invalidArgument(std::string(fn) + ": num_devices is " +
                           std::to_string(args.num_devices) +
                           "; the CPU executable runs on exactly 1 device");
  if (args.execute_device && args.execute_device != &state.device)
    return invalidArgument(std::string(fn) +
                           ": execute_device is not this client's device");
  return nullptr;
}

} // namespace

PJRT_Error *loadedExecutableExecute(PJRT_LoadedExecutable_Execute_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_LoadedExecutable_Execute_Args);
  AXLE_REQUIRE(args->executable, fn, "executable");
  const std::shared_ptr<ClientState> &state = args->executable->state;
  if (PJRT_Error *error = checkCall(*args, *state))
    return error;
  std::shared_ptr<const Program> program = args->executable->current();
  if (!program)
    return failedPrecondition(std::string(fn) +
                              ": the executable has been deleted");
  const axle::Executable &executable = *program->executable;
  const std::vector<TensorSpec> &parameters = executable.parameters();
  const std::vector<TensorSpec> &results = executable.results();

  if (args->num_args != parameters.size())
    return invalidArgument(std::string(fn) + ": num_args is " +
                           std::to_string(args->num_args) +
                           ", the program takes " +
                           std::to_string(parameters.size()) + " argument(s)");
  if (!parameters.empty()) {
    AXLE_REQUIRE(args->argument_lists, fn, "argument_lists");
    AXLE_REQUIRE(args->argument_lists[0], fn, "argument_lists[0]");
  }
  if (!results.empty()) {
    AXLE_REQUIRE(args->output_lists, fn, "output_lists");
    AXLE_REQUIRE(args->output_lists[0], fn, "output_lists[0]");
  }

  std::vector<std::shared_ptr<DeviceMemory>> inputs(parameters.size());
  std::vector<const void *> inputPointers(parameters.size());
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (PJRT_Error *error = checkArgument(*state, args->argument_lists[0][i], i,
                                          parameters[i], inputs[i]))
      return error;
    inputPointers[i] = inputs[i]->data();
  }

  std::vector<std::shared_ptr<DeviceMemory>> outputs(results.size());
  std::vector<void *> outputPointers(results.size());
  for (size_t j = 0; j < results.size(); ++j) {
    size_t size = 0;
    const TensorSpec &spec = results[j];
    if (PJRT_Error *error = denseByteSize(spec.elementType, spec.dims.data(),
                                          spec.dims.size(), fn, size))
      return error;
    outputs[j] = DeviceMemory::allocate(state, size, false);
    if (!outputs[j])
      return resourceExhausted(std::string(fn) + ": cannot allocate " +
                               std::to_string(size) + " bytes for output " +
                               std::to_string(j));
    outputPointers[j] = outputs[j]->data();
  }

  axle::Status status =
      executable.execute(inputPointers.data(), outputPointers.data());
  if (!status.ok())
    return makeError(status.code, std::move(status.message));

  for (size_t j = 0; j < results.size(); ++j)
    args->output_lists[0][j] = makeBuffer(
        state, results[j].elementType, results[j].dims, std::move(outputs[j]));
  if (args->device_complete_events)
    args->device_complete_events[0] = makeReadyEvent();
  return nullptr;
}

} // namespace axle::pjrt
