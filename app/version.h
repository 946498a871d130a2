/* version.h — the release and the commit reluscope was built from (--version, the batch
 * header, the manual). The commit is stamped at build time by meson's vcs_tag from
 * `git describe`; a tree without git gives "unknown". */
#ifndef VERSION_H
#define VERSION_H

/* The release, e.g. "0.1.0" (meson's project version). Static storage. */
const char *version_release(void);

/* The commit, e.g. "04fab52c1d2e" or "04fab52c1d2e-dirty", or "unknown". Static storage. */
const char *version_commit(void);

/* "0.1.0 (commit 04fab52c1d2e)": what --version prints after the program name and what the
 * batch header records. Static storage. */
const char *version_line(void);

#endif
