#!/usr/bin/env python3
"""Writes the seed corpus and the dictionary of axle_pjrt_fuzz.

Seeds: the managed lowering's golden programs (tests/Axle.Lowering.Tests/Golden), the example's
StableHLO dumps in out/ (when present), every AXLE_DUMP_DIR *.stablehlo.mlir in extra folders
given on the command line, and every program literal (a C++ raw string holding "func.func") in
native/tests. Each seed is the program, a NUL byte, then 64 bytes of input data (see FuzzInput.h).
The dictionary holds the op names the compiler lowers (read from native/src/compiler) and the
type and attribute spellings programs are made of.

usage: seeds.py ROOT CORPUS_DIR DICT_FILE [EXTRA_DIR...]
"""
import hashlib
import pathlib
import re
import sys


def programs(root, extra):
    for path in sorted((root / "tests/Axle.Lowering.Tests/Golden").glob("*.mlir")):
        yield path.read_text()
    for folder in [root / "out", *extra]:
        if folder.is_dir():
            for path in sorted(folder.rglob("*.mlir")):
                yield path.read_text()
    raw = re.compile(r'R"(\w*)\((.*?)\)\1"', re.S)
    for path in sorted((root / "native/tests").rglob("*.cpp")):
        for match in raw.finditer(path.read_text()):
            if "func.func" in match.group(2):
                yield match.group(2)


def main():
    root, corpus, dictionary = (pathlib.Path(a) for a in sys.argv[1:4])
    extra = [pathlib.Path(a) for a in sys.argv[4:]]
    corpus.mkdir(parents=True, exist_ok=True)
    data = bytes(range(1, 65))
    count = 0
    for text in programs(root, extra):
        seed = text.encode() + b"\0" + data
        (corpus / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
        count += 1
    words = set()
    for path in (root / "native/src/compiler").glob("*.cpp"):
        words.update(re.findall(r"stablehlo\.[a-z_]+", path.read_text()))
    words.update([
        "func.func", "func.return", "func.call", "public", "private", "module", "tensor<",
        "tensor<f32>", "tensor<i1>", "dense<", "-> ", "%arg0", ", ", "(", ")", "{", "}",
        "f32", "f64", "f16", "bf16", "i1", "i8", "i16", "i32", "i64", "ui8", "ui32", "ui64",
        "0x", "x", "1", "0", "-1", "2147483647", "9223372036854775807", "1000000000", "0.0",
        "nan", "0x7FC00000", "inf", "array<i64: ", "dimensions", "broadcast_dimensions",
        "comparison_direction", "#stablehlo<comparison_direction LT>",
        "#stablehlo<comparison_type FLOAT>", "#stablehlo<dot ", "lhs_contracting_dimensions",
        "rhs_contracting_dimensions", "lhs_batching_dimensions", "rhs_batching_dimensions",
        "#stablehlo.gather<", "#stablehlo.scatter<", "#stablehlo.dot<", "offset_dims",
        "collapsed_slice_dims", "start_index_map", "index_vector_dim", "slice_sizes",
        "update_window_dims", "inserted_window_dims", "scatter_dims_to_operand_dims",
        "window_dimensions", "window_strides", "padding", "edge_padding_low",
        "edge_padding_high", "interior_padding", "start_indices", "limit_indices", "strides",
        "iota_dimension", "is_stable", "left_side", "lower", "unit_diagonal", "transpose_a",
        "#stablehlo<transpose NO_TRANSPOSE>", "call_target_name", "sym_name", "function_type",
    ])
    with open(dictionary, "w") as out:
        for i, word in enumerate(sorted(words)):
            escaped = word.replace("\\", "\\\\").replace('"', '\\"')
            out.write(f'w{i}="{escaped}"\n')
    print(f"seeds.py: {count} seeds in {corpus}, {len(words)} dictionary words in {dictionary}")


if __name__ == "__main__":
    main()
