import { createDataSource } from './data-source';

export interface Statement {
  query: string;
  parameters?: unknown[];
}
export interface SchemaDiff {
  up: Statement[];
  down: Statement[];
}

/**
 * What TypeORM would change to make the database at `url` match the entities
 * (the same comparison as `typeorm migration:generate --check`). Empty when they agree.
 */
export async function schemaDiff(url: string): Promise<SchemaDiff> {
  const ds = createDataSource(url, { logging: false });
  await ds.initialize();
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map(({ query, parameters }) => ({ query, parameters })),
      down: sql.downQueries.map(({ query, parameters }) => ({ query, parameters })).reverse(),
    };
  } finally {
    await ds.destroy();
  }
}
