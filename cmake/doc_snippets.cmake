# The C++ blocks of README.md and docs/ (tools/doc_snippets explains their kinds): each page's
# fragments and declarations compile as one translation unit, and each program is built and
# run as a test (label doc_snippets). A snippet that stops compiling fails the build.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(doc_snippet_dir ${CMAKE_BINARY_DIR}/doc_snippets)
file(GLOB_RECURSE doc_pages CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${doc_pages}
             ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/tools/doc_snippets)
execute_process(
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/doc_snippets ${doc_snippet_dir}
          --root ${PROJECT_SOURCE_DIR}
  RESULT_VARIABLE doc_snippets_status OUTPUT_VARIABLE doc_snippets_summary
  OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT doc_snippets_status EQUAL 0)
  message(FATAL_ERROR "tools/doc_snippets failed: see above")
endif()
message(STATUS "${doc_snippets_summary}")

file(GLOB doc_page_sources ${doc_snippet_dir}/pages/*.cpp)
file(GLOB doc_program_sources ${doc_snippet_dir}/programs/*.cpp)
# Fragments show a step; the variables they declare need not be used afterwards.
set(doc_snippet_options -Wno-unused-variable -Wno-unused-but-set-variable)
add_library(retort_doc_snippets OBJECT ${doc_page_sources})
target_link_libraries(retort_doc_snippets PRIVATE retort::retort retort_warnings)
target_compile_options(retort_doc_snippets PRIVATE ${doc_snippet_options})
foreach(program IN LISTS doc_program_sources)
  get_filename_component(name ${program} NAME_WE)
  add_executable(retort_doc_${name} ${program})
  target_link_libraries(retort_doc_${name} PRIVATE retort::retort retort_warnings)
  target_compile_options(retort_doc_${name} PRIVATE ${doc_snippet_options})
  set(workdir ${CMAKE_BINARY_DIR}/doc_snippets/run/${name})
  file(MAKE_DIRECTORY ${workdir})
  add_test(NAME doc_snippet.${name} COMMAND retort_doc_${name} WORKING_DIRECTORY ${workdir})
  set_tests_properties(doc_snippet.${name} PROPERTIES LABELS doc_snippets TIMEOUT 120)
endforeach()
