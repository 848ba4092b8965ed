/* Between the sandbox's parts: its limits (sandbox.c), the allow-listed
 * library (sandbox_env.c) and the clock (watchdog.c). */
#ifndef EDUSHELL_LUA_SANDBOX_PRIVATE_H
#define EDUSHELL_LUA_SANDBOX_PRIVATE_H

#include "edushell/lua/sandbox.h"

/* Cuts the state's globals down to the allow-list (a protected call);
 * the file functions left check es_sandbox_of(L)'s readable paths. */
int sandbox_restrict_library(lua_State *L, es_err *err);

#endif
