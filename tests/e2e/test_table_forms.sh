# A statistics table given as an Excel workbook, as a table in a Word
# document and as an HTML table (made by LibreOffice and by hand) yields one
# indicator per figure cell, with the row's metric, the unit column's unit
# and the column's year, each traced to its cell (.why shows the sheet and
# cell, or the table, row and column; a PDF's figure its page). The full
# form, with a title and headings merged across cells, reads the same way.
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

# .why says where in the file a figure stands: the sheet and cell of a
# workbook, the table, row and column of a document's table, counted from 1.
why() {  # why DB DOC ROW COL: the provenance line of that cell's figure
  local id
  id=$(edu "$1" "print(edu.sql([[SELECT i.id FROM indicators i JOIN documents d ON d.id = i.doc_id
    WHERE d.name = ?1 AND i.cell_row = ?2 AND i.cell_col = ?3]], '$2', $3, $4)[1].id)")
  printf '.why %s\n' "$id" | "$EDUSHELL" --db "$1" | sed -n 3p
}
expect_contains "$(why "$DB" table_simple.xlsx 2 3)" "from table_simple.xlsx (? 2022 ?), sheet 指标, cell D3 (row 3, column 4), bytes"
expect_contains "$(why "$DB" table_simple.docx 2 3)" "from table_simple.docx (? 2022 ?), table 1, row 3, column 4, bytes"
expect_contains "$(why "$DB" table_simple.html 2 3)" ", table 1, row 3, column 4, bytes"

# The full form, as a workbook and a Word, OpenDocument or HTML table gives
# it: a title merged across the table above a two-row heading (完成情况 over
# 2022年 and 2023年, 2025年目标 merged down), units in a 单位 column or in
# the name's brackets, a merged note below. Every form yields the same
# figures: metric, year, kind, value, unit.
"$EDUSHELL" --db "$WORK/full.db" load "$FIX/table.xlsx" >/dev/null 2>"$WORK/err" || fail "load: $(cat "$WORK/err")"
for f in table.ods table.docx table.odt table.html; do
  "$EDUSHELL" --db "$WORK/full-$f.db" load "$FIX/$f" >/dev/null 2>"$WORK/err" || fail "load $f: $(cat "$WORK/err")"
done
figures() {  # figures DB
  edu "$1" "for _, r in ipairs(edu.sql([[SELECT metric, year, kind, value, unit FROM indicators
      ORDER BY cell_row, cell_col]])) do print(r.metric, r.year, r.kind, string.format('%.12g', r.value), r.unit) end"
}
want=$'普惠性幼儿园覆盖率\t2022\tactual\t89.47\t%
普惠性幼儿园覆盖率\t2023\tactual\t91.36\t%
普惠性幼儿园覆盖率\t2025\ttarget\t92\t%
学前三年毛入园率\t2022\tactual\t98.2\t%
学前三年毛入园率\t2023\tactual\t98.65\t%
学前三年毛入园率\t2025\ttarget\t99\t%
小学在校生\t2022\tactual\t48362\t人
小学在校生\t2023\tactual\t49105\t人
小学在校生\t2025\ttarget\t50000\t人
初中专任教师\t2022\tactual\t2184\t人
初中专任教师\t2023\tactual\t2251\t人
初中专任教师\t2025\ttarget\t2400\t人
义务教育巩固率\t2022\tactual\t99.12\t%
义务教育巩固率\t2023\tactual\t99.31\t%
高中阶段毛入学率\t2022\tactual\t98.7\t%
高中阶段毛入学率\t2023\tactual\t99.1\t%
高中阶段毛入学率\t2025\ttarget\t99.5\t%
教育经费总投入\t2022\tactual\t1865324700\t元
教育经费总投入\t2023\tactual\t2014879000\t元
小学生均公用经费\t2022\tactual\t1150\t元
小学生均公用经费\t2023\tactual\t1250\t元
小学生均公用经费\t2025\ttarget\t1400\t元'
expect_eq "$(figures "$WORK/full.db")" "$want" "figures of table.xlsx"
for f in table.ods table.docx table.odt table.html; do
  expect_eq "$(figures "$WORK/full-$f.db")" "$want" "figures of $f"
done
# The sheet's own rows: the title and two heading rows stand above the first figure.
expect_contains "$(why "$WORK/full.db" table.xlsx 3 2)" "sheet 主要指标, cell C4 (row 4, column 3)"

# A bulletin's table: regions down, measures across under a two-level
# heading (小学 under 学校数 reads 小学学校数), units from the row below the
# heading; as a workbook and as a GBK web page.
want=$'江阴市小学学校数\t2023\t45\t所
江阴市初中学校数\t2023\t30\t所
江阴市小学在校生\t2023\t98000\t人
江阴市初中在校生\t2023\t50000\t人
江阴市专任教师\t2023\t8000\t人
宜兴市小学学校数\t2023\t40\t所
宜兴市初中学校数\t2023\t28\t所
宜兴市小学在校生\t2023\t76000\t人
宜兴市初中在校生\t2023\t41000\t人
宜兴市专任教师\t2023\t7100\t人
梁溪区小学学校数\t2023\t33\t所
梁溪区初中学校数\t2023\t20\t所
梁溪区小学在校生\t2023\t52000\t人
梁溪区初中在校生\t2023\t30000\t人
梁溪区专任教师\t2023\t5200\t人'
for f in table_units.xlsx table_units.html; do
  "$EDUSHELL" --db "$WORK/$f.db" load "$FIX/$f" >/dev/null 2>"$WORK/err" || fail "load $f: $(cat "$WORK/err")"
  got=$(edu "$WORK/$f.db" "for _, r in ipairs(edu.sql([[SELECT metric, year, value, unit FROM indicators
      ORDER BY cell_row, cell_col]])) do print(r.metric, r.year, string.format('%.10g', r.value), r.unit) end")
  expect_eq "$got" "$want" "figures of $f"
done
expect_eq "$(edu "$WORK/table_units.html.db" 'print(edu.sql("SELECT encoding FROM documents")[1].encoding)')" gb18030 \
  "encoding of the GBK page"

# A table whose unit a note gives (单位：万元: the figures in 元), in a cell
# above the heading or in a paragraph above the table, with a column of
# changes in % and a 其中 row.
want=$'教育经费总投入\t2022\tactual\t18653247000\t元
教育经费总投入\t2023\tactual\t20148790000\t元
教育经费总投入\t2023\tchange\t8\t%
一般公共预算教育经费\t2022\tactual\t15000000000\t元
一般公共预算教育经费\t2023\tactual\t16200000000\t元
一般公共预算教育经费\t2023\tchange\t8\t%
学前教育经费\t2022\tactual\t1200000000\t元
学前教育经费\t2023\tactual\t1350000000\t元
学前教育经费\t2023\tchange\t12.5\t%'
for f in table_funds.xlsx table_funds.docx; do
  "$EDUSHELL" --db "$WORK/$f.db" load "$FIX/$f" >/dev/null 2>"$WORK/err" || fail "load $f: $(cat "$WORK/err")"
  expect_eq "$(figures "$WORK/$f.db")" "$want" "figures of $f"
done

# A series down the years: each row's year is its figures' year, and
# no figure of its own.
want=$'幼儿园数\t2021\t50\t所
在园幼儿\t2021\t12000\t人
专任教师\t2021\t900\t人
幼儿园数\t2022\t52\t所
在园幼儿\t2022\t12500\t人
专任教师\t2022\t950\t人
幼儿园数\t2023\t55\t所
在园幼儿\t2023\t13000\t人
专任教师\t2023\t1010\t人'
for f in table_years.xlsx table_years.docx; do
  "$EDUSHELL" --db "$WORK/$f.db" load "$FIX/$f" >/dev/null 2>"$WORK/err" || fail "load $f: $(cat "$WORK/err")"
  got=$(edu "$WORK/$f.db" "for _, r in ipairs(edu.sql([[SELECT metric, year, value, unit FROM indicators
      ORDER BY cell_row, cell_col]])) do print(r.metric, r.year, string.format('%.10g', r.value), r.unit) end")
  expect_eq "$got" "$want" "figures of $f"
done

# A PDF's figures say their page.
"$EDUSHELL" --db "$WORK/pdf.db" load "$FIX/seed_002.pdf" >/dev/null 2>&1
expect_eq "$(edu "$WORK/pdf.db" 'print(edu.sql("SELECT count(*) - count(page) AS n FROM indicators")[1].n)')" 0 "figures without a page"
id=$(edu "$WORK/pdf.db" 'print(edu.sql("SELECT id FROM indicators WHERE page = 3 ORDER BY start LIMIT 1")[1].id)')
expect_contains "$(printf '.why %s\n' "$id" | "$EDUSHELL" --db "$WORK/pdf.db" | sed -n 3p)" "from seed_002.pdf (无锡市 2020 midyear), page 3, bytes"
echo ok
