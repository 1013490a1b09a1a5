// What the figures were measured on: machine, load, and the versions of Node,
// SQLite and the libraries compared. Reads package.json files and asks the
// native modules their SQLite version; changes nothing.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** package name → installed version (absent packages are left out). */
  packages: Record<string, string>;
  /** SQLite inside better-sqlite3 (Eventloom and the bare baseline). */
  sqlite: string;
  /** SQLite inside the sqlite3 package (emmett-sqlite), when installed. */
  sqliteOfSqlite3?: string;
  chromium?: string;
  git?: { commit: string; uncommittedFiles: number };
}

const PACKAGES = [
  "better-sqlite3",
  "sqlite3",
  "@event-driven-io/emmett",
  "@event-driven-io/emmett-sqlite",
  "kafkajs",
  "@playwright/test",
  "tsx",
] as const;

export function installedVersion(name: string): string | undefined {
  const file = path.join(PROJECT_ROOT, "node_modules", name, "package.json");
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version;
}

function sqliteOfBetterSqlite3(): string {
  const db = new Database(":memory:");
  try {
    return db.prepare("SELECT sqlite_version()").pluck().get() as string;
  } finally {
    db.close();
  }
}

async function sqliteOfSqlite3(): Promise<string | undefined> {
  if (!installedVersion("sqlite3")) return undefined;
  const { default: sqlite3 } = await import("sqlite3");
  return new Promise((resolve) => {
    const db = new sqlite3.Database(":memory:");
    db.get("SELECT sqlite_version() AS v", (error: Error | null, row: { v: string } | undefined) => {
      db.close();
      resolve(error ? undefined : row?.v);
    });
  });
}

function quietly(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

export async function describeMachine(): Promise<Machine> {
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    const version = installedVersion(name);
    if (version) packages[name] = version;
  }
  const commit = quietly("git", ["rev-parse", "--short", "HEAD"]);
  const status = quietly("git", ["status", "--porcelain"]);
  const chromium = existsSync("/usr/bin/chromium") ? quietly("/usr/bin/chromium", ["--version"]) : undefined;
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    packages,
    sqlite: sqliteOfBetterSqlite3(),
    sqliteOfSqlite3: await sqliteOfSqlite3(),
    chromium,
    git: commit === undefined ? undefined : { commit, uncommittedFiles: status ? status.split("\n").length : 0 },
  };
}
