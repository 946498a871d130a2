/* param_internal.h — shared between param.c and param_table.c only. */
#ifndef PARAM_INTERNAL_H
#define PARAM_INTERNAL_H

#include "param.h"

typedef struct {
    rs_generator gen;
    const char *key, *value;
} param_gen_default;

extern const param_gen_default param_gen_defaults[];
extern const size_t param_gen_default_count;
extern const char *const *const param_loss_names;

#endif
