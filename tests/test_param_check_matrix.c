/* test_param_check_matrix.c — bad inputs of the matrix generator give one line naming the
 * key, the value and what is allowed. */
#include <criterion/criterion.h>

#include <string.h>

#include <gsl/gsl_errno.h>

#include "param.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(param_check_matrix, .init = setup);

static rs_params defaults(void)
{
    rs_params p;
    param_defaults(&p, GEN_MATRIX);
    return p;
}

static void expect_refused(const rs_params *p, const char *needle)
{
    rs_error err;
    cr_assert_eq(param_check(p, &err), RS_EINVAL, "expected a refusal naming %s", needle);
    cr_assert(strstr(err.msg, needle) != NULL, "'%s' does not name %s", err.msg, needle);
    cr_assert(strchr(err.msg, '\n') == NULL, "one line only: '%s'", err.msg);
    cr_assert(strstr(err.msg, "allowed") != NULL, "says what is allowed: '%s'", err.msg);
}

Test(param_check_matrix, defaults_pass)
{
    rs_params p = defaults();
    rs_error err;
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s", err.msg);
    cr_assert_eq(p.k, 5);
    cr_assert_eq(param_methods(&p), (1u << METHOD_MLE) | (1u << METHOD_SVD));
}

Test(param_check_matrix, k_above_min_d_n)
{
    rs_params p = defaults();
    p.k = 51; /* > d = 50 */
    expect_refused(&p, "k=51");
    p = defaults();
    p.n = 3; /* k = 5 > n */
    expect_refused(&p, "k=5");
}

Test(param_check_matrix, n_below_one)
{
    rs_params p = defaults();
    rs_error err;
    cr_assert_eq(param_parse(&p, param_find("n"), "0", &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "n=0") != NULL, "%s", err.msg);
    p.n = 0; /* set directly, past the parser */
    expect_refused(&p, "n=0");
}

Test(param_check_matrix, unknown_latent)
{
    rs_params p = defaults();
    rs_error err;
    cr_assert_eq(param_parse(&p, param_find("latent"), "laplace", &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "latent=laplace") != NULL, "%s", err.msg);
    cr_assert(strstr(err.msg, "gaussian|uniform|sparse") != NULL, "%s", err.msg);
    p.latent = 7;
    expect_refused(&p, "latent=7");
}

Test(param_check_matrix, other_keys)
{
    rs_params p = defaults();
    p.bias_scale = 0.0;
    expect_refused(&p, "bias_scale=0");
    p = defaults();
    p.compare = 1u << METHOD_SGD;
    expect_refused(&p, "compare=sgd");
    p = defaults();
    p.compare = 0;
    p.estimator = METHOD_MEDIAN;
    expect_refused(&p, "estimator=median");
    p = defaults();
    rs_error err;
    cr_assert_eq(param_parse(&p, param_find("sweep"), "k", &err), RS_OK);
    cr_assert_eq(param_parse(&p, param_find("sweep_values"), "2,5,80", &err), RS_OK);
    expect_refused(&p, "k=80");
}
