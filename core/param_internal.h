/* param_internal.h — shared between param.c and param_table.c only. */
#ifndef PARAM_INTERNAL_H
#define PARAM_INTERNAL_H

#include "model.h"
#include "param.h"

extern const char *const *const param_loss_names;
extern const char *const *const param_method_names; /* in rs_method order */

/* RS_OK when name is auto or one of the generator's metric names; else RS_EINVAL with
 * "metric=NAME: allowed auto|... for GENERATOR" (param_check.c). The enum parse uses it
 * too, so that an unknown name lists the generator's metrics, not every generator's. */
rs_status param_metric_check(const model_ops *ops, const char *name, rs_error *err);

#endif
