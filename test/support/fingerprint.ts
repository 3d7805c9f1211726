import type pg from 'pg';

/**
 * A digest of every row of every table of the application's schema: equal before and after means
 * nothing was written, whatever the table.
 */
export async function databaseFingerprint(sql: pg.Pool): Promise<Record<string, string>> {
  const tables = await sql.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
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
