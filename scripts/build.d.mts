// Types of scripts/build.mjs, which is plain JavaScript (it runs before any TypeScript is built).
/** Builds dist/ from scratch. */
export function build(): Promise<void>;
/** Builds unless dist/ was built from exactly the current inputs; true when it built. */
export function buildIfStale(): Promise<boolean>;
