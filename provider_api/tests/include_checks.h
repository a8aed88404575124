/* SPDX-License-Identifier: MIT */
/*
 * include_checks.h: functions defined by the translation units that include
 * the provider headers in unusual orders, so that the Criterion tests can
 * check what those units saw.
 */
#ifndef PRJSIM_PROVIDER_API_TESTS_INCLUDE_CHECKS_H
#define PRJSIM_PROVIDER_API_TESTS_INCLUDE_CHECKS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* From include_alone.c, which includes <projectedfslib.h> and nothing else. */
size_t include_alone_sizeof_callbacks(void);
size_t include_alone_sizeof_placeholder_info(void);
int32_t include_alone_hresult_file_not_found(void);

/*
 * From include_ntstatus_first.c, which includes <ntstatus.h> before
 * <windows.h> and then redefines a few codes identically, as providers do.
 */
int32_t include_ntstatus_first_hresult_cannot_delete(void);
int32_t include_ntstatus_first_status_object_name_not_found(void);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_PROVIDER_API_TESTS_INCLUDE_CHECKS_H */
