/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/sal.h: Microsoft source-code annotations (SAL), all empty.
 *
 * SAL only feeds MSVC's static analyser; GCC and Clang have no use for it.
 * Every annotation that projectedfslib.h uses is here, plus the ones the
 * surveyed providers use in their own code, plus the old SAL 1 spellings.
 * Add more as providers need them; each one is a single empty macro.
 */
#ifndef PRJSIM_WIN_SAL_H
#define PRJSIM_WIN_SAL_H

/* Plain parameters. */
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _Out_
#define _Out_opt_
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Reserved_

/* Buffers with a size. */
#define _In_reads_(n)
#define _In_reads_opt_(n)
#define _In_reads_bytes_(n)
#define _In_reads_bytes_opt_(n)
#define _Out_writes_(n)
#define _Out_writes_opt_(n)
#define _Out_writes_z_(n)
#define _Out_writes_bytes_(n)
#define _Out_writes_bytes_opt_(n)
#define _Out_writes_to_(n, c)
#define _Out_writes_bytes_to_(n, c)
#define _Inout_updates_(n)
#define _Inout_updates_bytes_(n)

/* Pointers to pointers. */
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_result_buffer_(n)
#define _Outptr_result_bytebuffer_(n)

/* Return values and functions. */
#define _Check_return_
#define _Must_inspect_result_
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Success_(expr)
#define _Function_class_(name)
#define _Use_decl_annotations_
#define _When_(cond, annos)
#define _Pre_
#define _Post_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Post_invalid_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Post_writable_byte_size_(n)
#define _Analysis_assume_(expr)

/* Strings and fields. */
#define _Null_terminated_
#define _NullNull_terminated_
#define _Printf_format_string_
#define _Field_size_(n)
#define _Field_size_opt_(n)
#define _Field_size_bytes_(n)
#define _Field_size_bytes_opt_(n)
#define _Field_range_(lo, hi)

/* Locking annotations. */
#define _Acquires_lock_(lock)
#define _Releases_lock_(lock)
#define _Requires_lock_held_(lock)
#define _Guarded_by_(lock)

/*
 * SAL 1 spellings, still found in older C providers. C only: libstdc++ uses
 * __in and __out as parameter names in its algorithm and string templates,
 * so in C++ these macros would break <algorithm> and <string> included after
 * <windows.h>. (glibc's C prototypes also name parameters __in and __out,
 * which an empty macro merely leaves unnamed.)
 */
#ifndef __cplusplus
#define __in
#define __in_opt
#define __out
#define __out_opt
#define __inout
#define __inout_opt
#endif

#endif /* PRJSIM_WIN_SAL_H */
