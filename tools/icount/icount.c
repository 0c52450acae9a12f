/* icount: a QEMU TCG plugin that counts guest instructions exactly and records
 * the running count each time execution reaches a marker address.
 *
 *   qemu-system-arm ... -plugin build/tools/icount.so,marker=0x1234,out=counts.txt[,limit=N]
 *
 * Every executed instruction adds one to a counter (an inline add, so the count
 * is exact even when a translation block is left early). When the instruction
 * at `marker` is about to execute, the counter's value is appended to `out`, one
 * decimal number per line, flushed at once. With `limit`, QEMU exits after that
 * many marker hits. A guest brackets the code to measure with two calls to a
 * marker function; the host subtracts the counts and the calibrated cost of an
 * empty pair.
 *
 * With `profile=FILE,window=K`, every instruction address also has its own
 * counter, and between marker hits K and K + 1 (counting from 0) the plugin
 * writes to FILE one line "ADDRESS COUNT" per address executed in that window
 * (tools/icount_profile.py turns it into a per-function profile).
 *
 * QEMU's plugin API (version 1, as documented in QEMU's docs/devel/tcg-plugins)
 * is declared here because Debian ships no qemu-plugin.h; only the functions
 * this plugin calls are declared.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the slice of the QEMU plugin API used here ------------------------- */
typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
                                                enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
                                            qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb,
                                    void *userdata);

#define PLUGIN_EXPORT __attribute__((visibility("default")))
PLUGIN_EXPORT int qemu_plugin_version = 1;
PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
                                      char **argv);

/* ---- the plugin ---------------------------------------------------------- */

/* One counter per instruction address (profile mode): open addressing. */
#define SLOTS (1u << 20)
struct slot {
    uint64_t addr, count, start;
};

static struct {
    uint64_t executed; /* instructions executed so far (single vCPU) */
    uint64_t marker;   /* guest address whose execution is recorded */
    uint64_t hits, limit;
    FILE *out;
    FILE *profile;   /* profile mode, else NULL */
    uint64_t window; /* the profile covers marker hits window .. window + 1 */
    struct slot *slots;
} icount;

/* The counter of an instruction address (the key is stored with bit 0 set, so
 * that it is never 0, the empty slot: Thumb addresses are even). */
static struct slot *slot_of(uint64_t addr)
{
    uint64_t key = addr | 1;
    for (uint64_t i = (addr >> 1) * 0x9E3779B97F4A7C15ull >> 44;; i = (i + 1) & (SLOTS - 1)) {
        struct slot *s = &icount.slots[i];
        if (s->addr == 0)
            s->addr = key;
        if (s->addr == key)
            return s;
    }
}

static void marker_reached(unsigned int vcpu_index, void *userdata)
{
    (void)vcpu_index;
    (void)userdata;
    fprintf(icount.out, "%" PRIu64 "\n", icount.executed);
    fflush(icount.out);
    if (icount.profile && icount.hits == icount.window) {
        for (uint32_t i = 0; i < SLOTS; i++)
            icount.slots[i].start = icount.slots[i].count;
    } else if (icount.profile && icount.hits == icount.window + 1) {
        for (uint32_t i = 0; i < SLOTS; i++) {
            const struct slot *s = &icount.slots[i];
            if (s->count != s->start)
                fprintf(icount.profile, "%#" PRIx64 " %" PRIu64 "\n", s->addr & ~(uint64_t)1,
                        s->count - s->start);
        }
        fclose(icount.profile);
        icount.profile = NULL;
    }
    icount.hits++;
    if (icount.limit && icount.hits >= icount.limit)
        exit(0);
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        if (qemu_plugin_insn_vaddr(insn) == icount.marker)
            qemu_plugin_register_vcpu_insn_exec_cb(insn, marker_reached, QEMU_PLUGIN_CB_NO_REGS,
                                                   NULL);
        qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
                                                   &icount.executed, 1);
        if (icount.slots)
            qemu_plugin_register_vcpu_insn_exec_inline(
                insn, QEMU_PLUGIN_INLINE_ADD_U64, &slot_of(qemu_plugin_insn_vaddr(insn))->count, 1);
    }
}

static void finished(qemu_plugin_id_t id, void *userdata)
{
    (void)id;
    (void)userdata;
    fprintf(icount.out, "total %" PRIu64 "\n", icount.executed);
    fclose(icount.out);
}

int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
    (void)info;
    const char *out = NULL, *profile = NULL;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "marker=", 7) == 0)
            icount.marker = strtoull(argv[i] + 7, NULL, 0) & ~1ull; /* Thumb bit */
        else if (strncmp(argv[i], "limit=", 6) == 0)
            icount.limit = strtoull(argv[i] + 6, NULL, 0);
        else if (strncmp(argv[i], "out=", 4) == 0)
            out = argv[i] + 4;
        else if (strncmp(argv[i], "profile=", 8) == 0)
            profile = argv[i] + 8;
        else if (strncmp(argv[i], "window=", 7) == 0)
            icount.window = strtoull(argv[i] + 7, NULL, 0);
        else {
            fprintf(stderr, "icount: unknown argument %s\n", argv[i]);
            return -1;
        }
    }
    icount.out = out ? fopen(out, "w") : stderr;
    if (!icount.out || !icount.marker) {
        fprintf(stderr, "icount: needs marker=ADDRESS and a writable out=FILE\n");
        return -1;
    }
    if (profile && (!(icount.profile = fopen(profile, "w")) ||
                    !(icount.slots = calloc(SLOTS, sizeof *icount.slots)))) {
        fprintf(stderr, "icount: cannot write the profile to %s\n", profile);
        return -1;
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
    qemu_plugin_register_atexit_cb(id, finished, NULL);
    return 0;
}
