// Runs a process that starts the stub (the command, npm start, npx contract-stubs) and learns where
// it listens from its banner.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface RunningCommand {
  child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  out(): string;
  err(): string;
  /** The stub's root URL, from its "listening on" banner; rejects, with its output, if the process exits first. */
  listening: Promise<string>;
}

/** Standard input is closed unless `stdin: "pipe"` asks for a pipe the test holds (`child.stdin`). */
export function runCommand(
  command: string,
  args: string[],
  options: SpawnOptions & { stdin?: "pipe" } = {},
): RunningCommand {
  const { stdin = "ignore", ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: [stdin, "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      stdout += d;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited (${code}) before listening:\n${stdout}${stderr}`)));
  });
  // A test that never asks where it listens must not see an unhandled rejection when it exits.
  listening.catch(() => undefined);
  return { child, exited, out: () => stdout, err: () => stderr, listening };
}
