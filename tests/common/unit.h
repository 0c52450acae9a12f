/* Portable unit tests: one source runs under cmocka on the host
 * (tests/unit/test_objects.c) and under a small runner in QEMU
 * (tests/target/unit_main.c), so the object tests run on both.
 *
 * A test file in tests/objects/ defines its tests and a suite:
 *
 *     static void test_small_ints_are_cached(void) { CHECK(...); }
 *     UNIT_SUITE(int, UNIT_TEST(test_small_ints_are_cached), ...);
 *
 * and that is all: the build compiles every .c file there, and UNIT_SUITE
 * puts a pointer to the suite in the linker section unit_suites, which both
 * runners walk (unit_runner.h), in link order. Before each test the
 * runner records the heap (mm bytes in use and live objects); after it, the
 * test fails if either differs, naming the types with live objects left over.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stddef.h>

struct unit_test {
    const char *name;
    void (*fn)(void);
};

struct unit_suite {
    const char *name;
    const struct unit_test *tests; /* ends with a NULL name */
};

#define UNIT_TEST(fn)                                                                              \
    {                                                                                              \
#fn, fn                                                                                    \
    }
#define UNIT_SUITE(suite, ...)                                                                     \
    static const struct unit_test unit_tests_##suite[] = {__VA_ARGS__, {0, 0}};                    \
    static const struct unit_suite unit_suite_##suite = {#suite, unit_tests_##suite};              \
    static const struct unit_suite *const unit_suite_ref_##suite                                   \
        __attribute__((used, section("unit_suites"))) = &unit_suite_##suite

/* Report a failed check and end the current test (does not return). */
_Noreturn void unit_fail(const char *file, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            unit_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);                                     \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long unit_a_ = (long long)(a), unit_b_ = (long long)(b);                              \
        if (unit_a_ != unit_b_)                                                                    \
            unit_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, unit_a_, unit_b_);     \
    } while (0)

/* Compare a C string with an expected one (both NUL-terminated). */
#define CHECK_STREQ(a, b) unit_check_streq(__FILE__, __LINE__, #a, (a), (b))
void unit_check_streq(const char *file, int line, const char *expr, const char *got,
                      const char *want);

/* The object under test must not be NULL; on NULL the failure names the error set. */
#define CHECK_OBJ(o) unit_check_obj(__FILE__, __LINE__, #o, (o))
void *unit_check_obj(const char *file, int line, const char *expr, void *o);

/* Allocation-failure injection, driven from mm (its MM_FAULT_INJECTION
 * countdown): the n-th mm allocation from now (0 = the next one) and every
 * later one fail, so obj_mem_alloc's collect-and-retry fails too; -1
 * disables. The runner disables it after every test. */
void unit_fail_alloc_after(long n);

/* Fail every mm allocation of an operation in turn. For n = 1, 2, ... op(arg)
 * runs twice: with the n-th mm allocation failing once, when the runtime's
 * collect-and-retry must recover (op must succeed), and with the n-th and
 * every later one failing (op must succeed or fail with MemoryError, which
 * is cleared). After each run the heap must be as before it (op releases
 * what it made, whether it succeeded or not: same mm bytes in use and live
 * objects once the free lists are emptied) and mm_check must pass. Stops
 * at the first n that op does not reach and returns the number of
 * allocations op makes. op returns 0 on success, -1 with an error set. */
#define UNIT_EACH_FAILURE(op, arg) unit_each_failure(__FILE__, __LINE__, (op), (arg))
unsigned long unit_each_failure(const char *file, int line, int (*op)(void *), void *arg);

/* Test data file tests/data/<name> (embedded in the target image); NULL if
 * absent. The bytes are followed by a NUL. */
const char *unit_data(const char *name, size_t *len);

/* A portable "printf to the test log" (stdout on the host, the UART in QEMU). */
void unit_log(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Scale factor for long-running loops: 1 on the host, smaller in QEMU. Tests
 * that do N random cases use N / unit_scale(). */
unsigned unit_scale(void);

#endif /* UNIT_H */
