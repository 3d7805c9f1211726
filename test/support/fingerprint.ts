import type pg from 'pg';

/**
 * Counted for every request whatever its answer (a refused request counts against the limit too):
 * the API rate limit's windows are no record of anything, and left out.
 */
const COUNTERS = ['api_rate_limit'];

/**
 * A digest of every row of every table of the application's schema: equal before and after means
 * nothing was written, whatever the table (the rate limit's counters aside).
 */
export async function databaseFingerprint(sql: pg.Pool): Promise<Record<string, string>> {
  const tables = await sql.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT table_name = ANY($1::text[])
      ORDER BY 1`,
    [COUNTERS],
  );
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const result = await sql.query<{ digest: string | null }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${name} t`,
    );
    fingerprint[name] = result.rows[0]?.digest ?? 'empty';
  }
  return fingerprint;
}
