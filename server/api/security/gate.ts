// The request gate in front of every page and API call of the studio server. It refuses
// requests addressed to foreign host names (DNS rebinding), cross-site requests that could
// change something, and — when the studio has an access token — anyone without it.
// Pure over a request's method, URL and headers; scripts/start.ts applies its decision.
import { isLoopbackHost } from "../../env";
import { readCookie, SESSION_COOKIE, secretsEqual, sessionCookie, sessionValue } from "./accessToken";
import { loginPage } from "./loginPage";

export interface GateOptions {
  /** The address the server is bound to (HOST). */
  host: string;
  /** The access token, when the studio asks for one. */
  token: string | undefined;
}

export interface GateRequest {
  method: string;
  /** Path and query, as in the request line. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export type GateDecision =
  | { kind: "pass" }
  | { kind: "respond"; status: number; headers: Record<string, string>; body: string };

/** Headers every response carries: no sniffing, no framing by other sites, no full-URL referrers. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "frame-ancestors 'none'",
  "Referrer-Policy": "same-origin",
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function header(request: GateRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
}

function refuse(status: number, message: string, api: boolean): GateDecision {
  return api
    ? { kind: "respond", status, headers: { "Content-Type": "application/json; charset=utf-8" }, body: JSON.stringify({ error: { message } }) }
    : { kind: "respond", status, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: `${message}\n` };
}

/** Why a request that may change something is cross-site, or undefined when it is not. */
function crossSite(request: GateRequest): string | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const fetchSite = header(request, "sec-fetch-site");
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return `the browser marked it ${fetchSite}`;
  const origin = header(request, "origin");
  if (origin === undefined) return undefined; // not from a browser page (curl, scripts, tests)
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  const host = header(request, "host")?.toLowerCase();
  return originHost !== undefined && originHost.toLowerCase() === host ? undefined : `it came from ${origin === "null" ? "an opaque origin" : "another site"}`;
}

export function createGate(options: GateOptions): (request: GateRequest) => GateDecision {
  const token = options.token;
  const session = token === undefined ? undefined : sessionValue(token);
  const boundName = options.host.toLowerCase();

  return (request) => {
    const url = new URL(request.url, "http://studio.invalid");
    const api = url.pathname.startsWith("/api/");

    const hostHeader = header(request, "host");
    if (token === undefined && hostHeader !== undefined) {
      const name = hostnameOf(hostHeader);
      if (name === undefined || !(isLoopbackHost(name) || name === boundName)) {
        return refuse(403, "This studio only answers requests addressed to this machine (127.0.0.1 or localhost); to serve other names, set HOST and EVENTLOOM_TOKEN.", api);
      }
    }

    const why = crossSite(request);
    if (why !== undefined) return refuse(403, `Cross-site requests cannot change anything in this studio (${why}).`, api);

    if (token === undefined || session === undefined) return { kind: "pass" };

    const given = url.searchParams.get("token");
    if (given !== null && (request.method === "GET" || request.method === "HEAD") && !api) {
      if (!secretsEqual(given, token)) return { kind: "respond", status: 401, headers: { "Content-Type": "text/html; charset=utf-8" }, body: loginPage(true) };
      url.searchParams.delete("token");
      // One leading slash, so the redirect never leaves this host ("//other.site" would).
      const location = `/${url.pathname.replace(/^\/+/, "")}${url.search}`;
      return { kind: "respond", status: 303, headers: { Location: location, "Set-Cookie": sessionCookie(token) }, body: "" };
    }
    const bearer = header(request, "authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer !== undefined && secretsEqual(bearer, token)) return { kind: "pass" };
    const cookie = readCookie(header(request, "cookie"), SESSION_COOKIE);
    if (cookie !== undefined && secretsEqual(cookie, session)) return { kind: "pass" };

    if (!api && request.method === "GET") return { kind: "respond", status: 401, headers: { "Content-Type": "text/html; charset=utf-8" }, body: loginPage(false) };
    return refuse(401, "This studio needs its access token: open it in the browser with ?token=<EVENTLOOM_TOKEN> once, or send the header Authorization: Bearer <EVENTLOOM_TOKEN>.", api);
  };
}
