/* Test data embedded in the target unit-test image (unit_data()): the first
 * part of each tests/data file, cut at a record boundary by the Makefile into
 * build/target-data/ (on the include path). */
    .section .rodata.unit_data, "a"
    .balign 4
#define BLOB(label, file) \
    label##_start: .incbin file; label##_end: .byte 0; .balign 4
BLOB(int_cases, "target-data/int_cases.txt")
BLOB(float_cases, "target-data/float_cases.txt")
BLOB(set_cases, "target-data/set_cases.txt")
BLOB(str_cases, "target-data/str_cases.txt")
BLOB(gc_cases, "target-data/gc_cases.txt")

    .section .rodata.unit_names, "a"
int_cases_name: .asciz "int_cases.txt"
float_cases_name: .asciz "float_cases.txt"
set_cases_name: .asciz "set_cases.txt"
str_cases_name: .asciz "str_cases.txt"
gc_cases_name: .asciz "gc_cases.txt"
    .balign 4
    .global unit_blobs
unit_blobs:
    .word int_cases_name, int_cases_start, int_cases_end
    .word float_cases_name, float_cases_start, float_cases_end
    .word set_cases_name, set_cases_start, set_cases_end
    .word str_cases_name, str_cases_start, str_cases_end
    .word gc_cases_name, gc_cases_start, gc_cases_end
    .word 0, 0, 0
