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

# docs/rules.md is up to date, and each rule's documented examples behave:
# the one that should fire fires, the clean one stays clean.
add_test(NAME cli/rule-docs
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/docs.sh $<TARGET_FILE:backlint>
          ${CMAKE_SOURCE_DIR})

# Command-line behaviour: output on stdout and stderr, and the exit status.
function(bl_cli name)
  add_test(NAME cli/${name}
    COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/run.sh $<TARGET_FILE:backlint>
            ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/tests/cli/expected/${name}.out ${ARGN})
endfunction()

bl_cli(help --help)
bl_cli(version --version)
bl_cli(list-rules --list-rules)
bl_cli(missing-path fixtures/does-not-exist.md fixtures/value/missing-bad.yml)
bl_cli(bad-option --frobnicate)
bl_cli(bad-fail-on --fail-on sometimes fixtures/value/missing-bad.yml)
bl_cli(fail-on-warning --fail-on warning fixtures/value/missing-bad.yml)
bl_cli(fail-on-error-warnings-only fixtures/value/missing-bad.yml)
bl_cli(quiet --quiet fixtures/value/missing-bad.yml fixtures/deps/unknown-bad.yml)
bl_cli(rule-off --rule value/missing=off fixtures/value/missing-bad.yml)
bl_cli(rule-error --rule value/missing=error fixtures/value/missing-bad.yml)
bl_cli(rule-unknown --rule value/nothing=off fixtures/value/missing-bad.yml)
bl_cli(color-always --color always fixtures/deps/unknown-bad.yml)
bl_cli(verbose-walk --verbose examples)
bl_cli(walk-fixtures-loader fixtures/loader)
bl_cli(missing-value --fail-on)
# The benchmark floor: files are read and parsed, no rule runs, nothing is
# reported but read errors.
bl_cli(parse-only --parse-only -j 2 examples fixtures/does-not-exist.md)

# Leak and memory-error checks of whole runs (not with sanitizers, which
# replace valgrind there).
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT BACKLINT_SANITIZE)
  foreach(args "fixtures;examples" "--dump-model;fixtures;examples" "-j;3;fixtures;examples"
               "--format;sarif;fixtures;examples" "--format;junit;fixtures;examples"
               "--format;html;fixtures;examples"
               "--verbose;fixtures/does-not-exist;fixtures/parse")
    string(REPLACE ";" "_" tname "${args}")
    string(REPLACE "/" "_" tname "${tname}")
    add_test(NAME valgrind/${tname}
      COMMAND sh ${CMAKE_SOURCE_DIR}/tests/valgrind.sh $<TARGET_FILE:backlint> ${args}
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  endforeach()
endif()
# A realistic backlog in every input form that no rule fires on.
bl_cli(clean-backlog fixtures/clean)

# Configuration (.backlint.yml): discovery (nearest wins, extends,
# overrides), every kind of setting, --config, --no-config,
# --print-config, errors with file:line:col, and backlint init.
bl_cli(config-team tests/cli/config/team)
bl_cli(config-nested tests/cli/config/nested)
bl_cli(config-no-config --include-done --no-config tests/cli/config/team)
bl_cli(config-print --print-config tests/cli/config/team)
bl_cli(config-forced --include-done --config tests/cli/config/nested/base.yml tests/cli/config/team/backlog/a.yml)
bl_cli(config-rule-wins --include-done --rule deps/too-many=off tests/cli/config/team)
# --rule names the configuration's custom rules too: off, lowered to info, or
# unknown (exit 2, before any file is read).
bl_cli(config-rule-custom-off --include-done --rule team/ticket-link=off tests/cli/config/team)
bl_cli(config-rule-custom-info --include-done --rule team/ticket-link=info tests/cli/config/team)
bl_cli(config-rule-custom-unknown --rule team/ticket-links=off tests/cli/config/team)
bl_cli(config-rule-custom-no-config --no-config --rule team/ticket-link=off tests/cli/config/team)
file(GLOB BL_CONFIG_ERRORS RELATIVE ${CMAKE_SOURCE_DIR} CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/tests/cli/config/errors/*.yml)
foreach(cfg ${BL_CONFIG_ERRORS})
  get_filename_component(name ${cfg} NAME_WE)
  bl_cli(config-error-${name} --config ${cfg} tests/cli/config/team)
endforeach()
add_test(NAME cli/init COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/init.sh $<TARGET_FILE:backlint>)
# Baselines: write, match after lines move, report new, note fixed, errors.
add_test(NAME cli/baseline
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/baseline.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR})
bl_cli(config-types tests/cli/config/types)
bl_cli(config-print-types --print-config tests/cli/config/types)

# Parallel reading gives the same output as -j 1.
add_test(NAME cli/jobs
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/jobs.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR})
# Standard input as a named file; --max-warnings; --force-exclude.
add_test(NAME cli/stdin
  COMMAND sh -c "$<TARGET_FILE:backlint> --color never --stdin --stdin-filename backlog/stories.txt < fixtures/story/atomic-bad.txt | diff -u tests/cli/expected/stdin.out -"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# Backlog-wide findings show their line from standard input too: there is
# no file to read it again from.
add_test(NAME cli/stdin-backlog
  COMMAND sh -c "$<TARGET_FILE:backlint> --color never --stdin --stdin-filename backlog/dups.yml < fixtures/story/duplicate-bad.yml | diff -u tests/cli/expected/stdin-backlog.out -"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
bl_cli(max-warnings-exceeded --max-warnings 2 fixtures/story/atomic-bad.txt)
bl_cli(max-warnings-within --max-warnings 20 fixtures/story/atomic-bad.txt)
bl_cli(force-exclude --include-done --force-exclude tests/cli/config/team/backlog/skip.txt tests/cli/config/team/backlog/a.yml)
bl_cli(no-force-exclude tests/cli/config/team/backlog/skip.txt)

# Integrations: the commit hooks (pre-commit framework and plain git hook) in
# throwaway repositories, the bash completion, the manual page. Each skips
# (77) when git, pre-commit, bash or groff is not installed.
foreach(mode framework githook)
  add_test(NAME cli/precommit-${mode}
    COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/precommit.sh $<TARGET_FILE:backlint>
            ${CMAKE_SOURCE_DIR} ${mode})
  set_tests_properties(cli/precommit-${mode} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
endforeach()
add_test(NAME cli/completion
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/completion.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR})
add_test(NAME cli/manpage
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/manpage.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR})
set_tests_properties(cli/completion cli/manpage PROPERTIES SKIP_RETURN_CODE 77)

# Output formats: goldens of each over a small awkward backlog, and checks
# that SARIF is valid against its schema and every format parses.
bl_cli(format-json --format json tests/cli/formats)
bl_cli(format-json-quiet --format json --quiet tests/cli/formats)
bl_cli(format-json-clean --format json tests/cli/formats/clean.md)
bl_cli(format-sarif --format sarif tests/cli/formats)
# Spans that end on a later line, after a character of two bytes there (a
# file rule's and a backlog rule's, whose line is read again at the end):
# SARIF's endColumn counts characters of that line.
bl_cli(format-sarif-columns --format sarif tests/cli/columns)
bl_cli(format-junit --format junit tests/cli/formats)
bl_cli(format-junit-quiet --format junit --quiet tests/cli/formats)
bl_cli(format-github --format github tests/cli/formats)
bl_cli(format-github-quiet --format github --quiet tests/cli/formats)
bl_cli(format-gitlab --format gitlab tests/cli/formats)
bl_cli(format-gitlab-clean --format gitlab tests/cli/formats/clean.md)
bl_cli(format-checkstyle --format checkstyle tests/cli/formats)
bl_cli(format-checkstyle-clean --format checkstyle tests/cli/formats/clean.md)
add_test(NAME cli/sarif-valid
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/sarif-valid.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR})
set_tests_properties(cli/sarif-valid PROPERTIES SKIP_RETURN_CODE 77)
add_test(NAME cli/formats-valid
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/formats-valid.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR})
# Several formats in one run, each to its own file, text on stdout.
add_test(NAME cli/several-formats
  COMMAND sh -c "d=$(mktemp -d) && $<TARGET_FILE:backlint> --color never --format sarif --output $d/out.sarif --format json --output $d/out.json --format text fixtures/story/atomic-bad.txt > $d/out.txt; rc=$?; test $rc -eq 0 && python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); j=json.load(open(sys.argv[2])); assert len(s[\"runs\"][0][\"results\"])==len(j[\"findings\"])==15' $d/out.sarif $d/out.json && grep -q '15 problems' $d/out.txt; r=$?; rm -rf $d; exit $r"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# Hostile input (broken encodings, line endings, huge, deep, alias bombs,
# duplicate and mistyped keys, bad links, unreadable files, directories
# where files belong, runaway patterns), the linted files left untouched
# in every mode, and output that does not depend on runs, -j or locale.
foreach(t hostile untouched deterministic)
  add_test(NAME cli/${t}
    COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/${t}.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR})
  set_tests_properties(cli/${t} PROPERTIES TIMEOUT 300)
endforeach()

# The HTML report: its structure pinned by a golden, checked as a page,
# and rendered in headless Chromium (a screenshot in artefacts/).
bl_cli(format-html --format html tests/cli/html)
add_test(NAME cli/html
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/html.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR}
          ${CMAKE_BINARY_DIR}/artefacts)
set_tests_properties(cli/html PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

# The sources follow .clang-format (skipped where clang-format is missing).
add_test(NAME format COMMAND sh ${CMAKE_SOURCE_DIR}/tests/format.sh)
set_tests_properties(format PROPERTIES SKIP_RETURN_CODE 77)

# Precision and recall of the story rules against the hand-labelled
# development set in bench/accuracy/ stay at or above their targets.
add_test(NAME accuracy
  COMMAND python3 ${CMAKE_SOURCE_DIR}/bench/accuracy/score.py --backlint $<TARGET_FILE:backlint> --check
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# Never a green result when nothing was checked: a folder with no backlog
# file, and a tracker export backlint has no loader for, exit 2.
bl_cli(no-backlog-walk tests/cli/nothing)
bl_cli(unsupported-format tests/cli/nothing/issues.json)
bl_cli(no-backlog-hook --force-exclude tests/cli/nothing/notes.txt)

# Done work is context: items in a done status get only the findings about
# finished work, completed/ and archive/ get none, and their ids still
# resolve; --include-done reports them all.
bl_cli(done-default tests/cli/done)
bl_cli(done-include --include-done tests/cli/done)
# include_done in the configuration: on reports done work as --include-done
# does, off leaves it context, and the command line wins over it.
bl_cli(done-config-on --config tests/cli/config/done/on.yml tests/cli/done)
bl_cli(done-config-off --config tests/cli/config/done/off.yml tests/cli/done)
bl_cli(done-config-cli-wins --include-done --config tests/cli/config/done/off.yml tests/cli/done)
# The HTML report orders statuses by workflow (open, started, done, then
# archived), leaves done and archived work out of readiness, and names the
# file that did not parse; --include-done scores archived work too.
bl_cli(done-html --format html tests/cli/done)
bl_cli(done-html-include --include-done --format html tests/cli/done)

# Ids resolve as Backlog.md resolves them: the configured task_prefix, any
# case, numbers without leading zeros, bare numbers with the prefix; an id
# with an old prefix gets the one it most likely means. One file linted
# alone (a hook, or stdin) still resolves against the whole backlog folder.
bl_cli(ids-backlog tests/cli/ids)
bl_cli(ids-one-file "tests/cli/ids/backlog/tasks/back-210 - Fine-summary.md")
# Two folders whose configurations differ: each file is checked under its
# own, whatever the order of the paths.
add_test(NAME cli/config-order
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/config-order.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR})
bl_cli(config-order-strict-first tests/cli/config/order/strict tests/cli/config/order/relaxed)

# Backlog.md items are backlog items: a task (its default type, or a chore)
# gets the acceptance-criteria, vague-wording, done-with-unchecked-criteria
# and solution-first rules; a feature label types the item, but the format
# has no problem or success section to ask for; a "**Status:**" line in the
# body of an item with front matter is prose; a script under the criteria
# is not a criterion; a folder of the team's own beside Backlog.md's
# (notes/) is read as documents, not items.
bl_cli(backlogmd-tasks --no-config --verbose -j 1 tests/cli/backlogmd)
bl_cli(backlogmd-model --dump-model tests/cli/backlogmd)

add_test(NAME cli/ids-stdin
  COMMAND sh -c "$<TARGET_FILE:backlint> --color never --stdin --stdin-filename 'tests/cli/ids/backlog/tasks/back-211 - New.md' < 'tests/cli/ids/backlog/tasks/back-209.1 - Due-date-reminder.md' | diff -u tests/cli/expected/ids-stdin.out -"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# A walk skips what git ignores (in a throwaway repository; skipped
# without git).
add_test(NAME cli/walk-gitignore
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/gitignore.sh $<TARGET_FILE:backlint> ${CMAKE_SOURCE_DIR})
set_tests_properties(cli/walk-gitignore PROPERTIES SKIP_RETURN_CODE 77)

# A project's own documentation (README, CHANGELOG, CONTRIBUTING, docs/) is
# no backlog in a walk unless it plainly holds items: stories, ids in its
# headings, acceptance criteria, item front matter. --force-exclude takes
# named files the same way; named alone, they are linted.
bl_cli(walk-prose --verbose -j 1 tests/cli/prose)
bl_cli(walk-prose-force-exclude --verbose --force-exclude tests/cli/prose/CONTRIBUTING.md tests/cli/prose/docs/stories.md)
bl_cli(walk-prose-named tests/cli/prose/CONTRIBUTING.md)

# A file with no front matter in Backlog.md's tasks/ or drafts/ is one
# document with one note (backlog/no-front-matter), in a walk too.
bl_cli(walk-no-front-matter --verbose -j 1 fixtures/backlog/no-front-matter)
# Its title's id stays known: a sub-task naming it as parent is fine.
bl_cli(walk-no-front-matter-parent tests/cli/free-form)