/* param_internal.h — shared between param.c and param_table.c only. */
#ifndef PARAM_INTERNAL_H
#define PARAM_INTERNAL_H

#include "param.h"

extern const char *const *const param_loss_names;
extern const char *const *const param_method_names; /* in rs_method order */

#endif
