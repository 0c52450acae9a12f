/* ARM MPS2 with the AN386 image: Cortex-M4F, CMSDK UART0, 16 MiB PSRAM heap.
 *
 * Build facts (read by the Makefile and tools/target.py; a header with them is a board):
 * build.cpu: -mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16
 * build.ld: mps2.ld
 * build.boot: mps2
 */
#define PYR_BOARD_NAME "mps2-an386"
#define PYR_CORE_NAME "Cortex-M4F"
#define PYR_HAS_MPU 1
#define PYR_HAS_FPU 1
#define PYR_CLOCK_HZ 25000000u
#define MPS2_PSRAM_BASE 0x21000000u
