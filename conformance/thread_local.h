/* SPDX-License-Identifier: MIT */
/*
 * PRJSIM_THREAD_LOCAL: C11's _Thread_local, which MSVC spells __declspec(thread) (MSVC's C11 mode
 * has no threads support; __declspec(thread) applies to static-extent data only:
 * learn.microsoft.com, "Thread Local Storage (TLS)"). For the parts of the suite that also build
 * for Windows: the recording layer and the client agent.
 */
#ifndef PRJSIM_THREAD_LOCAL_H
#define PRJSIM_THREAD_LOCAL_H

#if defined(_MSC_VER) && !defined(__clang__)
#define PRJSIM_THREAD_LOCAL __declspec(thread)
#else
#define PRJSIM_THREAD_LOCAL _Thread_local
#endif

#endif
