/* BBC micro:bit (nRF51822): Cortex-M0 (ARMv6-M) at 16 MHz, 256 KiB flash,
 * 16 KiB RAM, nRF51 UART0. No MPU (no stack guard), no FPU, no configurable
 * fault status registers: every fault is a HardFault.
 *
 * Build facts (read by the Makefile and tools/target.py; a header with them is a board):
 * build.cpu: -mcpu=cortex-m0
 * build.ld: microbit.ld
 * build.boot: microbit
 */
#define PYR_BOARD_NAME "microbit"
#define PYR_CORE_NAME "Cortex-M0"
#define PYR_HAS_MPU 0
#define PYR_HAS_FPU 0
#define PYR_ARMV6M 1
#define PYR_CLOCK_HZ 16000000u
#define CON_LINE_MAX 128
#define CON_HISTORY 2
#define BOARD_RX_RING 128
#define MM_SMALL_THRESHOLD 64
#define MM_POOL_SIZE 512
#define MM_ARENA_SIZE 2048
#define MM_REGION_MAX_LOG2 16
#define OBJ_FREELIST_TUPLE 4
#define OBJ_FREELIST_TUPLE_SIZES 4
#define OBJ_FREELIST_LIST 4
#define OBJ_FREELIST_DICT 2
#define OBJ_FREELIST_FLOAT 4
