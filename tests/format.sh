#!/bin/sh
# The C sources are formatted with the checked-in .clang-format. Skips
# (77) when clang-format is not installed. Reformat with:
#   clang-format -i lib/*.[ch] rules/*.[ch] cmd/*.c tests/unit/*.[ch] fuzz/*.[ch]
set -u
cd "$(dirname "$0")/.." || exit 2
command -v clang-format >/dev/null 2>&1 || { echo "clang-format not installed"; exit 77; }
clang-format --dry-run -Werror lib/*.[ch] rules/*.[ch] cmd/*.c tests/unit/*.[ch] fuzz/*.[ch]
