// Sends a fetch Request to a stub's server in this process over an in-memory connection instead of
// a socket, for suites where the kernel's loopback and fetch are not what they test. Both ends are
// Node's own HTTP implementation (the client's http.request and the stub's http.Server, joined by
// stream.duplexPair), so the request and the answer are the bytes HTTP/1.1 puts on a wire, parsed
// as they would be. The request carries the headers it was made with, not those fetch adds on the
// way (accept-encoding, user-agent and the like), which nothing under test reads.
import { request as httpRequest, type Server } from "node:http";
import { duplexPair } from "node:stream";
import type { ObservedResponse } from "./oracle.ts";

/** A sender for requests to each origin (as `http://127.0.0.1:1234`), answered by its server in process. */
export function injector(servers: Record<string, Server>): (request: Request) => Promise<ObservedResponse> {
  return async (request) => {
    const url = new URL(request.url);
    const server = servers[url.origin];
    if (!server) throw new Error(`no server in this process serves ${url.origin}`);
    const headers: Record<string, string> = { host: url.host };
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    // As fetch sends a body of known length; Node's client would send a DELETE's body without one.
    if (body !== undefined) headers["content-length"] = String(body.length);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          method: request.method,
          path: `${url.pathname}${url.search}`,
          headers,
          createConnection: () => {
            const [client, stub] = duplexPair();
            server.emit("connection", stub);
            return client;
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const answered = new Headers();
            for (let i = 0; i < response.rawHeaders.length; i += 2)
              answered.append(response.rawHeaders[i]!, response.rawHeaders[i + 1]!);
            resolve({ status: response.statusCode!, headers: answered, body: Buffer.concat(chunks).toString("utf8") });
          });
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };
}
