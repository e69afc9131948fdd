# The participation read models and the audit queries built on them.
kumppani_add_test(projections_participation_test
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/participation_test.cc
  LIBS kumppani_projections_participation)
target_compile_definitions(projections_participation_test PRIVATE
  KUMPPANI_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
kumppani_add_test(audit_queries_test
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/audit_queries_test.cc
  LIBS kumppani_audit_queries)
target_compile_definitions(audit_queries_test PRIVATE
  KUMPPANI_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
