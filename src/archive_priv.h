/*
 * archive_priv.h - the bottom of the chart loader: an in-memory file list
 * and the .tgz reader that fills it (archive.c). Nothing here depends on
 * the chart model; chart.c builds charts from a FileList.
 * Mirrors helm v4.1.4 pkg/chart/loader/archive (BufferedFile, the size
 * limits, LoadArchiveFiles).
 */
#ifndef CHARTC_ARCHIVE_PRIV_H
#define CHARTC_ARCHIVE_PRIV_H
#include "chartc/chart.h"

#define CC_MAX_FILE_SIZE  (5 * 1024 * 1024)      /* archive.MaxDecompressedFileSize */
#define CC_MAX_CHART_SIZE (100 * 1024 * 1024)    /* archive.MaxDecompressedChartSize */

/* A growable list of (name, bytes) pairs: Helm's []*archive.BufferedFile.
 * The array doubles; names and data live in the arena. */
typedef struct FileList { CFile *v; int n, cap; } FileList;
void filelist_add(FileList *fl, const char *name, const char *data, size_t len);

/* archive.LoadArchiveFiles of an in-memory .tgz: Go's compress/gzip and
 * archive/tar semantics, the first path component stripped, Helm's path
 * checks and size limits. NULL, or the error text Helm prints. */
const char *archive_load_files(const char *data, size_t len, FileList *out);

#endif
