# The extraction bars on the hand-labelled seed gold set.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null
"$EDUSHELL" --db "$DB" export indicators --format jsonl --out "$WORK/pred.jsonl"
python3 "$SHARED/gold/score.py" --docs "$SHARED/seeds" --gold "$SHARED"/gold/seeds/*.jsonl \
  --pred "$WORK/pred.jsonl" --min value_f1=0.95 --min kind_acc=0.95 --min metric_acc=0.90 --min full_f1=0.90
