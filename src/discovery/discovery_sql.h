/*
 * discovery_sql.h
 *		Helpers shared by the SQL entry points of the discovery algorithms.
 */
#ifndef CAUSAL_DISCOVERY_SQL_H
#define CAUSAL_DISCOVERY_SQL_H

#include "fmgr.h"

/* Node names from the text[] argument argno (k of them), or x1..xk when it is NULL. */
extern char **discovery_node_names(FunctionCallInfo fcinfo, int argno, int k);

#endif
