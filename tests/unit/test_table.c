/* Tables of cells: sizes grow with the cells, merged cells cover their
 * span, and lookups outside the table find nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "edushell/source/table.h"

/* 指标 spans two header rows; 2023年 and 2025年 sit under one merged 年份. */
static void test_merged_header_covers_its_span(void **state)
{
    (void)state;
    es_table_list list = {0};
    es_table *t = es_table_list_add(&list, 100, "Sheet1");
    es_table_add_cell(t, 100, 106, 0, 0, 2, 1);   /* 指标 */
    es_table_add_cell(t, 107, 113, 0, 1, 1, 2);   /* 年份 */
    es_table_add_cell(t, 114, 121, 1, 1, 1, 1);   /* 2023年 */
    es_table_add_cell(t, 122, 129, 1, 2, 1, 1);   /* 2025年 */
    es_table_add_cell(t, 130, 145, 2, 0, 0, 0);   /* spans of 0 mean 1 */
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->ncols, 3);
    assert_int_equal(t->start, 100);
    assert_int_equal(t->end, 145);
    assert_string_equal(t->sheet, "Sheet1");
    assert_int_equal(es_table_cell_at(t, 1, 0)->start, 100);   /* under 指标 */
    assert_int_equal(es_table_cell_at(t, 0, 2)->start, 107);   /* under 年份 */
    assert_int_equal(es_table_cell_at(t, 1, 2)->start, 122);
    assert_int_equal(es_table_cell_at(t, 2, 0)->rowspan, 1);
    assert_null(es_table_cell_at(t, 2, 1));                    /* no cell written there */
    assert_null(es_table_cell_at(t, 5, 0));
    es_table_list_free(&list);
    assert_null(list.items);
}

static void test_many_tables_and_cells(void **state)
{
    (void)state;
    es_table_list list = {0};
    for (unsigned k = 0; k < 9; k++) {
        es_table *t = es_table_list_add(&list, k * 1000, NULL);
        for (unsigned r = 0; r < 20; r++)
            for (unsigned c = 0; c < 5; c++)
                es_table_add_cell(t, k * 1000 + r * 10 + c, k * 1000 + r * 10 + c + 1, r, c, 1, 1);
    }
    assert_int_equal(list.n, 9);
    assert_int_equal(list.items[8].ncells, 100);
    assert_int_equal(list.items[8].nrows, 20);
    assert_int_equal(es_table_cell_at(&list.items[3], 19, 4)->start, 3000 + 194);
    assert_null(list.items[0].sheet);
    es_table_list_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merged_header_covers_its_span),
        cmocka_unit_test(test_many_tables_and_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
