/*
 * settings.h
 *		The extension's settings (GUCs), defined in causal.c.
 */
#ifndef CAUSAL_SETTINGS_H
#define CAUSAL_SETTINGS_H

extern bool causal_progress;
extern int	causal_blas_threads;
extern int	causal_max_memory_kb;

#endif
