/*
 * settings.h
 *		The extension's settings (GUCs), defined in causal.c.
 */
#ifndef CAUSAL_SETTINGS_H
#define CAUSAL_SETTINGS_H

extern bool causal_progress;
extern int	causal_blas_threads;
extern int	causal_max_memory_kb;

/* causal.simd: the instruction set of the hand-vectorized kernels */
typedef enum CausalSimd
{
	SIMD_AUTO,
	SIMD_AVX512,
	SIMD_AVX2,
	SIMD_GENERIC
} CausalSimd;
extern int	causal_simd;

#endif
