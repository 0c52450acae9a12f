/* Netduino Plus 2 (STM32F405): Cortex-M4F at 168 MHz, USART1. Linked for the real
 * part's 128 KiB of SRAM at 0x20000000 (QEMU maps 192 KiB there).
 *
 * Build facts (read by the Makefile and tools/target.py; a header with them is a board):
 * build.cpu: -mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16
 * build.ld: netduinoplus2.ld
 * build.boot: netduinoplus2
 */
#define PYR_BOARD_NAME "netduinoplus2"
#define PYR_CORE_NAME "Cortex-M4F"
#define PYR_HAS_MPU 1
#define PYR_HAS_FPU 1
#define PYR_CLOCK_HZ 168000000u
#define MM_SMALL_THRESHOLD 512
#define MM_POOL_SIZE 2048
#define MM_ARENA_SIZE 16384
