import { describe, expect, it } from "vitest";
import path from "node:path";
import { assertServable, EnvError, readEnv } from "./env";

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

describe("the access token", () => {
  it("Given loopback HOSTs, When no token is set, Then the studio may serve them", () => {
    for (const HOST of ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]) {
      expect(() => assertServable(readEnv({ HOST }))).not.toThrow();
      expect(readEnv({ HOST }).accessToken).toBeUndefined();
    }
  });

  it("Given a HOST other machines can reach, When no token is set, Then it refuses in one sentence naming EVENTLOOM_TOKEN", () => {
    for (const HOST of ["0.0.0.0", "::", "192.168.1.20", "studio.example.com"]) {
      expect(() => assertServable(readEnv({ HOST }))).toThrow(new RegExp(`^HOST is ${HOST.replace(/\./g, "\\.")}, which other machines can reach.*set EVENTLOOM_TOKEN`));
    }
    expect(() => assertServable(readEnv({ HOST: "0.0.0.0", EVENTLOOM_TOKEN: "" }))).toThrow(EnvError);
  });

  it("Given a token, When it is long enough, Then it is kept; When short or with spaces, Then the variable is named", () => {
    expect(readEnv({ HOST: "0.0.0.0", EVENTLOOM_TOKEN: "0123456789abcdef" }).accessToken).toBe("0123456789abcdef");
    expect(() => assertServable(readEnv({ HOST: "0.0.0.0", EVENTLOOM_TOKEN: "0123456789abcdef" }))).not.toThrow();
    expect(() => readEnv({ EVENTLOOM_TOKEN: "short" })).toThrow(/EVENTLOOM_TOKEN: must be at least 16 characters/);
    expect(() => readEnv({ EVENTLOOM_TOKEN: "with spaces in the middle" })).toThrow(/EVENTLOOM_TOKEN: must be printable ASCII/);
  });
});
