/*
 * report.h - the parts of cbcc-report and the model they share.
 *
 *	report.c	main, and the loading of the inputs into the model
 *	report-model.c	queries on the model, the Vietnamese sentences
 *	report-text.c	--format text
 *	report-md.c	--format md
 *	report-html.c	--format html, with the SVG charts
 *	report-xlsx.c	--format xlsx
 *
 * The model: the aggregate's groups (a group: its key, the group columns
 * and values; its dimensions, each with the counts of its levels), the
 * diff's groups (rows of changes per dimension) and the record counts
 * (training against the plan), read whole before any output is written.
 * A part writes through putb() and builds its text with the sentences of
 * report-model.c, so that every format says the same thing.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>

#include "cbcc.h"
#include "lvl.h"

enum { TEXT, MD, HTML, XLSX };	/* --format */
enum { K_AGG, K_DIFF, K_RECORDS, K_SHORT };	/* kinds of input */

#define DEFTITLE	"Chất lượng đội ngũ cán bộ, công chức cấp xã"

/* What a diff without rows (the rosters of one year) says. */
#define NOEARLIER	"Không có năm trước để so sánh."

struct key {
	char		**col;	/* group column names */
	char		**val;	/* their values */
	size_t		 n;	/* how many */
};

struct lev {
	char		*code;	/* level code as read */
	long long	 count;	/* records at that level */
};

struct dim {
	char		*name;	/* dimension as read: "education" */
	const struct lvl_dim *ld; /* its code list, NULL if not a known one */
	long long	 total;	/* records in the group */
	struct lev	*lev;	/* levels in input order */
	size_t		 nlev;	/* how many */
};

struct grp {
	struct key	 k;	/* group columns and values */
	long long	 total;	/* total of its first dimension */
	struct dim	*dim;	/* dimensions in input order */
	size_t		 ndim;	/* how many */
};

/* A row of a diff: the level and its values, strings as read. */
enum { D_CF, D_CT, D_PF, D_PT, D_CC, D_PP, D_N };
struct drow {
	char		*level;		/* level code */
	char		*v[D_N];	/* count_from ... change_pp */
};

struct ddim {
	char		*name;		/* dimension */
	const struct lvl_dim *ld;	/* its code list or NULL */
	struct drow	*row;		/* rows in input order */
	size_t		 nrow;		/* how many */
};

struct dgrp {
	struct key	 k;		/* the other group columns */
	char		*yfrom, *yto;	/* the two years compared */
	struct ddim	*dim;		/* dimensions in input order */
	size_t		 ndim;		/* how many */
};

struct rrow {
	struct key	 k;		/* group columns */
	long long	 count;		/* participations */
	long long	 plan;		/* planned, -1 if none */
};

/* The people below the standard in force (--shortfall), per year and type. */
struct sfrow {
	char		*year;		/* the year, "" if none */
	char		*stype;		/* the staff type, NULL if no column */
	long long	 below;		/* below a minimum */
	long long	 nostd;		/* judged by no standard */
	long long	 ok;		/* meeting every minimum (--all) */
	long long	 exempt;	/* set no minimum (--all) */
};

/* --crosswalk: the file and what it maps (cbcc-units' crosswalk). */
struct crosswalk {
	const char	*name;		/* its file name, NULL if none */
	size_t		 nold;		/* old units */
	size_t		 ndist;		/* their districts */
	size_t		 nnew;		/* the new units */
};

/* An item of a dimension as reports show it: a level or levels merged. */
struct item {
	const char	*label;		/* Vietnamese label */
	const char	*code;		/* level code: "dai_hoc", "thac_si+" */
	long long	 count;		/* records */
	int		 unk;		/* the unknown level */
};

#define MAXITEMS	64

/* keydesc: what the description of a group says besides its units. */
#define KD_YEAR		0x1	/* "Năm 2021" first */
#define KD_POP		0x2	/* its people: "công chức toàn tỉnh" */
#define KD_NOOTHER	0x4	/* not the other group columns: "(nữ)" */

/* population: who a group counts when it has no staff_type. */
#define POP_STAFF	"cán bộ, công chức"
#define POP_TRAINED	"cán bộ, công chức, viên chức"

/* A dimension of the form table and the items it shows, in order. */
struct fdim {
	const char	*dim;			/* dimension name */
	const struct lvl_dim *ld;		/* its code list, or NULL */
	int		 yesno;			/* one level, under "trong đó" */
	size_t		 n;			/* items */
	const char	*label[MAXITEMS];	/* their labels */
	const char	*code[MAXITEMS];	/* their codes */
};

#define MAXFDIMS	32

/* The markup of the sections that are lists, in Markdown and in HTML. */
struct markup {
	const char	*h2, *h2end;	/* around a heading */
	const char	*ul, *ulend;	/* around a list */
	const char	*li, *liend;	/* around an item */
	void		(*esc)(struct buf *, const char *); /* text escape */
};

/* report.c: the model and the options. */
extern struct grp *grps;		/* the aggregate's groups */
extern size_t ngrp;
extern struct dgrp *dgrps;		/* the diff's groups */
extern size_t ndgrp;
extern int diffread;			/* a diff was read, perhaps empty */
extern struct rrow *rrows;		/* the record counts */
extern size_t nrrow;
extern struct sfrow *sfs;		/* --shortfall: the counts */
extern size_t nsf;
extern struct crosswalk xwalk;		/* --crosswalk */
extern int prec;			/* --precision */
extern int fmt;				/* --format */
extern const char *title;		/* --title */
extern const char *outpath;		/* -o: the workbook written */

/* report-model.c */
void	 putb(struct buf *);
void	 cap1(struct buf *, const char *);
int	 keyeq(const struct key *, const struct key *);
const char *keyget(const struct key *, const char *);
int	 keyeq_but_year(const struct key *, const struct key *);
void	 keyval(struct buf *, const char *, const char *);
int	 keyunit(const struct key *);
void	 population(struct buf *, const struct key *, const char *);
void	 keydesc(struct buf *, const struct key *, int);
void	 keytitle(struct buf *, const struct key *, int);
long long levcount(const struct dim *, const char *);
long long levfrom(const struct dim *, const char *);
size_t	 items(const struct dim *, struct item *);
long long itemcount(const struct dim *, const char *);
const struct dim *grpdim(const struct grp *, const char *);
size_t	 formdims(struct fdim *, size_t);
long long formcount(const struct grp *, const struct fdim *, size_t,
	    long long *);
size_t	 formrows(const struct grp **);
int	 meeting(const struct grp *, long long *, long long *);
const char *dimlabel(const char *, const struct lvl_dim *);
int	 yesno(const struct lvl_dim *);
void	 pct(struct buf *, long long, long long);
void	 dimsentence(struct buf *, const struct dim *);
void	 grpsentence(struct buf *, const struct grp *);
void	 change(struct buf *, const char *);
void	 dval(struct buf *, const char *, int);
const struct drow *drowof(const struct ddim *, const char *);
size_t	 dorder(const struct ddim *, const struct drow **, const char **);
void	 drowsentence(struct buf *, const struct dgrp *, const struct drow *,
	    const char *);
void	 ddimsentence(struct buf *, const struct dgrp *, const struct ddim *);
void	 dgrpsentence(struct buf *, const struct dgrp *);
void	 rrowsentence(struct buf *, const struct rrow *);
int	 mapsentence(struct buf *);
void	 lists(struct buf *, struct buf *, const struct markup *);

/* The outputs. */
void	 report_text(void);
void	 report_md(void);
void	 report_html(void);
void	 report_xlsx(void);

#endif /* REPORT_H */
