/*
 * report-text.c - cbcc-report --format text: the sentences, a paragraph
 * per group.
 */
#include <stdio.h>

#include "cbcc.h"
#include "report.h"

/* Text: one paragraph per group, a line per dimension. */
void
report_text(void)
{
	struct buf b = { 0 };
	size_t i, j;
	int para = 0;

	if (mapsentence(&b)) {
		buf_addc(&b, '\n');
		putb(&b);
		para = 1;
	}
	for (i = 0; i < ngrp; i++, para = 1) {
		if (para)
			buf_addc(&b, '\n');
		grpsentence(&b, &grps[i]);
		buf_addc(&b, '\n');
		for (j = 0; j < grps[i].ndim; j++) {
			if (yesno(grps[i].dim[j].ld))
				continue;	/* in the opening sentence */
			dimsentence(&b, &grps[i].dim[j]);
			buf_addc(&b, '\n');
		}
		putb(&b);
	}
	for (i = 0; i < ndgrp; i++, para = 1) {
		if (para)
			buf_addc(&b, '\n');
		dgrpsentence(&b, &dgrps[i]);
		buf_addc(&b, '\n');
		for (j = 0; j < dgrps[i].ndim; j++) {
			ddimsentence(&b, &dgrps[i], &dgrps[i].dim[j]);
			buf_addc(&b, '\n');
		}
		putb(&b);
	}
	if (diffread && ndgrp == 0) {
		buf_adds(&b, para ? "\n" NOEARLIER "\n" : NOEARLIER "\n");
		putb(&b);
		para = 1;
	}
	for (i = 0; i < nrrow; i++) {
		if (para && i == 0)
			buf_addc(&b, '\n');
		rrowsentence(&b, &rrows[i]);
		buf_addc(&b, '\n');
		putb(&b);
	}
	buf_free(&b);
}
