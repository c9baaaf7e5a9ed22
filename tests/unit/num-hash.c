/*
 * num-hash - unit test of the hash table of hash.c, printing TAP.
 */
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "hash.h"

static int ntest, nfail;

/* Report one check. */
static void
ok(int cond, const char *what)
{
	ntest++;
	if (!cond)
		nfail++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", ntest, what);
}

int
main(void)
{
	struct hash *h = hash_new();
	struct buf k = { 0 };
	struct field f[4];
	char key[32];
	const char *p;
	size_t i, len, bad = 0;
	int added;

	ok(hash_count(h) == 0, "a new table is empty");
	ok(hash_get(h, "x", 1) == HASH_NONE, "a missing key is HASH_NONE");
	ok(hash_put(h, "", 0, &added) == 0 && added, "the empty key is a key");
	ok(hash_put(h, "", 0, &added) == 0 && !added, "and is found again");
	/* Enough keys to grow the table several times. */
	for (i = 1; i <= 100000; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		if (hash_put(h, key, strlen(key), &added) != i || !added)
			bad++;
	}
	ok(bad == 0, "keys are numbered densely in order of addition");
	for (i = 1, bad = 0; i <= 100000; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		if (hash_get(h, key, strlen(key)) != i)
			bad++;
	}
	ok(bad == 0, "every key is found after the table grew");
	p = hash_key(h, 4242, &len);
	ok(len == 5 && strcmp(p, "k4242") == 0, "hash_key gives the key back");
	ok(hash_get(h, "k4242\0", 6) == HASH_NONE,
	    "keys are compared with their length");
	ok(hash_count(h) == 100001, "hash_count counts the keys");

	/* Compound keys: ("a,b", "") differs from ("a", "b,") etc. */
	hash_join(&k, "a,b", 3);
	hash_join(&k, "", 0);
	i = hash_put(h, k.p, k.len, NULL);
	buf_reset(&k);
	hash_join(&k, "a", 1);
	hash_join(&k, "b,", 2);
	ok(hash_put(h, k.p, k.len, NULL) != i, "joined keys do not collide");
	ok(hash_split(k.p, k.len, f, 4) == 2 && f[0].len == 1 &&
	    memcmp(f[0].p, "a", 1) == 0 && f[1].len == 2 &&
	    memcmp(f[1].p, "b,", 2) == 0, "hash_split cuts a joined key back");
	ok(hash_split(k.p, k.len, f, 1) == 1, "hash_split stops at n fields");
	buf_free(&k);
	hash_free(h);
	printf("1..%d\n", ntest);
	return nfail != 0;
}
