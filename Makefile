# Pyrite build. `make run` boots the default board in QEMU; `make test` builds
# everything and runs every test. See README.md.

BOARD ?= mps2-an385
HEAP_SIZE ?= 0
STACK_SIZE ?=
BUILD := build
PYTHON ?= python3
comma := ,

.DEFAULT_GOAL := image

# ---- per-board facts ------------------------------------------------------
# A board is a config/boards/<board>.h whose opening comment carries its build
# facts, one per line (` * build.cpu: -mcpu=...`, `build.ld`: its script in
# linker/, `build.boot`: its folder in boot/); tools/target.py reads the same
# lines. The board's name is the QEMU machine's.
BOARDS := $(patsubst config/boards/%.h,%,$(shell grep -l '^ \* build\.cpu:' config/boards/*.h))
board_fact = $(shell sed -n 's/^ \* build\.$(2): *//p' config/boards/$(1).h)

ifeq ($(filter $(BOARD),$(BOARDS)),)
$(error unknown BOARD '$(BOARD)'; choose one of: $(BOARDS))
endif
cpu := $(call board_fact,$(BOARD),cpu)
ld := $(call board_fact,$(BOARD),ld)
boot := $(call board_fact,$(BOARD),boot)

# ---- sources ----------------------------------------------------------------
KERNEL_SRC := $(wildcard kernel/*.c)
MM_SRC     := $(wildcard mm/*.c)
OBJ_SRC    := $(wildcard objects/*.c)
GC_SRC     := $(wildcard gc/*.c)
LANG_SRC   := $(wildcard lang/*.c)
BOARD_SRC  := $(wildcard boot/cortexm/*.c) $(wildcard boot/$(boot)/*.c)
HOST_SRC   := $(wildcard boot/host/*.c)
# The portable object test suites and their harness (host: cmocka; target: QEMU).
SUITE_SRC  := $(wildcard tests/objects/*.c) tests/common/unit_common.c

WARN := -Wall -Wextra -Wundef -Werror
# Project headers are included by their path from the repository root
# ("objects/str.h"). Each layer sees only the folders it may include: the
# include path of a file in layer L is build/inc/L/, holding links to those
# folders, so an upward include is a compile error (tools/check_layers.py
# says which file and which layer). Arrows point down:
#   config <- mm <- objects <- gc <- lang <- kernel <- boot (implements kernel/board.h)
LAYERS := config mm objects gc lang kernel boot tests
inc.config  := config
inc.mm      := config mm
inc.objects := config mm objects
inc.gc      := config mm objects gc
inc.lang    := config mm objects gc lang
inc.kernel  := config mm objects gc lang kernel
inc.boot    := config kernel boot
inc.tests   := $(LAYERS)
layer_of = $(firstword $(subst /, ,$(1)))
INCLUDES = -I$(BUILD)/inc/$(call layer_of,$<)
# Make the link farms now (cheap, idempotent): every compile below needs one.
$(foreach l,$(LAYERS),$(shell mkdir -p $(BUILD)/inc/$(l) && for d in $(inc.$(l)); do \
  ln -sfn $(CURDIR)/$$d $(BUILD)/inc/$(l)/$$d; done))
DEBUG_DEFS := -DMM_DEBUG=1 -DOBJ_DEBUG=1

# ---- target images --------------------------------------------------------
# Two object variants per board: obj/ (release: the shipped image, benchmarks)
# and test-obj/ (MM_DEBUG and OBJ_DEBUG on: test images).
CROSS := arm-none-eabi-
TDIR := $(BUILD)/$(BOARD)
TCFLAGS = -std=c11 -g -Os -mthumb $(cpu) $(WARN) $(INCLUDES) \
  --specs=picolibc.specs --picolibc-buildtype=release -ffunction-sections -fdata-sections \
  -DPYR_BOARD_HEADER='"config/boards/$(BOARD).h"' -DPYR_HEAP_CAP=$(HEAP_SIZE) -MMD -MP $(EXTRA_CFLAGS)
TLDFLAGS := -mthumb $(cpu) --specs=picolibc.specs --picolibc-buildtype=release \
  -nostartfiles -Llinker -T$(ld) -Wl,--gc-sections -Wl,--no-warn-rwx-segments -lm \
  $(if $(STACK_SIZE),-Wl$(comma)--defsym=STACK_SIZE=$(STACK_SIZE))

$(TDIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(TCFLAGS) -c $< -o $@
$(TDIR)/test-obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(TCFLAGS) $(DEBUG_DEFS) -c $< -o $@
$(TDIR)/test-obj/%.o: %.S $(patsubst tests/data/%,$(BUILD)/target-data/%,$(wildcard tests/data/*))
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(TCFLAGS) -I$(BUILD) -c $< -o $@

# The target unit image embeds the first part of each data file (the host reads all of it).
TARGET_DATA_MAX := 600000
$(BUILD)/target-data/%: tests/data/% tools/subset_data.py
	@mkdir -p $(dir $@)
	$(PYTHON) tools/subset_data.py $< $@ $(TARGET_DATA_MAX)

# picolibc's integer-only printf (no %e/%f/%g: the tree formats floats itself)
# saves about 7 KB of flash on every board. The unit image keeps the full one:
# its tests print 64-bit values with %ll, which this picolibc build's integer
# variant lacks (no _WANT_IO_LONG_LONG).
printf_of = $(if $(filter unit,$(1)),,-DPICOLIBC_INTEGER_PRINTF_SCANF)

# image(name, sources, variant): build/<board>/<name>.elf
define image
$(TDIR)/$(1).elf: $(patsubst %,$(TDIR)/$(3)/%.o,$(basename $(2) $(BOARD_SRC))) linker/$(ld) linker/cortexm.ld
	$(CROSS)gcc $(TLDFLAGS) $(call printf_of,$(1)) -Wl,-Map=$(TDIR)/$(1).map $$(filter %.o,$$^) $(EXTRA_LDFLAGS) -o $$@
endef

$(eval $(call image,pyrite,$(KERNEL_SRC) $(LANG_SRC) $(OBJ_SRC) $(GC_SRC) $(MM_SRC),obj))
$(eval $(call image,unit,tests/target/unit_main.c tests/target/unit_data.S $(SUITE_SRC) $(OBJ_SRC) $(GC_SRC) $(MM_SRC),test-obj))
$(eval $(call image,trashcan,tests/target/trashcan_main.c $(OBJ_SRC) $(MM_SRC),test-obj))
$(eval $(call image,recursion,tests/target/recursion_main.c $(OBJ_SRC) $(MM_SRC),test-obj))
$(eval $(call image,gc,tests/target/gc_main.c $(OBJ_SRC) $(GC_SRC) $(MM_SRC),test-obj))
$(eval $(call image,mm_stress,tests/target/mm_stress_main.c tests/common/mm_stress.c $(MM_SRC),test-obj))
$(eval $(call image,bench_objects,tests/bench/bench_objects.c tests/bench/bench.c $(OBJ_SRC) $(MM_SRC),obj))
$(eval $(call image,bench_mm,tests/bench/bench_mm.c tests/bench/bench.c $(MM_SRC),obj))
$(eval $(call image,bench_gc,tests/bench/bench_gc.c tests/bench/bench.c $(OBJ_SRC) $(GC_SRC) $(MM_SRC),obj))

$(TDIR)/%.bin: $(TDIR)/%.elf
	$(CROSS)objcopy -O binary $< $@
$(TDIR)/%.hex: $(TDIR)/%.elf
	$(CROSS)objcopy -O ihex $< $@

.PHONY: image test-images
image: $(TDIR)/pyrite.elf $(TDIR)/pyrite.bin $(TDIR)/pyrite.hex
	@$(CROSS)size $< | $(PYTHON) tools/size.py $(BOARD)
# The unit image embeds megabytes of test vectors: only boards with room get it.
test-images: $(TDIR)/mm_stress.elf $(TDIR)/trashcan.elf $(TDIR)/recursion.elf $(TDIR)/gc.elf $(if $(filter mps2-%,$(BOARD)),$(TDIR)/unit.elf)

# ---- host port and host tests (AddressSanitizer + UBSan, debug checks on) ----
HDIR := $(BUILD)/host
HCFLAGS = -std=c11 -g -O1 $(WARN) $(INCLUDES) -DPYR_BOARD_HEADER='"config/boards/host.h"' $(DEBUG_DEFS) \
  -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -MMD -MP

$(HDIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	gcc $(HCFLAGS) -c $< -o $@

host_objs = $(patsubst %.c,$(HDIR)/obj/%.o,$(1))

$(HDIR)/pyrite: $(call host_objs,$(KERNEL_SRC) $(OBJ_SRC) $(GC_SRC) $(MM_SRC) $(HOST_SRC))
	gcc $(HCFLAGS) $^ -lm -o $@
$(HDIR)/unit/test_mm: $(call host_objs,tests/unit/test_mm.c tests/common/mm_stress.c $(MM_SRC))
	@mkdir -p $(dir $@)
	gcc $(HCFLAGS) $^ -lcmocka -lm -o $@
# The same mm tests on a release build (MM_DEBUG=0, so no fault injection or
# call counts either: MM_FAULT_INJECTION follows it), as the boards ship it.
$(HDIR)/unit/test_mm_release: tests/unit/test_mm.c tests/common/mm_stress.c $(MM_SRC) $(wildcard mm/*.h config/*.h)
	@mkdir -p $(dir $@)
	gcc $(filter-out -DMM_DEBUG=1 -DOBJ_DEBUG=1 -O1 -MMD -MP,$(HCFLAGS)) -O2 $(filter %.c,$^) -lcmocka -lm -o $@
$(HDIR)/unit/test_objects: $(call host_objs,tests/unit/test_objects.c $(SUITE_SRC) $(OBJ_SRC) $(GC_SRC) $(MM_SRC))
	@mkdir -p $(dir $@)
	gcc $(HCFLAGS) $^ -lcmocka -lm -o $@

# The language on the host: `pyrun FILE` runs a script (tests/lang/test_scripts.py).
$(HDIR)/pyrun: $(call host_objs,tests/lang/pyrun.c $(LANG_SRC) $(OBJ_SRC) $(GC_SRC) $(MM_SRC))
	gcc $(HCFLAGS) $^ -lm -o $@

.PHONY: host unit
host: $(HDIR)/pyrite $(HDIR)/pyrun
unit: $(HDIR)/unit/test_mm $(HDIR)/unit/test_mm_release $(HDIR)/unit/test_objects

# ---- the instruction-counting QEMU plugin (benchmarks) -----------------------
$(BUILD)/tools/icount.so: tools/icount/icount.c
	@mkdir -p $(dir $@)
	gcc -std=c11 -O2 $(WARN) -shared -fPIC $< -o $@

.PHONY: icount-plugin
icount-plugin: $(BUILD)/tools/icount.so

# ---- top-level commands ----------------------------------------------------
.PHONY: deps run run-host boards test boot-count bench-mm bench-objects bench-gc clean
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
	@for b in $(BOARDS); do $(MAKE) --no-print-directory BOARD=$$b image test-images || exit 1; done

test: deps
	@$(MAKE) --no-print-directory boards
	@$(MAKE) --no-print-directory host unit
	@$(PYTHON) tools/test.py

boot-count: deps
	@$(MAKE) --no-print-directory boards icount-plugin
	@$(PYTHON) tools/boot_count.py

bench-mm: deps
	@for b in mps2-an386 mps2-an385; do $(MAKE) --no-print-directory BOARD=$$b $(BUILD)/$$b/bench_mm.elf || exit 1; done
	@$(MAKE) --no-print-directory icount-plugin
	@$(PYTHON) tools/bench_mm.py

bench-gc: deps
	@$(MAKE) --no-print-directory BOARD=mps2-an385 $(BUILD)/mps2-an385/bench_gc.elf
	@$(MAKE) --no-print-directory icount-plugin
	@$(PYTHON) tools/bench_gc.py

bench-objects: deps
	@$(MAKE) --no-print-directory BOARD=mps2-an385 $(BUILD)/mps2-an385/bench_objects.elf
	@$(PYTHON) tools/bench_objects.py

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
