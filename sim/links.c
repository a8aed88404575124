/* SPDX-License-Identifier: MIT */
/*
 * Hard links that cross the root boundary (docs/behaviour/links.md): on NTFS a link is another
 * name of the same file record, so a placeholder linked to a name outside its root is still a
 * placeholder of that root's provider. Whatever needs the provider through the outside name
 * goes through the name inside the root.
 */
#include "internal.h"

prjsim__item *prjsim__item_projected_name(prjsim__item *item)
{
    if (prjsim__item_root(item))
        return item;
    for (prjsim__item *o = prjsim__rare(item)->link_next; o && o != item; o = prjsim__rare(o)->link_next)
        if (prjsim__item_root(o) && prjsim__item_in_tree(o))
            return o;
    return item;
}
