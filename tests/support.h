/* support.h — helpers shared by the Criterion suites (header-only: each test binary is
 * one file). */
#ifndef SUPPORT_H
#define SUPPORT_H

#include <criterion/criterion.h>

#include "param.h"

/* Parse value into key of p; the test fails with the parser's line when it is refused. */
static inline void support_set(rs_params *p, const char *key, const char *value)
{
    const int i = param_find(key);
    cr_assert_geq(i, 0, "unknown key %s", key);
    rs_error e;
    cr_assert_eq(param_parse(p, i, value, &e), RS_OK, "%s=%s: %s", key, value, e.msg);
}

#endif
