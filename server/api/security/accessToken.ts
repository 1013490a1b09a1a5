// The studio's access token: compared in constant time, and exchanged once for a session
// cookie that holds a keyed digest of it (never the token itself). No I/O.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "eventloom_session";
const SESSION_DAYS = 30;

function digest(text: string): Buffer {
  return createHmac("sha256", "eventloom access token").update(text).digest();
}

/** Constant-time equality of two secrets of any length. */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The value of the session cookie for a token. */
export function sessionValue(token: string): string {
  return createHmac("sha256", token).update("eventloom session v1").digest("base64url");
}

/** The Set-Cookie header that keeps a browser signed in (HttpOnly, SameSite=Strict). */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_DAYS * 24 * 3600}`;
}

/** One cookie's value out of a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
