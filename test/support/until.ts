/** Until `check` holds (polled every 50 ms: mails and jobs arrive in any order, on a busy machine late); throws after `ms`. */
export async function until(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await check()) return;
  throw new Error('condition not met in time');
}
