#!/usr/bin/env node
/**
 * `npm start` and `npm test` on a machine that has only Node.js 20: bring what the project needs,
 * then run the stack or every check. Plain JavaScript with no dependencies, because it runs before
 * anything is installed. It brings pnpm (the version `packageManager` names, through npm), the
 * workspace's packages (`pnpm install`), and the system programs the local stack and the tests
 * use — Java 17+ (DynamoDB Local), redis-server, and for the tests Chromium — through apt when it
 * runs as root on Debian or Ubuntu; otherwise it says in one line what to install. Each step is a
 * no-op when its part is already there, so `pnpm start` / `pnpm test` go through it too.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const [task, ...rest] = process.argv.slice(2);
const tasks = {
  // What each task runs once set up, and the system programs it needs.
  start: { run: ["--filter", "@travel/dev", "start", ...rest], needs: ["java", "redis"] },
  test: { run: ["run", "check", ...rest], needs: ["java", "redis", "chromium"] },
};
if (!tasks[task]) fail(`usage: node packages/dev/bootstrap.mjs <${Object.keys(tasks).join("|")}>`);

/** Debian's package for each program, and how to tell it is there. */
const programs = {
  java: { apt: "openjdk-17-jre-headless", present: () => javaMajor() >= 17, why: "Java 17+ (for DynamoDB Local)" },
  redis: { apt: "redis-server", present: () => Boolean(process.env.REDIS_URL) || runs("redis-server", ["--version"]), why: "redis-server (or set REDIS_URL)" },
  chromium: { apt: "chromium", present: () => existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"), why: "Chromium at /usr/bin/chromium (or set CHROMIUM_PATH), for the browser tests" },
};

function fail(message) {
  console.error(message);
  process.exit(1);
}

function runs(command, args) {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

function javaMajor() {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  const match = /version "(\d+)/.exec(`${result.stderr ?? ""}${result.stdout ?? ""}`);
  return match ? Number(match[1]) : 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

const nodeMajor = Number(process.versions.node.split(".")[0]);
if (nodeMajor < 20) fail(`Node.js 20 or newer is required (this is ${process.version}).`);

// pnpm, at the version the repository pins.
const pnpmVersion = JSON.parse(readFileSync(`${root}package.json`, "utf8")).packageManager.split("@")[1];
const installedPnpm = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
if (installedPnpm.status !== 0 || installedPnpm.stdout.trim() !== pnpmVersion) {
  console.log(`bootstrap: installing pnpm ${pnpmVersion} with npm…`);
  if (run("npm", ["install", "--global", "--no-fund", "--no-audit", `pnpm@${pnpmVersion}`]) !== 0) {
    fail(`could not install pnpm ${pnpmVersion}: run "npm install --global pnpm@${pnpmVersion}" (with the rights it needs), then this again.`);
  }
}

// System programs: apt when we may, else one line saying what is missing.
const missing = tasks[task].needs.filter((name) => !programs[name].present());
if (missing.length > 0) {
  const canApt = process.getuid?.() === 0 && runs("apt-get", ["--version"]);
  if (canApt) {
    console.log(`bootstrap: installing ${missing.map((m) => programs[m].apt).join(", ")} with apt…`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if (run("apt-get", ["update", "-qq"], { env }) !== 0 || run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing.map((m) => programs[m].apt)], { env }) !== 0) {
      fail(`apt could not install ${missing.map((m) => programs[m].apt).join(", ")}; install them and run this again.`);
    }
  }
  const still = missing.filter((name) => !programs[name].present());
  if (still.length > 0) fail(`missing: ${still.map((m) => programs[m].why).join("; ")} — on Debian/Ubuntu: apt-get install ${still.map((m) => programs[m].apt).join(" ")}`);
}

// The workspace's packages (quick when nothing changed), then the task itself.
if (run("pnpm", ["install", "--frozen-lockfile"]) !== 0) fail("pnpm install failed (see above).");
process.exit(run("pnpm", tasks[task].run));
