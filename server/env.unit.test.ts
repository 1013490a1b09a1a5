import { describe, expect, it } from "vitest";
import path from "node:path";
import { EnvError, readEnv } from "./env";

describe("readEnv", () => {
  it("defaults to loopback, port 3000 and ./data/eventloom.db", () => {
    const env = readEnv({});
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.PORT).toBe(3000);
    expect(env.databaseFile).toBe(path.resolve("data/eventloom.db"));
  });

  it("accepts a file: URL or a bare path for DATABASE_URL", () => {
    expect(readEnv({ DATABASE_URL: "file:/tmp/a.db" }).databaseFile).toBe("/tmp/a.db");
    expect(readEnv({ DATABASE_URL: "/tmp/b.db" }).databaseFile).toBe("/tmp/b.db");
  });

  it("rejects a bad port with a sentence naming the variable", () => {
    expect(() => readEnv({ PORT: "http" })).toThrow(EnvError);
    expect(() => readEnv({ PORT: "70000" })).toThrow(/PORT/);
  });
});
