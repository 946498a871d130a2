/* machine.c — thread count and memory check from the machine's own figures. */
#include "machine.h"

#include <stdint.h>
#include <unistd.h>

#include "model.h"

size_t machine_threads(const rs_params *p)
{
    if (p->threads > 0)
        return p->threads;
    const long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

rs_status machine_memory_check(const rs_params *p, rs_error *err)
{
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    const uint64_t avail = pages > 0 && page > 0 ? (uint64_t)pages * (uint64_t)page : 0;
    return model_memory_check(p, machine_threads(p), avail, err);
}
