# The grants area's read models: folds, as-of queries, totals, pagination.
kumppani_add_test(projections_grants_test
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/grants_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/grants_list_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/grants_demo_test.cc
  LIBS kumppani_projections_grants)
target_compile_definitions(projections_grants_test PRIVATE KUMPPANI_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
