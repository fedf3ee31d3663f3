# bash completion for backlint                           -*- shell-script -*-
#
# Completes backlint's options; the values of --format, --fail-on and
# --color; rule ids for --explain and --rule (asked of the backlint being
# completed, with `backlint --list-rules`), and the level after
# --rule ID=; file names for options that take a file and for paths; and
# the init subcommand. Both `--format json` and `--format=json` work.
# Needs bash 4; does not need the bash-completion package. Install as
# /usr/share/bash-completion/completions/backlint, or source it.

# The rule ids of the backlint named by the command word (backlint on
# PATH when that cannot be run).
_backlint_rule_ids()
{
	local bin=$1 id rest

	# shellcheck disable=SC2088 # the command word as typed: ~ unexpanded
	[[ $bin == "~/"* ]] && bin=$HOME/${bin#"~/"}
	if ! command -v -- "$bin" >/dev/null 2>&1; then
		bin=backlint
	fi
	"$bin" --list-rules 2>/dev/null | while read -r id rest; do
		[[ $id == */* ]] && printf '%s\n' "$id"
	done
}

# Adds compgen's words to the caller's cands, one a line (file names
# may hold spaces).
_backlint_add()
{
	mapfile -t -O "${#cands[@]}" cands < <(compgen "$@")
}

_backlint()
{
	local -a words=() cands=()
	local i w n lcur lprev opt val head pfx tok
	local nospace='' files=''

	# bash splits "--format=json" into "--format" "=" "json" and
	# "--rule id=off" into "--rule" "id" "=" "off": join them again.
	for ((i = 1; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		n=${#words[@]}
		if ((n > 0)) && [[ $w == "=" || ${words[n - 1]} == *= ]]; then
			words[n - 1]+=$w
		else
			words+=("$w")
		fi
	done
	n=${#words[@]}
	lcur=${words[n - 1]}
	lprev=
	((n > 1)) && lprev=${words[n - 2]}

	# --opt=value: complete the value; "--opt value": the same.
	opt='' val=$lcur head=''
	if [[ $lcur == --*=* ]]; then
		opt=${lcur%%=*} val=${lcur#*=} head=$opt=
	elif [[ $lprev == -* && $lprev != *=* ]]; then
		opt=$lprev
	fi

	case $opt in
	--format)
		_backlint_add -W 'text json sarif junit github gitlab checkstyle html' -- "$val"
		;;
	--fail-on)
		_backlint_add -W 'error warning info' -- "$val"
		;;
	--color)
		_backlint_add -W 'auto always never' -- "$val"
		;;
	--explain)
		_backlint_add -W "all $(_backlint_rule_ids "${COMP_WORDS[0]}")" -- "$val"
		;;
	--rule)
		if [[ $val == *=* ]]; then
			local id=${val%%=*}
			_backlint_add -P "$id=" -W 'error warning info off' -- "${val#*=}"
		else
			_backlint_add -S = -W "$(_backlint_rule_ids "${COMP_WORDS[0]}")" -- "$val"
			nospace=1
		fi
		;;
	--config | --baseline | --write-baseline | --output | --stdin-filename)
		files=1
		;;
	--max-warnings | --max-size | --jobs | -j)
		# A number: nothing to offer.
		;;
	*)
		if [[ -n $head ]]; then
			:  # --unknown=...: nothing to offer
		elif [[ $lcur == -* ]]; then
			local first=${words[0]}
			if [[ $first == init && n -gt 1 ]]; then
				_backlint_add -W '--force --help' -- "$lcur"
			else
				_backlint_add -W '--format --fail-on --rule --quiet --color
					--list-rules --explain --dump-model --verbose --config
					--no-config --print-config --write-baseline --baseline
					--report-unused-disables --output --max-warnings --stdin
					--stdin-filename --force-exclude --include-done --parse-only --jobs --max-size
					--version --help' -- "$lcur"
			fi
		elif ((n == 1)); then
			_backlint_add -W 'init' -- "$lcur"
			files=1
		elif [[ ${words[0]} != init ]]; then
			files=1
		fi
		;;
	esac

	if [[ -n $files ]]; then
		_backlint_add -f -- "$val"
		compopt -o filenames 2>/dev/null
	fi

	# Reply with what replaces the word under the cursor: bash's word is
	# only the part after the last "=".
	tok=${COMP_WORDS[COMP_CWORD]}
	[[ $tok == "=" ]] && tok=
	pfx=${lcur%"$tok"}
	COMPREPLY=()
	for w in "${cands[@]}"; do
		w=$head$w
		COMPREPLY+=("${w#"$pfx"}")
	done
	[[ -n $nospace ]] && compopt -o nospace 2>/dev/null
	return 0
}

complete -F _backlint backlint
