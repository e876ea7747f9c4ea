# fish completion for statectl: statectl completion fish > ~/.config/fish/completions/statectl.fish
# The candidates come from `statectl __complete`, which reads the command line's own model.
function __statectl_complete
    set -l cur (commandline -ct)
    set -l tokens (commandline -opc) "$cur"
    set -l exe $tokens[1]
    set -e tokens[1]
    set -l out ($exe __complete -- $tokens 2>/dev/null)
    if test "$out[1]" = __files__
        __fish_complete_path "$cur"
        return
    end
    printf '%s\n' $out
end
complete -c statectl -f -a '(__statectl_complete)'
