/*
 * estimand.c
 *		Reads the estimand argument (see estimand.h).
 */
#include "postgres.h"

#include "core/sql_args.h"
#include "estimate/estimand.h"

/* The code of estimand s among the allowed ones (bits: 1 ATT, 2 ATC, 4 ATE). */
int
estimand_parse(const char *s, const char *fn, int allowed)
{
	static const int code[] = {ESTIMAND_ATT, ESTIMAND_ATC, ESTIMAND_ATE};
	static const char *const name[] = {"ATT", "ATC", "ATE"};
	const char *choices[4];
	int			which[3],
				m = 0;

	/* in the order the messages list them: ATE first when it is allowed */
	if (allowed & 4)
	{
		which[m] = 2;
		choices[m++] = name[2];
	}
	for (int i = 0; i < 2; i++)
		if (allowed & (1 << i))
		{
			which[m] = i;
			choices[m++] = name[i];
		}
	choices[m] = NULL;
	return code[which[sql_args_choice(s, fn, "estimand", choices)]];
}

/* "ATT", "ATC" or "ATE". */
const char *
estimand_name(int code)
{
	return code == ESTIMAND_ATT ? "ATT" : (code == ESTIMAND_ATC ? "ATC" : "ATE");
}
