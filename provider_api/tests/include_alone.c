/* SPDX-License-Identifier: MIT */
/*
 * include_alone.c: <projectedfslib.h> must compile on its own. Real providers
 * include <windows.h> first; ours pulls it in itself, and this unit proves it.
 */
#include <projectedfslib.h>

#include "include_checks.h"

size_t include_alone_sizeof_callbacks(void)
{
    return sizeof(PRJ_CALLBACKS);
}

size_t include_alone_sizeof_placeholder_info(void)
{
    return sizeof(PRJ_PLACEHOLDER_INFO);
}

int32_t include_alone_hresult_file_not_found(void)
{
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}
