# A statistics table given as an Excel workbook, as a table in a Word
# document and as an HTML table (made by LibreOffice and by hand) yields one
# indicator per figure cell, with the row's metric, the unit column's unit
# and the column's year, each traced to its cell.
source "$(dirname "$0")/lib.sh"
FIX=$SRC/tests/fixtures/office

"$EDUSHELL" --db "$DB" load "$FIX/table_simple.xlsx" "$FIX/table_simple.docx" "$FIX/table_simple.html" \
  >/dev/null 2>"$WORK/err" || fail "load: $(cat "$WORK/err")"
# metric, year, value, unit (万元 is stored in 元), and the cell it came from.
want=$'普惠性幼儿园覆盖率\t2022\t89.47\t%\t1\t2
普惠性幼儿园覆盖率\t2023\t91.36\t%\t1\t3
小学在校生\t2022\t48362\t人\t2\t2
小学在校生\t2023\t49105\t人\t2\t3
初中专任教师\t2022\t2184\t人\t3\t2
初中专任教师\t2023\t2251\t人\t3\t3
教育经费总投入\t2022\t1865324700\t元\t4\t2
教育经费总投入\t2023\t2014879000\t元\t4\t3'
for doc in table_simple.xlsx table_simple.docx table_simple.html; do
  got=$(edu "$DB" "for _, r in ipairs(edu.sql([[SELECT i.metric, i.year, i.value, i.unit, i.cell_row, i.cell_col
      FROM indicators i JOIN documents d ON d.id = i.doc_id WHERE d.name = ?1 ORDER BY i.cell_row, i.cell_col]], '$doc')) do
    print(r.metric, r.year, string.format('%.10g', r.value), r.unit, r.cell_row, r.cell_col) end")
  expect_eq "$got" "$want" "indicators of $doc"
done
sheet=$(edu "$DB" 'print(edu.sql("SELECT DISTINCT i.sheet FROM indicators i JOIN documents d ON d.id = i.doc_id WHERE d.name = ?1", "table_simple.xlsx")[1].sheet)')
expect_eq "$sheet" "指标" "sheet of the workbook's figures"
echo ok
