/*
 * date.c - calendar dates as day numbers (see date.h), after Howard
 * Hinnant's days_from_civil and civil_from_days.
 */
#include "date.h"

/* Days from 1970-01-01 to y-m-d. */
long
date_days(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date *y-*m-*d that is days days from 1970-01-01. */
void
date_civil(long days, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The year in p[0..len) when it is exactly four digits, else -1. */
int
date_year(const char *p, size_t len)
{
	size_t i;
	int y = 0;

	if (len != 4)
		return -1;
	for (i = 0; i < 4; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		y = y * 10 + (p[i] - '0');
	}
	return y;
}
