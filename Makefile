# Pyrite build. `make run` boots the default board in QEMU; `make test` builds
# everything and runs every test. See README.md.

BOARD ?= mps2-an385
BOARDS := mps2-an385 mps2-an386 mps2-an500 lm3s6965evb netduinoplus2
HEAP_SIZE ?= 0
STACK_SIZE ?=
BUILD := build
PYTHON ?= python3
comma := ,

.DEFAULT_GOAL := image

# ---- per-board facts ------------------------------------------------------
M3  := -mcpu=cortex-m3
M4F := -mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16
M7  := -mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-d16
cpu.mps2-an385    := $(M3)
cpu.mps2-an386    := $(M4F)
cpu.mps2-an500    := $(M7)
cpu.lm3s6965evb   := $(M3)
cpu.netduinoplus2 := $(M4F)
ld.mps2-an385     := mps2.ld
ld.mps2-an386     := mps2.ld
ld.mps2-an500     := mps2-an500.ld
ld.lm3s6965evb    := lm3s6965evb.ld
ld.netduinoplus2  := netduinoplus2.ld
dir.mps2-an385    := mps2
dir.mps2-an386    := mps2
dir.mps2-an500    := mps2
dir.lm3s6965evb   := lm3s6965evb
dir.netduinoplus2 := netduinoplus2

ifeq ($(filter $(BOARD),$(BOARDS)),)
$(error unknown BOARD '$(BOARD)'; choose one of: $(BOARDS))
endif

# ---- sources ----------------------------------------------------------------
KERNEL_SRC := $(wildcard kernel/*.c)
MM_SRC     := $(wildcard mm/*.c)
BOARD_SRC  := $(wildcard boot/cortexm/*.c) $(wildcard boot/$(dir.$(BOARD))/*.c)
HOST_SRC   := $(wildcard boot/host/*.c)

WARN := -Wall -Wextra -Wundef -Werror
INCLUDES := -Iconfig -Ikernel -Imm -Iboot -Itests/common -Itests/bench

# ---- target images --------------------------------------------------------
CROSS := arm-none-eabi-
TDIR := $(BUILD)/$(BOARD)
TCFLAGS := -std=c11 -g -Os -mthumb $(cpu.$(BOARD)) $(WARN) $(INCLUDES) \
  --specs=picolibc.specs --picolibc-buildtype=release -ffunction-sections -fdata-sections \
  -DPYR_BOARD_HEADER='"boards/$(BOARD).h"' -DPYR_HEAP_CAP=$(HEAP_SIZE) -MMD -MP $(EXTRA_CFLAGS)
TLDFLAGS := -mthumb $(cpu.$(BOARD)) --specs=picolibc.specs --picolibc-buildtype=release \
  -nostartfiles -Llinker -T$(ld.$(BOARD)) -Wl,--gc-sections -Wl,--no-warn-rwx-segments \
  $(if $(STACK_SIZE),-Wl$(comma)--defsym=STACK_SIZE=$(STACK_SIZE))

$(TDIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(TCFLAGS) -c $< -o $@

# image(name, sources): build/<board>/<name>.elf
define image
$(TDIR)/$(1).elf: $(patsubst %.c,$(TDIR)/obj/%.o,$(2) $(BOARD_SRC)) linker/$(ld.$(BOARD)) linker/cortexm.ld
	$(CROSS)gcc $(TLDFLAGS) -Wl,-Map=$(TDIR)/$(1).map $$(filter %.o,$$^) $(EXTRA_LDFLAGS) -o $$@
endef

$(eval $(call image,pyrite,$(KERNEL_SRC) $(MM_SRC)))

$(TDIR)/%.bin: $(TDIR)/%.elf
	$(CROSS)objcopy -O binary $< $@
$(TDIR)/%.hex: $(TDIR)/%.elf
	$(CROSS)objcopy -O ihex $< $@

.PHONY: image
image: $(TDIR)/pyrite.elf $(TDIR)/pyrite.bin $(TDIR)/pyrite.hex
	@$(CROSS)size $< | $(PYTHON) tools/size.py $(BOARD)

# ---- host port (AddressSanitizer + UBSan) -----------------------------------
HDIR := $(BUILD)/host
HCFLAGS := -std=c11 -g -O1 $(WARN) $(INCLUDES) -DPYR_BOARD_HEADER='"boards/host.h"' \
  -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -MMD -MP

$(HDIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	gcc $(HCFLAGS) -c $< -o $@

$(HDIR)/pyrite: $(patsubst %.c,$(HDIR)/obj/%.o,$(KERNEL_SRC) $(MM_SRC) $(HOST_SRC))
	gcc $(HCFLAGS) $^ -o $@

.PHONY: host
host: $(HDIR)/pyrite

# ---- host unit tests (cmocka) ------------------------------------------------
UNIT_TESTS := $(patsubst tests/unit/%.c,$(HDIR)/unit/%,$(wildcard tests/unit/test_*.c))
COMMON_TEST_SRC := $(wildcard tests/common/*.c)

$(HDIR)/unit/%: $(HDIR)/obj/tests/unit/%.o $(patsubst %.c,$(HDIR)/obj/%.o,$(MM_SRC) $(COMMON_TEST_SRC))
	@mkdir -p $(dir $@)
	gcc $(HCFLAGS) $^ -lcmocka -o $@

.PHONY: unit
unit: $(UNIT_TESTS)

# ---- the instruction-counting QEMU plugin (benchmarks) -----------------------
$(BUILD)/tools/icount.so: tools/icount/icount.c
	@mkdir -p $(dir $@)
	gcc -std=c11 -O2 $(WARN) -shared -fPIC $< -o $@

.PHONY: icount-plugin
icount-plugin: $(BUILD)/tools/icount.so

# ---- top-level commands ----------------------------------------------------
.PHONY: deps run run-host boards test boot-count clean
deps:
	@tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory image
	@echo "Pyrite on $(BOARD) under QEMU. Leave with 'exit 0' at the prompt, or Ctrl-] then x."
	@qemu-system-arm -M $(BOARD) -nographic -monitor none -echr 0x1d \
	  -chardev stdio,id=console,mux=on,signal=off -serial chardev:console \
	  -semihosting-config enable=on,target=native -kernel $(TDIR)/pyrite.elf

run-host: host
	$(HDIR)/pyrite

boards:
	@for b in $(BOARDS); do $(MAKE) --no-print-directory BOARD=$$b image || exit 1; done

test: deps
	@$(MAKE) --no-print-directory boards
	@$(MAKE) --no-print-directory host unit
	@$(PYTHON) tools/test.py

boot-count: deps
	@$(MAKE) --no-print-directory boards icount-plugin
	@$(PYTHON) tools/boot_count.py

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
