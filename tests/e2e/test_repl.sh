# The REPL on a real terminal (a pseudo-terminal): readline, expressions,
# multi-line chunks, dot-commands, errors that do not end the shell, Ctrl-C.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null
python3 "$SRC/tests/e2e/repl_pty.py" "$EDUSHELL" "$DB"
