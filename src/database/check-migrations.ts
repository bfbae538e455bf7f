/**
 * `npm run migration:check`: applies the migrations to the database in DATABASE_URL and exits 1
 * when the entities and the migrations disagree, printing the SQL TypeORM would still run.
 */
import { configOrExit } from '../config/config-or-exit';
import { runMigrations, startDatabase } from './database-runtime';
import { schemaDiff } from './schema-diff';

async function main() {
  const db = await startDatabase(configOrExit());
  try {
    await runMigrations(db.url);
    const diff = await schemaDiff(db.url);
    if (diff.up.length > 0) {
      console.error('The entities and the migrations disagree. Missing from migrations:\n' + diff.up.map((s) => `  ${s.query};`).join('\n'));
      process.exitCode = 1;
    } else {
      console.log('OK: the entities and the migrations agree.');
    }
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
