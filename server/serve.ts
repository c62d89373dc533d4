// Listening and stopping: timeouts that bound slow or idle clients, and a graceful shutdown that
// stops accepting, lets in-flight requests finish, and gives up after a bound.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import type { LogSink } from "./shared/log.ts";
import { http } from "./shared/node-http.ts";

export interface ServeOptions {
  host: string;
  port: number;
  /** All headers must arrive within this (slowloris). */
  headersTimeoutMs?: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs?: number;
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs?: number;
  /** How often Node checks the two timeouts above (its default is 30 s). */
  timeoutCheckIntervalMs?: number;
  /** Where an error of the listening server (running out of file descriptors, say) is reported; default stderr. */
  errorLog?: LogSink;
}

export const serveDefaults = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckIntervalMs: 1_000,
};

export interface RunningServer {
  server: Server;
  url: string;
  /**
   * Stops accepting connections, closes idle ones, waits for in-flight requests, then resolves;
   * connections still busy after `graceMs` are destroyed and it resolves `false`.
   */
  shutdown(graceMs: number): Promise<boolean>;
}

export function startServer(app: Express, options: ServeOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(
      {
        headersTimeout: options.headersTimeoutMs ?? serveDefaults.headersTimeoutMs,
        requestTimeout: options.requestTimeoutMs ?? serveDefaults.requestTimeoutMs,
        keepAliveTimeout: options.keepAliveTimeoutMs ?? serveDefaults.keepAliveTimeoutMs,
        connectionsCheckingInterval: options.timeoutCheckIntervalMs ?? serveDefaults.timeoutCheckIntervalMs,
      },
      app,
    );
    server.listen(options.port, options.host);
    server.once("error", reject);
    server.once("listening", () => {
      // From now on an error is the running server's: reported, and the server goes on serving.
      server.off("error", reject);
      const errorLog = options.errorLog ?? ((line: string) => process.stderr.write(`${line}\n`));
      server.on("error", (error) => errorLog(`server error: ${error.message}`));
      const { address, port } = server.address() as AddressInfo;
      const url = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
      resolve({
        server,
        url,
        shutdown: (graceMs) =>
          new Promise((done) => {
            // Idle keep-alive connections would otherwise hold close() open until they time out. A
            // connection whose request is in flight turns idle once its answer is sent, and is
            // closed then (Node would keep it open for the keep-alive timeout, 5 s by default).
            const sweep = setInterval(() => server.closeIdleConnections(), 20);
            const timer = setTimeout(() => {
              clearInterval(sweep);
              server.closeAllConnections();
              done(false);
            }, graceMs);
            timer.unref();
            sweep.unref();
            server.close(() => {
              clearTimeout(timer);
              clearInterval(sweep);
              done(true);
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
