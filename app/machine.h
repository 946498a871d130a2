/* machine.h — what the app knows of the machine it runs on (core reads no system state):
 * the thread count a computation uses and the memory check before it starts. */
#ifndef MACHINE_H
#define MACHINE_H

#include <stddef.h>

#include "param.h"
#include "rs.h"

/* The thread count to use (threads = 0: all online cores). */
size_t machine_threads(const rs_params *p);

/* model_memory_check with this machine's threads and physical memory: refuses, before
 * allocating, a computation whose jobs in flight would not fit (RS_ENOMEM, one line). */
rs_status machine_memory_check(const rs_params *p, rs_error *err);

#endif
