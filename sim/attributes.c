/* SPDX-License-Identifier: MIT */
/*
 * Attributes ProjFS adds or hides (docs/behaviour/attributes.md): what a caller sees is not
 * always what the provider gave or what is stored. One place decides it for listings and for
 * file information.
 */
#include "internal.h"

/* Bits only the file system sets: a provider or a caller cannot store them. */
#define SYNTHETIC_BITS (FILE_ATTRIBUTE_RECALL_ON_OPEN | FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS)

UINT32 prjsim__attributes_of_new_placeholder(UINT32 provided, bool is_dir)
{
    /* OFFLINE is reported while the item is virtual only (section 11.2). */
    UINT32 a = provided & ~(UINT32)(SYNTHETIC_BITS | FILE_ATTRIBUTE_OFFLINE);
    return is_dir ? a | FILE_ATTRIBUTE_DIRECTORY : a & ~(UINT32)FILE_ATTRIBUTE_DIRECTORY;
}

UINT32 prjsim__attributes_of_virtual_entry(UINT32 provided, bool is_dir, bool symlink)
{
    UINT32 a = provided & ~(UINT32)SYNTHETIC_BITS;
    a = is_dir ? a | FILE_ATTRIBUTE_DIRECTORY : a & ~(UINT32)FILE_ATTRIBUTE_DIRECTORY;
    /* The filter marks every entry it has not got on disk (section 11.2). */
    a |= FILE_ATTRIBUTE_RECALL_ON_OPEN;
    return symlink ? a | FILE_ATTRIBUTE_REPARSE_POINT : a;
}

UINT32 prjsim__attributes_visible(const prjsim__item *item)
{
    UINT32 a = item->info.FileAttributes & ~(UINT32)SYNTHETIC_BITS;
    bool symlink = prjsim__rare(item)->symlink_target != NULL;
    if (!(item->state & ITEM_PLACEHOLDER) || (item->state & ITEM_FULL) || prjsim__rare(item)->root)
        return a;
    /* Placeholders hide their reparse point "for app compat"; symlinks show it (11.2, 6.13). */
    if (!symlink)
        a &= ~(UINT32)FILE_ATTRIBUTE_REPARSE_POINT;
    /* A placeholder file whose data is not local recalls it on access; dirty metadata does not
     * change that. A hydrated placeholder's data is local: no flag (docs/behaviour/attributes.md). */
    if (!(item->state & (ITEM_DIR | ITEM_HYDRATED)) && !symlink)
        a |= FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS;
    return a;
}

UINT32 prjsim__attributes_settable(UINT32 requested)
{
    return requested & ~(UINT32)(SYNTHETIC_BITS | FILE_ATTRIBUTE_NORMAL);
}
