# bash completion for statectl: source <(statectl completion bash)
# The candidates come from `statectl __complete`, which reads the command line's own model.
_statectl() {
  local cur="${COMP_WORDS[COMP_CWORD]}" IFS=$'\n' out
  out="$("${COMP_WORDS[0]}" __complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" || return 0
  if [ "$out" = __files__ ]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$out" -- "$cur"))
  fi
}
complete -F _statectl statectl
