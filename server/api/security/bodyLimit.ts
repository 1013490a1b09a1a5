// The request body limit of the API: a body larger than the limit fails while it is read,
// with tRPC's PAYLOAD_TOO_LARGE (HTTP 413) and a sentence, before anything is parsed.
// The rest of a refused body is read and dropped (up to a bound) rather than cancelled,
// since cancelling resets the connection before the client reads the 413.
import { TRPCError } from "@trpc/server";

/** 8 MiB: room for the largest import (5 MiB of flow JSON, escaped once more inside the request). */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const DRAIN_BYTES = 64 * 1024 * 1024;

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${+(bytes / 1024).toFixed(1)} KiB`;
}

export function tooLarge(limit: number): TRPCError {
  return new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `The request is larger than the limit of ${size(limit)}.` });
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let left = DRAIN_BYTES;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      left -= value.byteLength;
      if (left < 0) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // the client went away; nothing to drop
  }
}

/** The same request, whose body errors with PAYLOAD_TOO_LARGE once more than `limit` bytes arrive. */
export function limitBody(request: Request, limit: number = MAX_REQUEST_BYTES): Request {
  if (request.body === null) return request;
  const reader = request.body.getReader();
  const declared = Number(request.headers.get("content-length") ?? "0");
  let seen = 0;
  const refuse = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    controller.error(tooLarge(limit));
    void drain(reader);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (declared > limit) refuse(controller);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      seen += value.byteLength;
      if (seen > limit) refuse(controller);
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: "half" } as RequestInit);
}
