# Each case: a name, the expected output file (relative to the source
# tree) and backlint's arguments, run from the source tree.
function(bl_golden name expected)
  add_test(NAME cli/${name}
    COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/golden.sh $<TARGET_FILE:backlint>
            ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/${expected} ${ARGN})
endfunction()

bl_golden(examples tests/cli/expected/examples.out examples)
bl_golden(examples-model tests/cli/expected/examples-model.out --dump-model examples)
