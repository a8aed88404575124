/* SPDX-License-Identifier: MIT */
/* Prints who this thread's client operations are: the host marks the entry thread's I/O as the provider's own. */
#include <prjsim.h>
#include <stdio.h>

int main(void)
{
    prjsim_caller c = prjsim_client_get_caller();
    printf("is_provider=%d pid=%u image=%ls\n", c.is_provider ? 1 : 0, (unsigned)c.process_id,
           c.image_file_name ? c.image_file_name : L"(null)");
    return c.is_provider ? 0 : 1;
}
