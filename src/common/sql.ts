/** A fragment of SQL with its named parameters, handed from the module that owns a table to one that filters by it. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * A condition a read's statement selects as a boolean column next to its rows, instead of a query
 * of its own before it: `settle` is called with the value (`undefined` when no row came back to
 * read it from) and throws the refusal when it is false — or, when unknown, checks another way.
 */
export interface SqlCheck {
  condition: SqlCondition;
  settle(value: boolean | undefined): Promise<void> | void;
}

/** Splits `rows` into chunks of `size` for multi-row statements. */
export function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Positional parameters of one statement assembled from several modules' fragments (each module
 * writes the SQL of its own tables): `add(value, 'uuid')` appends a value and gives `$n::uuid`.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}
