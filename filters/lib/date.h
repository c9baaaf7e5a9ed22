/*
 * date.h - calendar dates as day numbers (proleptic Gregorian), for the
 * dates of birth in rosters and the date cells of workbooks.
 */
#ifndef DATE_H
#define DATE_H

long	 date_days(int y, int m, int d);
void	 date_civil(long days, int *y, int *m, int *d);

#endif /* DATE_H */
