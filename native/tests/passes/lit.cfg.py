# lit configuration of the FileCheck tests of Axle's passes: each .mlir file
# runs axle-opt on its input (RUN lines) and FileCheck on the result. ctest
# runs lit once per file (native/tests/passes/CMakeLists.txt), passing where
# axle-opt and LLVM's FileCheck are.
import lit.formats

config.name = "axle-passes"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = lit_config.params.get("exec_root", config.test_source_root)
config.environment["PATH"] = os.pathsep.join(
    [lit_config.params["axle_opt_dir"], lit_config.params["llvm_tools_dir"],
     config.environment.get("PATH", "")])
# Fixed forms, whatever the machine: the tests name the form they check.
config.environment["AXLE_EXP_FORM"] = "portable"
