//===- Compile.cpp - PJRT_Client_Compile ---------------------------------===//
//
// Hands the program text to the compiler (native/src/compiler/Compiler.h) and
// precomputes what the Executable_* queries return.
//
// compile_options (a serialized xla.CompileOptionsProto) is accepted and not
// parsed yet: with one device the only meaningful settings are 1 replica and
// 1 partition, which is what we compile for anyway.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/Objects.h"

#include <cstdio>

namespace axle::pjrt {
namespace {

// FNV-1a, 64 bit: cheap, stable across runs and platforms, good enough to
// tell programs apart in caches (not a security boundary).
uint64_t fnv1a(uint64_t hash, std::string_view bytes) {
  for (unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string fingerprintOf(std::string_view code, std::string_view options) {
  uint64_t hash = fnv1a(14695981039346656037ull, "axle-cpu/1\n");
  hash = fnv1a(hash, code);
  hash = fnv1a(hash, std::string_view("\n--options--\n"));
  hash = fnv1a(hash, options);
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx",
                static_cast<unsigned long long>(hash));
  return text;
}

const char kDeviceKind[] = "device";

// Fails when the compiled signature uses a type buffers cannot hold: such a
// program could never be called.
PJRT_Error *checkSignature(const axle::Executable &executable) {
  auto check = [](const std::vector<TensorSpec> &specs, const char *what) {
    for (size_t i = 0; i < specs.size(); ++i)
      if (bufferElementSize(specs[i].elementType) == 0)
        return unimplemented("PJRT_Client_Compile: " + std::string(what) + " " +
                             std::to_string(i) + " has element type " +
                             bufferTypeName(specs[i].elementType) +
                             ", which buffers cannot hold");
    return static_cast<PJRT_Error *>(nullptr);
  };
  if (PJRT_Error *error = check(executable.parameters(), "parameter"))
    return error;
  return check(executable.results(), "result");
}

} // namespace

PJRT_Error *clientCompile(PJRT_Client_Compile_Args *args) {
  static const char *const fn = "PJRT_Client_Compile";
  AXLE_CHECK_ARGS(args, PJRT_Client_Compile_Args);
  AXLE_REQUIRE(args->client, fn, "client");
  AXLE_REQUIRE(args->program, fn, "program");
  const PJRT_Program &program = *args->program;
  if (program.struct_size < PJRT_Program_STRUCT_SIZE)
    return invalidArgument(std::string(fn) +
                           ": PJRT_Program struct_size is too small: expected "
                           "at least " +
                           std::to_string(PJRT_Program_STRUCT_SIZE) + ", got " +
                           std::to_string(program.struct_size));
  std::string_view format(program.format ? program.format : "",
                          program.format ? program.format_size : 0);
  if (format != "mlir")
    return invalidArgument(std::string(fn) + ": program format '" +
                           std::string(format) +
                           "' is not supported; the bundled CPU plugin "
                           "compiles format 'mlir' (StableHLO text)");
  if (program.code_size > 0)
    AXLE_REQUIRE(program.code, fn, "program->code");
  std::string_view code(program.code ? program.code : "", program.code_size);
  if (args->compile_options_size > 0)
    AXLE_REQUIRE(args->compile_options, fn, "compile_options");
  std::string_view options(args->compile_options ? args->compile_options : "",
                           args->compile_options_size);

  axle::Status status;
  std::unique_ptr<axle::Executable> compiled =
      axle::compileProgram(code, format, status, args->client->state->options);
  if (!compiled) {
    if (status.ok())
      return makeError(PJRT_Error_Code_INTERNAL,
                       std::string(fn) +
                           ": the compiler returned no program and no error");
    return makeError(status.code, std::move(status.message));
  }
  if (PJRT_Error *error = checkSignature(*compiled))
    return error;

  auto result = std::make_shared<Program>();
  result->fingerprint = fingerprintOf(code, options);
  for (const TensorSpec &spec : compiled->results()) {
    result->outputTypes.push_back(spec.elementType);
    result->outputDims.insert(result->outputDims.end(), spec.dims.begin(),
                              spec.dims.end());
    result->outputDimSizes.push_back(spec.dims.size());
    result->outputMemoryKinds.push_back(kDeviceKind);
    result->outputMemoryKindSizes.push_back(sizeof(kDeviceKind) - 1);
  }
  for (size_t i = 0; i < compiled->parameters().size(); ++i) {
    result->parameterMemoryKinds.push_back(kDeviceKind);
    result->parameterMemoryKindSizes.push_back(sizeof(kDeviceKind) - 1);
  }
  result->executable = std::move(compiled);

  auto *loaded = new PJRT_LoadedExecutable;
  loaded->state = args->client->state;
  loaded->program = std::move(result);
  args->executable = loaded;
  return nullptr;
}

} // namespace axle::pjrt
