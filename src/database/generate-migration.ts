/**
 * `npm run migration:generate -- Name`: applies the existing migrations to the database in
 * DATABASE_URL (embedded PostgreSQL when unset), then writes `migrations/<timestamp>-Name.ts`
 * with what TypeORM finds missing between the entities and the schema.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configOrExit } from '../config/config-or-exit';
import { runMigrations, startDatabase } from './database-runtime';
import { schemaDiff, type Statement } from './schema-diff';

async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    console.error('usage: npm run migration:generate -- Name   (letters and digits, starting with a letter)');
    process.exit(2);
  }
  const db = await startDatabase(configOrExit());
  try {
    await runMigrations(db.url);
    const diff = await schemaDiff(db.url);
    if (diff.up.length === 0) {
      console.log('No changes: the entities and the migrations agree.');
      return;
    }
    const ts = Date.now();
    const file = join(__dirname, '..', '..', 'migrations', `${ts}-${name}.ts`);
    const database = new URL(db.url).pathname.slice(1);
    // TypeORM records generated-column expressions in typeorm_metadata under the database name;
    // the migration must use the name of whichever database it runs on, not this one's.
    const param = (p: unknown) => (p === database ? 'await queryRunner.getCurrentDatabase()' : JSON.stringify(p));
    const q = (s: Statement) =>
      `    await queryRunner.query(${JSON.stringify(s.query)}${s.parameters?.length ? `, [${s.parameters.map(param).join(', ')}]` : ''});`;
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
        `export class ${name}${ts} implements MigrationInterface {\n` +
        `  name = '${name}${ts}';\n\n` +
        `  async up(queryRunner: QueryRunner): Promise<void> {\n${diff.up.map(q).join('\n')}\n  }\n\n` +
        `  async down(queryRunner: QueryRunner): Promise<void> {\n${diff.down.map(q).join('\n')}\n  }\n}\n`,
    );
    console.log(`Wrote ${file}`);
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
