/* ARM MPS2 with the AN500 image: Cortex-M7 (double FPU), CMSDK UART0, PSRAM heap at 0x60000000. */
#define PYR_BOARD_NAME "mps2-an500"
#define PYR_CORE_NAME "Cortex-M7"
#define PYR_HAS_MPU 1
#define PYR_HAS_FPU 1
#define PYR_CLOCK_HZ 25000000u
#define MPS2_PSRAM_BASE 0x60000000u
