/** A fragment of SQL with its named parameters, handed from the module that owns a table to one that filters by it. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** Splits `rows` into chunks of `size` for multi-row statements. */
export function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
