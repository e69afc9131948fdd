# The registry area's read models: folds, as-of and known-at queries,
# pagination, and the demo scenario.
kumppani_add_test(projections_registry_test
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/registry_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/registry_bodies_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/registry_list_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/registry_demo_test.cc
  LIBS kumppani_projections_registry)
target_compile_definitions(projections_registry_test PRIVATE KUMPPANI_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# The read models against the domain's folds on a generated workload.
kumppani_add_test(projections_registry_workload_test
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/registry_workload_test.cc
  LIBS kumppani_projections_registry kumppani_workload)
target_compile_definitions(projections_registry_workload_test PRIVATE KUMPPANI_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
