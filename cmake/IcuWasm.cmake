# ICU for the WebAssembly build: libicuuc.a cross-compiled from ICU 72.1 and a
# data object holding only nfkc.nrm, both produced by tools/build-icu-wasm.
#
# NIANBAO_ICU_WASM_DIR: an install made by that script (lib/, include/, data/,
# stamp). Empty (the default): run the script at configure time; it builds
# once (minutes) and afterwards only prints where its cache is.
#
# Defines the INTERFACE target nianbao_icu (what the core links).

set(NIANBAO_ICU_WASM_DIR "" CACHE PATH
    "ICU wasm install from tools/build-icu-wasm (empty: run the script)")
set(_nb_icu_script ${PROJECT_SOURCE_DIR}/tools/build-icu-wasm)

if(NIANBAO_ICU_WASM_DIR)
  set(_nb_icu_dir ${NIANBAO_ICU_WASM_DIR})
else()
  # Re-run configure (and so the script) when the script — its flags — changes.
  set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_nb_icu_script})
  message(STATUS "ICU wasm: ${_nb_icu_script} (builds ICU once: 4-15 min on 2 cores)")
  execute_process(COMMAND ${_nb_icu_script}
                  OUTPUT_VARIABLE _nb_icu_out
                  RESULT_VARIABLE _nb_icu_rc)
  if(NOT _nb_icu_rc EQUAL 0)
    message(FATAL_ERROR "ICU wasm 构建失败 build failed: ${_nb_icu_script} exited with ${_nb_icu_rc}. "
                        "先手动运行它查看原因 Run it by hand to see why, or set NIANBAO_ICU_WASM_DIR.")
  endif()
  string(STRIP "${_nb_icu_out}" _nb_icu_out)
  string(REGEX REPLACE "^.*\n" "" _nb_icu_dir "${_nb_icu_out}")  # the last line is the path
endif()

foreach(_f stamp lib/libicuuc.a include/unicode/normalizer2.h data/icudt72l_dat.c)
  if(NOT EXISTS ${_nb_icu_dir}/${_f})
    message(FATAL_ERROR "ICU wasm 安装不完整 incomplete install: ${_nb_icu_dir}/${_f} is missing. "
                        "运行 run: ${_nb_icu_script} --force")
  endif()
endforeach()
message(STATUS "ICU wasm: ${_nb_icu_dir}")

add_library(nianbao_icu_uc STATIC IMPORTED)
set_target_properties(nianbao_icu_uc PROPERTIES
  IMPORTED_LOCATION ${_nb_icu_dir}/lib/libicuuc.a
  INTERFACE_INCLUDE_DIRECTORIES ${_nb_icu_dir}/include
  INTERFACE_COMPILE_DEFINITIONS U_STATIC_IMPLEMENTATION)

# genccode output: defines icudt72_dat, the entry point libicuuc looks for.
add_library(nianbao_icu_data STATIC ${_nb_icu_dir}/data/icudt72l_dat.c)
set_source_files_properties(${_nb_icu_dir}/data/icudt72l_dat.c PROPERTIES LANGUAGE C)
target_link_libraries(nianbao_icu_data PRIVATE nianbao_icu_uc)

add_library(nianbao_icu INTERFACE)
target_link_libraries(nianbao_icu INTERFACE nianbao_icu_uc nianbao_icu_data)
