// bench-peers.mjs - the benchmark's peers: DuckDB (@duckdb/node-api) and
// Polars (nodejs-polars, streaming engine) doing what cbcc does, for
// scripts/bench, which installs them from npm and runs this file from the
// directory that holds their node_modules.
//
//   node bench-peers.mjs ENGINE TASK FILE
//
// ENGINE is duckdb or polars.  TASK is
//   chain	on a raw roster as gen-roster writes it (title rows, header,
//		numbering row, total row): read it, map "Trình độ chuyên môn"
//		to an education level with a CASE of patterns, count by year,
//		district and level - what normalize | classify-education |
//		aggregate does, without the cleaning.
//   dedup	(duckdb only) chain, keeping one row of those with the same
//		year, full name in lower case, date of birth, district and
//		commune as they are written: a duplicate check like
//		normalize's, on raw values (normalize's key is on clean ones,
//		so it finds more).  Not in make bench; doc/benchmark.md has
//		its figures.
//   aggregate	on a classified roster: count by year, district and
//		education_level - what cbcc-aggregate -g year,district -c
//		education_level does.
// Prints "GROUPS TOTAL SECONDS" on standard output: the groups counted, the
// records in them, and the seconds of the query alone (without starting
// node and loading the engine), so that the caller checks the counts
// before it takes any ratio.

const [engine, task, file] = process.argv.slice(2);

if (!['duckdb', 'polars'].includes(engine) ||
    !['chain', 'dedup', 'aggregate'].includes(task) || file === undefined ||
    (task === 'dedup' && engine !== 'duckdb')) {
	console.error('usage: node bench-peers.mjs duckdb|polars chain|aggregate file\n' +
	    '       node bench-peers.mjs duckdb dedup file');
	process.exit(2);
}

// The education levels by the spellings of DOMAIN.md §1, the most
// specific first, as regular expressions on the lower-cased cell.  \W, not
// \b: DuckDB's \b knows ASCII letters only, Polars's all (đh).
const levels = [
	['tien_si', '(tiến sĩ|tiến sỹ|(^|\\W)ts(\\W|$))'],
	['thac_si', '(thạc sĩ|thạc sỹ|(^|\\W)ths(\\W|$))'],
	['dai_hoc', '(đại học|(^|\\W)đh(\\W|$)|cử nhân|kỹ sư|kĩ sư)'],
	['cao_dang', '(cao đẳng|(^|\\W)cđ(\\W|$))'],
	['trung_cap', '(trung cấp|(^|\\W)tc(\\W|$)|(^|\\W)tccn(\\W|$))'],
	['so_cap', '(sơ cấp)'],
	['chua_dao_tao', '(chưa qua)'],
];

async function duckdb() {
	const { DuckDBInstance } = await import('@duckdb/node-api');
	const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
	const con = await inst.connect();
	const quoted = file.replaceAll("'", "''");
	let sql;

	if (task === 'chain' || task === 'dedup') {
		const cases = levels.map(([l, re]) =>
		    `WHEN regexp_matches(lower("Trình độ chuyên môn"), '${re}') THEN '${l}'`).join('\n');
		// Four rows above the header; the numbering row "(1),(2),..."
		// and the total row (no STT) are no people.
		let rows = `(SELECT * FROM read_csv('${quoted}', skip = 3,
		    header = true, all_varchar = true)
		    WHERE "STT" NOT LIKE '(%')`;
		if (task === 'dedup')
			rows = `(SELECT DISTINCT ON ("Năm", lower("Họ và tên"),
			    "Ngày sinh", "Huyện", "Xã/Phường/Thị trấn") *
			    FROM ${rows})`;
		sql = `SELECT "Năm" AS year, "Huyện" AS district,
		    CASE ${cases} ELSE 'unknown' END AS level, count(*) AS n
		    FROM ${rows}
		    GROUP BY ALL`;
	} else {
		sql = `SELECT year, district, education_level, count(*) AS n
		    FROM read_csv('${quoted}', header = true, all_varchar = true)
		    GROUP BY ALL`;
	}
	const t0 = performance.now();
	const r = await con.runAndReadAll(sql);
	const rows = r.getRows();
	const secs = (performance.now() - t0) / 1000;
	let total = 0;
	for (const x of rows)
		total += Number(x[3]);
	return [rows.length, total, secs];
}

async function polars() {
	const pl = (await import('nodejs-polars')).default;
	const t0 = performance.now();
	let lf, keys;

	if (task === 'chain') {
		lf = pl.scanCSV(file, { skipRows: 3, hasHeader: true,
		    inferSchemaLength: 0 });
		const edu = pl.col('Trình độ chuyên môn').str.toLowerCase();
		let level = pl.lit('unknown');
		for (const [l, re] of levels.slice().reverse())
			level = pl.when(edu.str.contains(re)).then(pl.lit(l))
			    .otherwise(level);
		lf = lf.filter(pl.col('STT').isNotNull()
		    .and(pl.col('STT').str.startsWith('(').not()))
		    .select(pl.col('Năm').alias('year'),
			pl.col('Huyện').alias('district'), level.alias('level'));
		keys = ['year', 'district', 'level'];
	} else {
		lf = pl.scanCSV(file, { hasHeader: true, inferSchemaLength: 0 });
		keys = ['year', 'district', 'education_level'];
	}
	const df = await lf.groupBy(keys).agg(pl.len().alias('n'))
	    .collect({ streaming: true });
	const secs = (performance.now() - t0) / 1000;
	return [df.height, Number(df.getColumn('n').sum()), secs];
}

const [groups, total, secs] = await (engine === 'duckdb' ? duckdb() : polars());
console.log(`${groups} ${total} ${secs.toFixed(3)}`);
