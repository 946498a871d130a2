/* batch_format.h — the pieces of a batch row shared by the sweep rows (batch.c) and the
 * learning rows (batch_learning.c): numbers, flags and the leading key column. */
#ifndef BATCH_FORMAT_H
#define BATCH_FORMAT_H

#include <stdio.h>

#include "model.h"

/* x as %.12g; non-finite values as nan / inf / -inf in CSV and null in JSON. */
void batch_format_number(FILE *out, double x, int json);

/* The names of the set bits of flags (ops->flag_names) joined by '|', nothing when none. */
void batch_format_flags(FILE *out, const model_ops *ops, unsigned flags);

/* The end of a sweep row from "run" and the method on: method m's metrics of cell and its
 * flags, then the row's end ("}" in JSON, a newline in CSV). Shared by the 1-D and the
 * phase-map rows, whose leading key columns differ. */
void batch_format_row_tail(FILE *out, const model_ops *ops, size_t run, int m,
                           const sweep_cell *cell, int json);

/* The swept key's value: integer keys as integers, others as batch_format_number. */
void batch_format_key_value(FILE *out, double value, int integer_key, int json);

/* The progress line on stderr (a sweep_progress_fn). */
void batch_format_progress(void *pctx, size_t done, size_t total);

#endif
