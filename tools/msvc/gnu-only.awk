# SPDX-License-Identifier: MIT
# Used by tools/msvc-dialect-check.sh: clang cannot see these, as mingw-w64's headers need
# __GNUC__ defined; MSVC has none of them, so each must sit inside an #if naming a compiler.
# Prints every GNU-only spelling (and C11 _Thread_local, which MSVC spells __declspec(thread):
# conformance/thread_local.h) outside such an #if and fails. strcasecmp is POSIX <strings.h>
# (windows/msvc/strings.h stands in for MSVC): a file using it must include that header.
FNR == 1 { strings_h = 0 }
/^[ \t]*#[ \t]*include[ \t]*<strings\.h>/ { strings_h = 1 }
/(^|[^A-Za-z0-9_])strn?casecmp[ \t]*\(/ && !strings_h { print FILENAME ":" FNR ": strcasecmp without #include <strings.h>: " $0; bad = 1 }
/^[ \t]*#[ \t]*if/ { stack[++depth] = ($0 ~ /__GNUC__|__MINGW32__|_MSC_VER|__clang__/) ; next }
/^[ \t]*#[ \t]*(else|elif)/ { if (depth) stack[depth] = stack[depth] || ($0 ~ /__GNUC__|__MINGW32__|_MSC_VER|__clang__/); next }
/^[ \t]*#[ \t]*endif/ { if (depth) depth--; next }
/__attribute__|__builtin_|__typeof__|(^|[^A-Za-z0-9_])typeof[ \t]*\(|_Thread_local/ {
  guarded = 0; for (i = 1; i <= depth; i++) if (stack[i]) guarded = 1
  if (!guarded && $0 !~ /^[ \t]*(\/\*|\*)/) { print FILENAME ":" FNR ": " $0; bad = 1 }
}
END { exit bad }
