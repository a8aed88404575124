# SPDX-License-Identifier: MIT
# Warning and sanitizer flags shared by every target of the project.
add_compile_options(-Wall -Wextra)
if(PRJSIM_WERROR)
  add_compile_options(-Werror)
endif()
if(PRJSIM_SANITIZE)
  add_compile_options(-fsanitize=${PRJSIM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${PRJSIM_SANITIZE})
endif()
# Our own sources use the GNU/POSIX extensions of glibc (pthreads, posix_memalign, strdup).
add_compile_definitions(_GNU_SOURCE)
