/* Hashing constants.
 *
 * Numeric hashes are CPython's: reduction modulo the Mersenne prime
 * 2^OBJ_HASH_BITS - 1 (2^31 - 1 on 32-bit targets, 2^61 - 1 on 64-bit hosts),
 * so equal ints and floats hash alike and match CPython on the same word size.
 * A hash is never -1 (that means error): -1 becomes -2. */
#ifndef OBJ_HASH_H
#define OBJ_HASH_H

#include <stddef.h>

#define OBJ_HASH_BITS    (sizeof(void *) == 8 ? 61 : 31)
#define OBJ_HASH_MODULUS (((size_t)1 << OBJ_HASH_BITS) - 1)
#define OBJ_HASH_INF     314159

#endif /* OBJ_HASH_H */
