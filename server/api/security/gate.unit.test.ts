import { describe, expect, it } from "vitest";
import { SESSION_COOKIE, sessionValue } from "./accessToken";
import { createGate, type GateRequest } from "./gate";

const TOKEN = "0123456789abcdef-secret";
const open = createGate({ host: "127.0.0.1", token: undefined });
const shared = createGate({ host: "0.0.0.0", token: TOKEN });

function request(method: string, url: string, headers: GateRequest["headers"] = {}): GateRequest {
  return { method, url, headers: { host: "127.0.0.1:3000", ...headers } };
}

describe("the request gate on loopback without a token", () => {
  it("Given same-origin and non-browser requests, When gated, Then they pass", () => {
    expect(open(request("GET", "/flows/x"))).toEqual({ kind: "pass" });
    expect(open(request("POST", "/api/trpc/flows.create", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toEqual({ kind: "pass" });
    expect(open(request("POST", "/api/trpc/flows.create"))).toEqual({ kind: "pass" });
    expect(open(request("GET", "/", { host: "localhost:3000" }))).toEqual({ kind: "pass" });
    expect(open(request("GET", "/", { host: "[::1]:3000" }))).toEqual({ kind: "pass" });
  });

  it("Given a request addressed to a foreign host name (DNS rebinding), When gated, Then it is refused with a sentence", () => {
    const decision = open(request("GET", "/api/trpc/flows.list", { host: "attacker.example:3000" }));
    expect(decision).toMatchObject({ kind: "respond", status: 403 });
    expect(decision.kind === "respond" && JSON.parse(decision.body)).toEqual({ error: { message: expect.stringMatching(/^This studio only answers requests addressed to this machine/) } });
  });

  it("Given a mutation from another site, When gated, Then it is refused; a cross-site read passes", () => {
    for (const headers of [
      { origin: "http://attacker.example" },
      { origin: "http://localhost:8080" },
      { origin: "null" },
      { origin: "not a url" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:3000" },
    ]) {
      const decision = open(request("POST", "/api/trpc/flows.delete", headers));
      expect(decision, JSON.stringify(headers)).toMatchObject({ kind: "respond", status: 403, body: expect.stringContaining("Cross-site requests cannot change anything") });
    }
    expect(open(request("GET", "/api/trpc/flows.list", { origin: "http://attacker.example" }))).toEqual({ kind: "pass" });
  });
});

describe("the request gate with an access token", () => {
  it("Given no credentials, When a page is opened, Then the login page answers 401; an API call gets a JSON sentence", () => {
    expect(shared(request("GET", "/"))).toMatchObject({ kind: "respond", status: 401, body: expect.stringContaining('name="token"') });
    const api = shared(request("POST", "/api/trpc/flows.create"));
    expect(api).toMatchObject({ kind: "respond", status: 401 });
    expect(api.kind === "respond" && JSON.parse(api.body).error.message).toMatch(/^This studio needs its access token/);
  });

  it("Given ?token= once, When right, Then a 303 drops it from the URL and sets an HttpOnly SameSite cookie without the token", () => {
    const decision = shared(request("GET", `/flows/f1?tab=runs&token=${TOKEN}`, { host: "studio.lan:3000" }));
    expect(decision).toMatchObject({ kind: "respond", status: 303, headers: { Location: "/flows/f1?tab=runs" } });
    const cookie = decision.kind === "respond" ? decision.headers["Set-Cookie"]! : "";
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/; HttpOnly; SameSite=Strict`));
    expect(cookie).not.toContain(TOKEN);
    expect(shared(request("GET", "/flows/f1", { host: "studio.lan:3000", cookie: `other=1; ${SESSION_COOKIE}=${sessionValue(TOKEN)}` }))).toEqual({ kind: "pass" });
  });

  it("Given a wrong token, a wrong cookie or a wrong bearer, When gated, Then 401", () => {
    expect(shared(request("GET", "/?token=nope"))).toMatchObject({ status: 401, body: expect.stringContaining("That access token is not right") });
    expect(shared(request("GET", "/", { cookie: `${SESSION_COOKIE}=${sessionValue("another-token-of-16")}` }))).toMatchObject({ status: 401 });
    expect(shared(request("GET", "/api/trpc/flows.list", { authorization: "Bearer nope" }))).toMatchObject({ status: 401 });
    expect(shared(request("GET", "/api/trpc/flows.list", { authorization: `Bearer ${TOKEN}` }))).toEqual({ kind: "pass" });
  });

  it("Given a crafted path, When the token is exchanged, Then the redirect stays on this host", () => {
    for (const url of [`//attacker.example/?token=${TOKEN}`, `/a/..//attacker.example?token=${TOKEN}`, `/\\attacker.example?token=${TOKEN}`]) {
      const decision = shared(request("GET", url));
      const location = decision.kind === "respond" ? decision.headers.Location! : "";
      expect(location, url).toMatch(/^\/(?!\/)/);
    }
  });

  it("Given a token, When the Host is any name, Then the host check gives way to the token, but the cross-site check stays", () => {
    expect(shared(request("GET", "/", { host: "studio.lan:3000", authorization: `Bearer ${TOKEN}` }))).toEqual({ kind: "pass" });
    expect(shared(request("POST", "/api/trpc/flows.create", { authorization: `Bearer ${TOKEN}`, origin: "http://attacker.example" }))).toMatchObject({ status: 403 });
  });
});
