// Puts the request gate in front of a Node request listener (the studio's Next handler):
// security headers on every response; refused requests answered here, never reaching Next.
// A body left unread by an early answer (a refusal, a 413) is drained, up to a bound, so the
// client reads the answer instead of a reset connection.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { SECURITY_HEADERS, type GateDecision, type GateRequest } from "./gate";

const DRAIN_BYTES = 64 * 1024 * 1024;

function drainAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.once("finish", () => {
    if (req.complete) return;
    let left = DRAIN_BYTES;
    req.on("data", (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) req.destroy();
    });
  });
}

export function gatedListener(gate: (request: GateRequest) => GateDecision, listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    drainAfterAnswer(req, res);
    const decision = gate({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers });
    if (decision.kind === "pass") {
      listener(req, res);
      return;
    }
    res.writeHead(decision.status, { ...decision.headers, "Cache-Control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : decision.body);
  };
}

/**
 * Requests Node refuses before any handler runs (headers or URL too large, malformed HTTP)
 * get a status and a sentence instead of a bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === "ECONNRESET" || !socket.writable) return;
    const [status, text] =
      error.code === "HPE_HEADER_OVERFLOW"
        ? ["431 Request Header Fields Too Large", "The request's URL or headers are too large (over 16 KiB); send large inputs in a POST body."]
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? ["408 Request Timeout", "The request took too long to arrive."]
          : ["400 Bad Request", "The request is not valid HTTP."];
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(text) + 1}\r\n\r\n${text}\n`);
  });
}
