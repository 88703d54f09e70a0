import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * One machine has no mail server: sign-in codes are printed and written to `<dir>/<email>.code`,
 * where `pnpm token` (and tests) read them. Only the local issuer uses this.
 */
export function fileCodeSink(directory: string) {
  const fileOf = (email: string) => join(directory, `${encodeURIComponent(email.toLowerCase())}.code`);
  return {
    async send(email: string, code: string): Promise<void> {
      await mkdir(directory, { recursive: true });
      await writeFile(fileOf(email), `${code}\n`);
      console.log(`sign-in code for ${email}: ${code}`);
    },
    /** Wait for a code newer than `after` (the caller deletes nothing; codes are overwritten). */
    async read(email: string, options: { timeoutMs?: number; notEqualTo?: string } = {}): Promise<string> {
      const deadline = Date.now() + (options.timeoutMs ?? 5_000);
      while (Date.now() < deadline) {
        const code = (await readFile(fileOf(email), "utf8").catch(() => "")).trim();
        if (code && code !== options.notEqualTo) return code;
        await sleep(50);
      }
      throw new Error(`no sign-in code for ${email} arrived in ${directory}`);
    },
  };
}
