/**
 * Administrative commands, run with `npm run cli -- <command>` (or `node dist/src/cli.js <command>` in a build):
 *   migrate                                   apply pending migrations
 *   create-admin --email E --password P [--name N]   create or reset an administrator (production installs)
 *   seed-demo                                 load the demo data of the source articles (refused when NODE_ENV=production)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AccountsService } from './accounts/accounts.service';
import { AppModule } from './app.module';
import { configOrExit } from './config/config-or-exit';
import { prepareDatabase } from './main';
import { seedDemo } from './demo/seed-demo';

const USAGE = 'usage: npm run cli -- migrate | create-admin --email E --password P [--name N] | seed-demo';

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  });
  const command = positionals[0];
  if (!['migrate', 'create-admin', 'seed-demo'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'create-admin') {
    const problems = [
      !values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email) ? '--email must be an e-mail address' : null,
      !values.password || values.password.length < 10 ? '--password must be at least 10 characters' : null,
    ].filter(Boolean);
    if (problems.length) {
      process.stderr.write(`${problems.join('\n')}\n${USAGE}\n`);
      return 2;
    }
  }
  const config = configOrExit();
  if (command === 'seed-demo' && config.env === 'production') {
    process.stderr.write('seed-demo is refused when NODE_ENV=production: demo accounts have a published password\n');
    return 2;
  }
  const db = await prepareDatabase(config);
  try {
    if (command === 'migrate') {
      process.stdout.write('migrations applied\n');
      return 0;
    }
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.url, role: 'cli' }), { logger: ['error'] });
    try {
      if (command === 'create-admin') {
        const created = await app.get(AccountsService).ensureUser({ email: values.email!, password: values.password!, role: 'admin', displayName: values.name ?? 'Quản trị hệ thống' });
        process.stdout.write(`${created ? 'created' : 'updated'} administrator ${values.email!.toLowerCase()}\n`);
      } else {
        const counts = await seedDemo(app);
        process.stdout.write(
          `demo data loaded: ${counts.organizations} organizations, ${counts.people} officials, ${counts.events} events with ${counts.tasks} follow-up tasks, ${counts.campaigns} campaign${counts.campaigns === 1 ? '' : 's'}, ${counts.accounts} demo accounts\n`,
        );
      }
      return 0;
    } finally {
      await app.close();
    }
  } finally {
    await db.stop();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`hoinghi cli: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
