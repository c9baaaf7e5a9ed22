/*
 * date.h - calendar dates as day numbers (proleptic Gregorian), for the
 * dates of birth in rosters and the date cells of workbooks; the year
 * column of records.
 */
#ifndef DATE_H
#define DATE_H

#include <stddef.h>

long	 date_days(int y, int m, int d);
void	 date_civil(long days, int *y, int *m, int *d);
int	 date_year(const char *, size_t);

#endif /* DATE_H */
