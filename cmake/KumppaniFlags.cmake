# The one INTERFACE target that carries Kumppani's warning and sanitizer flags.
# Every project target links kumppani_flags; global CMAKE_CXX_FLAGS are left alone.
add_library(kumppani_flags INTERFACE)
target_compile_options(kumppani_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Werror=unused-result)
if(KUMPPANI_WARNINGS_AS_ERRORS)
  target_compile_options(kumppani_flags INTERFACE -Werror)
endif()
if(KUMPPANI_SANITIZE)
  target_compile_options(kumppani_flags INTERFACE
    -fsanitize=${KUMPPANI_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(kumppani_flags INTERFACE -fsanitize=${KUMPPANI_SANITIZE})
endif()
target_include_directories(kumppani_flags INTERFACE ${PROJECT_SOURCE_DIR})

# The fuzz build: coverage for libFuzzer in our code; the fuzz executables
# link -fsanitize=fuzzer themselves (tests/fuzz/CMakeLists.txt).
if(KUMPPANI_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KUMPPANI_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
  endif()
  target_compile_options(kumppani_flags INTERFACE -fsanitize=fuzzer-no-link)
endif()
