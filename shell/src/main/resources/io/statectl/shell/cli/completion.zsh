#compdef statectl
# zsh completion for statectl: source <(statectl completion zsh) after compinit,
# or save as _statectl in a directory of $fpath.
# The candidates come from `statectl __complete`, which reads the command line's own model.
_statectl() {
  local out
  local -a cands
  out="$(${words[1]} __complete -- "${(@)words[2,CURRENT]}" 2>/dev/null)" || return 1
  if [[ "$out" == __files__ ]]; then
    _files
    return
  fi
  cands=("${(@f)out}")
  compadd -Q -a cands
}
if [[ "$funcstack[1]" == _statectl ]]; then
  _statectl "$@"
elif (( $+functions[compdef] )); then
  compdef _statectl statectl
fi
