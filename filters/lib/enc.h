/*
 * enc.h - input encodings: a decoding byte source that hands out UTF-8,
 * and the repair of legacy Vietnamese text that Excel re-saved as UTF-8.
 *
 *	struct enc *e = enc_open(path, encoding);	(NULL encoding: auto)
 *	struct rec_reader *r = rec_open_src(name, enc_read, e);
 *	...
 *	if (enc_bad(e) > 0) warn; note enc_name(e);
 *	rec_close(r); enc_close(e);
 *
 * Encodings (--encoding NAME, case-insensitive):
 *   utf-8 (utf8)		bytes pass through unchanged, a BOM is dropped;
 *				validating is the caller's job
 *   utf-16 (utf16)		the BOM decides, little-endian without one
 *   utf-16le, utf-16be	a BOM of the same order is dropped
 *   cp1258 (windows-1258)	glibc; combining tone bytes composed (NFC)
 *   tcvn3 (abc, tcvn, vn3)	TCVN 5712:1993 VN3, the .VnTime fonts: glibc
 *				TCVN5712-1 for 0x20-0x7F and 0xA0-0xFF; the
 *				C0 bytes stay control characters (VN1 puts
 *				capitals there, VN3 text never holds them) and
 *				0x80-0x9F are the Windows-1252 punctuation the
 *				.VnTime fonts keep (" " - ...)
 *   tcvn5712-1 (vn1)		the whole of glibc TCVN5712-1, capitals in C0
 *   vni (vni-windows)		VNI-Windows, base letter + modifier byte,
 *				decoded here, output NFC
 *   viscii			glibc
 *   tcvn3-in-utf8		UTF-8 holding TCVN3 read as Windows-1252
 *   vni-in-utf8		UTF-8 holding VNI read as Windows-1252
 *   auto			as NULL: UTF-8 with or without BOM, UTF-16LE/BE
 *				by BOM, or by NUL bytes when it has none
 *
 * A byte sequence that cannot be decoded becomes U+FFFD and is counted
 * (enc_bad).  Text typed in the all-capitals .VnTimeH font stores toned
 * vowels with lowercase codes, since TCVN3 has no toned capitals: "ĐẠI
 * HỌC" decodes as "ĐạI HọC"; compare case-insensitively.
 *
 * The two mojibake sources repair cell by cell, a cell being the text
 * between the bytes , ; TAB CR LF and ".  A cell is left alone when it is
 * ASCII, or holds a character with no Windows-1252 byte (it is Unicode).
 * Otherwise its words (runs of letters) are read both ways: a word that is
 * not Vietnamese as it stands but is once repaired counts for repairing, a
 * word that is Vietnamese as it stands but not once repaired counts
 * against; the majority decides.  A tie (a cell whose words read well both
 * ways, "Mét" = "Một", "Thái" = "Thỏi", or neither way) is repaired unless
 * the input has shown a Unicode Vietnamese cell so far (the first 64 KiB
 * are looked at before the first byte is handed out): a mixed workbook
 * keeps it as it is.
 */
#ifndef ENC_H
#define ENC_H

#include <stddef.h>
#include <sys/types.h>

#include "cbcc.h"

struct enc;

/* 1 if name is a valid --encoding name (see above), else 0. */
int		 enc_known(const char *name);

/*
 * A decoding source over path ("-" or NULL: standard input) in encoding
 * (NULL or "auto": detect).  NULL with errno set if the file cannot be
 * opened (EINVAL: encoding unknown).
 */
struct enc	*enc_open(const char *path, const char *encoding);

/*
 * A rec_readfn: up to n bytes of UTF-8 into buf; 0 at end, -1 on a read
 * error with errno set.  Multibyte sequences split across reads of the
 * underlying file are put together.
 */
ssize_t		 enc_read(void *enc, char *buf, size_t n);

/*
 * The encoding in use, for messages: "utf-8", "utf-8 (BOM)", "utf-16le",
 * "utf-16be", "utf-16le (no BOM)", "utf-16be (no BOM)", "cp1258",
 * "tcvn3", "tcvn5712-1", "vni", "viscii", "tcvn3-in-utf8", "vni-in-utf8".
 * With auto detection it is known after the first enc_read.
 */
const char	*enc_name(struct enc *);

/* Byte sequences replaced by U+FFFD so far. */
unsigned long	 enc_bad(struct enc *);

/* Mojibake sources: cells repaired so far (0 for the others). */
unsigned long	 enc_fixed(struct enc *);

/* Close the file (not standard input) and free e; NULL is ignored. */
void		 enc_close(struct enc *);

/*
 * Whether UTF-8 text p[0..len) holds TCVN3 (VNI) text read as
 * Windows-1252: 1 if some words of it (runs of letters, at least two once
 * repaired) are not a Vietnamese syllable or capital abbreviation as they
 * stand but are once repaired ("§¹i" → "Đại", "cÊp" → "cấp", "§H" → "ĐH";
 * "Ñaïi" → "Đại", "Tröôøng" → "Trường"), and more of them than the other
 * repair gives ("Chuû" is "Chuỷ" in TCVN3 and "Chủ" in VNI, "Chuû tòch"
 * is VNI); as many, VNI if the text has only the characters VNI uses for
 * letters (modifiers, ô ö ñ í ì æ ó ò î), else TCVN3.  Words holding a character with no Windows-1252 byte are
 * Unicode and never count, so correct Vietnamese text, NFC or NFD, and
 * ASCII give 0.
 */
int		 enc_looks_tcvn3(const char *p, size_t len);
int		 enc_looks_vni(const char *p, size_t len);

/*
 * Append to out the repair of UTF-8 text p[0..len): each character back
 * to its Windows-1252 byte, the bytes decoded as TCVN3 (VNI) as above,
 * output NFC.  Returns 1; returns 0 when p is not UTF-8 or holds a
 * character with no Windows-1252 byte, and then appends p unchanged.
 */
int		 enc_fix_tcvn3(struct buf *out, const char *p, size_t len);
int		 enc_fix_vni(struct buf *out, const char *p, size_t len);

/*
 * A suggestion for --encoding from the first bytes of a file: for valid
 * UTF-8, "tcvn3-in-utf8" or "vni-in-utf8" when it looks so, else NULL; for
 * bytes that are not UTF-8, "tcvn3" or "vni" when their Windows-1252
 * reading shows more TCVN3 (VNI) words than the CP1258 reading shows
 * Vietnamese words, else "cp1258".  A UTF-8 sequence cut at the end of p
 * is not held against it.
 */
const char	*enc_guess(const char *p, size_t len);

#endif /* ENC_H */
