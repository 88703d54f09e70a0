import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const devDir = fileURLToPath(new URL("..", import.meta.url));

describe("pnpm start prerequisites", () => {
  it("says in one line what to install when Java is missing", () => {
    // A PATH holding only node: no java, no redis-server.
    const bin = mkdtempSync(join(tmpdir(), "no-java-"));
    symlinkSync(process.execPath, join(bin, "node"));
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/local/start.ts"], {
      cwd: devDir,
      env: { PATH: bin, HOME: process.env.HOME ?? "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Java 17\+ is required .*install/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
