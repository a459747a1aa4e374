/*
 * nls_shim.c
 *		Preloaded with the sanitizer runtime for `make check-asan` only.
 *
 * Debian 12's glibc deadlocks in bindtextdomain() (on _nl_state_lock) when
 * AddressSanitizer's runtime is preloaded into an uninstrumented postgres,
 * so the server hangs before it starts.  The test cluster runs with the C
 * locale and needs no message catalogues, so binding them is skipped.
 */
#include <stddef.h>

char	   *bindtextdomain(const char *domain, const char *dirname);
char	   *bind_textdomain_codeset(const char *domain, const char *codeset);

/* Pretends to bind a message catalogue directory. */
char *
bindtextdomain(const char *domain, const char *dirname)
{
	(void) domain;
	return (char *) dirname;
}

/* Pretends to bind a catalogue codeset. */
char *
bind_textdomain_codeset(const char *domain, const char *codeset)
{
	(void) domain;
	return (char *) codeset;
}
