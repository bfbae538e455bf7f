import { ConfigError, loadConfig, type AppConfig } from './env';

/** Reads `.env` when present (Node's own loader), then validates; a bad value exits 1 with one line. */
export function configOrExit(): AppConfig {
  try {
    process.loadEnvFile();
  } catch {
    // no .env file: the environment alone configures hoinghi
  }
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`hoinghi: invalid configuration: ${e.variable} ${e.reason}\n`);
      process.exit(1);
    }
    throw e;
  }
}

