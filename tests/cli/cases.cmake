# Golden CLI cases. Every fixture (fixtures/<family>/<case>.md|.yml|.txt)
# is linted and compared with <case>.out; fixtures under fixtures/loader/
# are also dumped with --dump-model and compared with <case>.model. The
# sample backlog in examples/ has goldens of its own.
file(GLOB_RECURSE BL_FIXTURES RELATIVE ${CMAKE_SOURCE_DIR} CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/fixtures/*.md ${CMAKE_SOURCE_DIR}/fixtures/*.yml
     ${CMAKE_SOURCE_DIR}/fixtures/*.txt)
foreach(fx ${BL_FIXTURES})
  string(REGEX REPLACE "^fixtures/(.*)\\.[a-z]+$" "\\1" name ${fx})
  add_test(NAME cli/${name}
    COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/golden.sh $<TARGET_FILE:backlint>
            ${CMAKE_SOURCE_DIR} ${fx} lint)
  if(fx MATCHES "^fixtures/loader/")
    add_test(NAME model/${name}
      COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/golden.sh $<TARGET_FILE:backlint>
              ${CMAKE_SOURCE_DIR} ${fx} model)
  endif()
endforeach()

add_test(NAME cli/examples
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/golden.sh $<TARGET_FILE:backlint>
          ${CMAKE_SOURCE_DIR} examples/ lint)
add_test(NAME model/examples
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/golden.sh $<TARGET_FILE:backlint>
          ${CMAKE_SOURCE_DIR} examples/ model)

# Every rule of the registry fires in some -bad fixture and stays silent in
# its -good fixtures.
add_test(NAME cli/rule-coverage
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/coverage.sh $<TARGET_FILE:backlint>
          ${CMAKE_SOURCE_DIR})
