/* test_param.c — the parameter table: parse, format, ranges and cross-key checks. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "param.h"

Test(param, defaults_round_trip_through_text)
{
    rs_params p, q;
    param_defaults(&p, GEN_RELU);
    param_defaults(&q, GEN_RELU);
    for (size_t i = 0; i < param_count; i++) {
        char buf[512];
        param_format(&p, (int)i, buf, sizeof buf);
        cr_assert_eq(param_parse(&q, (int)i, buf, NULL), RS_OK, "%s=%s", param_table[i].key, buf);
    }
    cr_assert(memcmp(&p, &q, sizeof p) == 0);
}

Test(param, rejects_bad_values_with_key_value_and_allowed)
{
    rs_params p;
    param_defaults(&p, GEN_RELU);
    rs_error err;
    const struct {
        const char *key, *value, *needle;
    } bad[] = {
        {"n", "abc", "n=abc: allowed an integer from 1"},
        {"n", "0", "n=0"},
        {"n", "2.5", "n=2.5"},
        {"kappa", "nan", "kappa=nan: allowed a number from 1"},
        {"kappa", "0.5", "kappa=0.5"},
        {"estimator", "magic",
         "estimator=magic: allowed one of sgd|mle|median|svd|truncated|censored|moments"},
        {"compare", "sgd,foo", "compare=sgd,foo"},
        {"sweep", "runs", "sweep=runs"},
        {"sweep_values", "1,,2", "sweep_values=1,,2"},
        {"d", "1e9", "d=1e9"},
        {"n", "0x10", "n=0x10"},
        {"kappa", "0x1p3", "kappa=0x1p3"},
        {"kappa", "inf", "kappa=inf"},
        {"kappa", "1e400", "kappa=1e400"},
        {"kappa", "-", "kappa=-"},
        {"kappa", "", "kappa=: allowed"},
        {"kappa", "2e", "kappa=2e"},
        {"sweep_values", "1,0x20", "sweep_values=1,0x20"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(param_parse(&p, param_find(bad[i].key), bad[i].value, &err), RS_EINVAL);
        cr_assert(strstr(err.msg, bad[i].needle), "'%s' lacks '%s'", err.msg, bad[i].needle);
    }
}

Test(param, cross_checks)
{
    rs_params p;
    rs_error err;
    param_defaults(&p, GEN_RELU);
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s", err.msg);
    p.k = 9; /* k > d = 5 */
    cr_assert_eq(param_check(&p, &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "k=9"));
    param_defaults(&p, GEN_RELU);
    param_parse(&p, param_find("estimator"), "svd", NULL);
    cr_assert_eq(param_check(&p, &err), RS_EINVAL);
    param_defaults(&p, GEN_RELU);
    param_parse(&p, param_find("sweep"), "d", NULL);
    param_parse(&p, param_find("sweep_values"), "5,9,0", NULL);
    cr_assert_eq(param_check(&p, &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "d=0"), "%s", err.msg);
}

/* issue 16: the method key set after compare replaces the list (it is never ignored),
 * compare set afterwards runs its list; the checks see what runs. */
Test(param, method_key_and_compare_later_wins)
{
    rs_params p;
    rs_error err;
    param_defaults(&p, GEN_TEACHER);
    cr_assert_neq(p.compare, 0u, "teacher compares by default");
    cr_assert_eq(param_parse(&p, param_find("loss"), "llsfe", &err), RS_OK);
    cr_assert_eq(param_methods(&p), 1u << METHOD_LLSFE);
    cr_assert_eq(param_parse(&p, param_find("d"), "17", &err), RS_OK);
    cr_assert_eq(param_check(&p, &err), RS_EINVAL, "llsfe's d <= 16 is checked");
    cr_assert(strstr(err.msg, "d=17") && strstr(err.msg, "16") && strstr(err.msg, "llsfe"), "%s",
              err.msg);
    cr_assert_eq(param_parse(&p, param_find("compare"), "l2,ge", &err), RS_OK);
    cr_assert_eq(param_methods(&p), (1u << METHOD_L2) | (1u << METHOD_GE));
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s", err.msg);
    param_defaults(&p, GEN_MATRIX);
    cr_assert_eq(param_parse(&p, param_find("estimator"), "svd", &err), RS_OK);
    cr_assert_eq(param_methods(&p), 1u << METHOD_SVD);
    /* The same key of another generator does not touch compare. */
    param_defaults(&p, GEN_TEACHER);
    cr_assert_eq(param_parse(&p, param_find("estimator"), "mle", &err), RS_OK);
    cr_assert_neq(p.compare, 0u);
}

Test(param, keys_and_views_of_another_generator_are_refused)
{
    rs_error err;
    cr_assert_eq(param_check_key(param_find("mu"), GEN_RELU, "5", &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "mu=5: not a key of generator relu; allowed only with teacher"), "%s",
              err.msg);
    cr_assert_eq(param_check_key(param_find("estimator"), GEN_MATRIX, "svd", &err), RS_OK);
    cr_assert_eq(param_check_key(param_find("n"), GEN_QUADRATIC, "5", &err), RS_OK);
    rs_params p;
    param_defaults(&p, GEN_QUADRATIC);
    cr_assert_eq(param_parse(&p, param_find("view"), "learning", &err), RS_OK);
    cr_assert_eq(param_check(&p, &err), RS_EINVAL);
    cr_assert(
        strstr(err.msg, "view=learning: allowed curves|angles|landscape|data|phase for quadratic"),
        "%s", err.msg);
}

Test(param, sweep_values_log_spaced_and_rounded)
{
    rs_params p;
    param_defaults(&p, GEN_RELU);
    param_parse(&p, param_find("sweep"), "n", NULL);
    p.sweep_from = 1e4;
    p.sweep_to = 1e6;
    p.sweep_steps = 3;
    p.sweep_scale = SWEEP_LOG;
    double v[PARAM_MAX_LIST];
    cr_assert_eq(param_sweep_values(&p, v), 3);
    cr_assert_eq(v[0], 1e4);
    cr_assert_eq(v[1], 1e5);
    cr_assert_eq(v[2], 1e6);
}

/* Two settings give one sweep unless a key that changes a cell differs: threads and view
 * do not count, n does, and a skipped key (the swept one) is passed over. */
Test(param, first_cell_difference)
{
    rs_params a, b;
    rs_error e;
    param_defaults(&a, GEN_RELU);
    param_defaults(&b, GEN_RELU);
    cr_assert_eq(param_first_cell_difference(&a, &b, -1), -1);
    cr_assert_eq(param_parse(&b, param_find("threads"), "2", &e), RS_OK);
    cr_assert_eq(param_parse(&b, param_find("view"), "angles", &e), RS_OK);
    cr_assert_eq(param_first_cell_difference(&a, &b, -1), -1, "threads and view change no cell");
    cr_assert_eq(param_parse(&b, param_find("n"), "777", &e), RS_OK);
    cr_assert_eq(param_first_cell_difference(&a, &b, -1), param_find("n"));
    cr_assert_eq(param_first_cell_difference(&a, &b, param_find("n")), -1);
    cr_assert_eq(param_parse(&b, param_find("kappa"), "3", &e), RS_OK);
    cr_assert_eq(param_first_cell_difference(&a, &b, param_find("n")), param_find("kappa"));
}
