/* ARM MPS2 with the AN385 image: Cortex-M3, CMSDK UART0, 16 MiB PSRAM heap.
 *
 * Build facts (read by the Makefile and tools/target.py; a header with them is a board):
 * build.cpu: -mcpu=cortex-m3
 * build.ld: mps2.ld
 * build.boot: mps2
 */
#define PYR_BOARD_NAME "mps2-an385"
#define PYR_CORE_NAME "Cortex-M3"
#define PYR_HAS_MPU 1
#define PYR_HAS_FPU 0
#define PYR_CLOCK_HZ 25000000u
#define MPS2_PSRAM_BASE 0x21000000u
