/* SPDX-License-Identifier: MIT */
/*
 * Windows: windows/projfs_dll.c defines every Prj* function as a forwarder into
 * ProjectedFSLib.dll and records each call (recording.c) on the way, so a program linked with
 * prjsim_projfs_dll instead of ProjectedFSLib.lib always goes through the recorder.
 */
#include "recording_internal.h"

#include <stdlib.h>

HRESULT prjsim_recording_attach(prjsim_recording *rec)
{
    prjsim__rec_set_attached(rec);
    return S_OK;
}

/* PRJSIM_RECORD's file, named in UTF-16: a temporary folder may have any name. */
FILE *prjsim__rec_env_open(void)
{
    const wchar_t *path = _wgetenv(L"PRJSIM_RECORD");
    return path && path[0] ? _wfopen(path, L"wb") : NULL; /* "b": the same bytes as on Linux */
}
