//===- FuzzInput.cpp - Split a fuzz input into program and data -----------===//

#include "FuzzInput.h"

#include <cstring>

namespace axle::fuzz {
namespace {

struct ElementType {
  const char *name;
  PJRT_Buffer_Type type;
  size_t size;
};

// The element types the bundled compiler accepts at the entry.
const ElementType kElementTypes[] = {
    {"f32", PJRT_Buffer_Type_F32, 4},  {"f64", PJRT_Buffer_Type_F64, 8},
    {"f16", PJRT_Buffer_Type_F16, 2},  {"bf16", PJRT_Buffer_Type_BF16, 2},
    {"i1", PJRT_Buffer_Type_PRED, 1},  {"i8", PJRT_Buffer_Type_S8, 1},
    {"i16", PJRT_Buffer_Type_S16, 2},  {"i32", PJRT_Buffer_Type_S32, 4},
    {"i64", PJRT_Buffer_Type_S64, 8},  {"ui8", PJRT_Buffer_Type_U8, 1},
    {"ui16", PJRT_Buffer_Type_U16, 2}, {"ui32", PJRT_Buffer_Type_U32, 4},
    {"ui64", PJRT_Buffer_Type_U64, 8}};

/// Parses the body of `tensor<...>` ("2x3xf32", "f32").
bool parseTensor(std::string_view body, ParameterSpec &spec) {
  spec.dims.clear();
  size_t pos = 0;
  while (pos < body.size() && body[pos] >= '0' && body[pos] <= '9') {
    int64_t extent = 0;
    while (pos < body.size() && body[pos] >= '0' && body[pos] <= '9') {
      if (extent > (int64_t(1) << 40))
        return false;
      extent = extent * 10 + (body[pos++] - '0');
    }
    if (pos >= body.size() || body[pos] != 'x')
      return false;
    ++pos;
    spec.dims.push_back(extent);
  }
  std::string_view element = body.substr(pos);
  for (const ElementType &e : kElementTypes)
    if (element == e.name) {
      spec.type = e.type;
      spec.elementSize = e.size;
      return true;
    }
  return false;
}

/// Collects every `tensor<...>` in `list` (no nesting inside tensor types).
bool parseTensorList(std::string_view list,
                     std::vector<ParameterSpec> &parameters) {
  parameters.clear();
  size_t pos = 0;
  while ((pos = list.find("tensor<", pos)) != std::string_view::npos) {
    size_t start = pos + 7;
    size_t end = list.find('>', start);
    if (end == std::string_view::npos)
      return false;
    ParameterSpec spec;
    if (!parseTensor(list.substr(start, end - start), spec))
      return false;
    parameters.push_back(std::move(spec));
    pos = end + 1;
  }
  return true;
}

/// The text between the '(' at `open` and its matching ')'.
bool balanced(std::string_view text, size_t open, std::string_view &inside) {
  int depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    if (text[i] == '(' || text[i] == '<' || text[i] == '{')
      ++depth;
    else if (text[i] == ')' || text[i] == '>' || text[i] == '}') {
      if (--depth == 0) {
        inside = text.substr(open + 1, i - open - 1);
        return true;
      }
    }
  }
  return false;
}

} // namespace

FuzzInput splitInput(const uint8_t *bytes, size_t size) {
  std::string_view all(reinterpret_cast<const char *>(bytes), size);
  size_t nul = all.find('\0');
  if (nul == std::string_view::npos)
    return {all, {}};
  return {all.substr(0, nul), all.substr(nul + 1)};
}

bool entryParameters(std::string_view program,
                     std::vector<ParameterSpec> &parameters) {
  std::string_view inside;
  // Readable form: func.func [public] @main(%arg0: tensor<...>, ...).
  size_t at = program.find("@main(");
  if (at == std::string_view::npos) {
    size_t pub = program.find("func.func public @");
    if (pub != std::string_view::npos)
      at = program.find('(', pub);
    else
      at = std::string_view::npos;
  } else {
    at += 5;
  }
  if (at != std::string_view::npos && program[at] == '(' &&
      balanced(program, at, inside))
    return parseTensorList(inside, parameters);
  // Generic form: properties are sorted, so function_type precedes sym_name.
  size_t name = program.find("sym_name = \"main\"");
  size_t type = name == std::string_view::npos
                    ? program.find("function_type = (")
                    : program.rfind("function_type = (", name);
  if (type == std::string_view::npos)
    return false;
  if (!balanced(program, type + 16, inside))
    return false;
  return parseTensorList(inside, parameters);
}

size_t largestTensorBytes(std::string_view program) {
  size_t largest = 0;
  size_t pos = 0;
  while ((pos = program.find("tensor<", pos)) != std::string_view::npos) {
    pos += 7;
    size_t bytes = 8;
    while (pos < program.size() && program[pos] >= '0' && program[pos] <= '9') {
      size_t extent = 0;
      while (pos < program.size() && program[pos] >= '0' &&
             program[pos] <= '9') {
        if (__builtin_mul_overflow(extent, size_t(10), &extent) ||
            __builtin_add_overflow(extent, size_t(program[pos] - '0'), &extent))
          return SIZE_MAX;
        ++pos;
      }
      if (__builtin_mul_overflow(bytes, extent, &bytes))
        return SIZE_MAX;
      if (pos < program.size() && program[pos] == 'x')
        ++pos;
    }
    if (bytes > largest)
      largest = bytes;
  }
  return largest;
}

size_t fill(std::string_view data, size_t offset, std::vector<char> &out) {
  if (data.empty()) {
    std::memset(out.data(), 0, out.size());
    return 0;
  }
  for (char &c : out) {
    if (offset >= data.size())
      offset = 0;
    c = data[offset++];
  }
  return offset;
}

} // namespace axle::fuzz
