/* TI Stellaris LM3S6965EVB: Cortex-M3, 256 KiB flash, 64 KiB RAM, PL011 UART0.
 *
 * Build facts (read by the Makefile and tools/target.py; a header with them is a board):
 * build.cpu: -mcpu=cortex-m3
 * build.ld: lm3s6965evb.ld
 * build.boot: lm3s6965evb
 */
#define PYR_BOARD_NAME "lm3s6965evb"
#define PYR_CORE_NAME "Cortex-M3"
#define PYR_HAS_MPU 1
#define PYR_HAS_FPU 0
#define PYR_CLOCK_HZ 12500000u
#define CON_LINE_MAX 256
#define CON_HISTORY 4
#define MM_SMALL_THRESHOLD 256
#define MM_POOL_SIZE 1024
#define MM_ARENA_SIZE 8192
#define OBJ_FREELIST_TUPLE 8
#define OBJ_FREELIST_TUPLE_SIZES 8
#define OBJ_FREELIST_LIST 8
#define OBJ_FREELIST_DICT 8
#define OBJ_FREELIST_FLOAT 16
