/* ARM MPS2 with the AN500 image: Cortex-M7 (double FPU), CMSDK UART0, PSRAM heap at 0x60000000.
 *
 * Build facts (read by the Makefile and tools/target.py; a header with them is a board):
 * build.cpu: -mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-d16
 * build.ld: mps2-an500.ld
 * build.boot: mps2
 */
#define PYR_BOARD_NAME "mps2-an500"
#define PYR_CORE_NAME "Cortex-M7"
#define PYR_HAS_MPU 1
#define PYR_HAS_FPU 1
#define PYR_CLOCK_HZ 25000000u
#define MPS2_PSRAM_BASE 0x60000000u
