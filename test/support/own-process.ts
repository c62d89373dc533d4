// The test files that run each in a process of their own (vitest.config.ts): those that replace a
// module or a global for the whole process (vi.mock, vi.stubGlobal, fake timers and the like). The
// other files share their worker's process with the files before them, and would see the change.
// (Spies, vi.spyOn, are restored before each test by the config's restoreMocks.)
export const ownProcess = ["test/redaction-control.test.ts"];

/** The suite's test files (vitest.config.ts leaves out node_modules and examples/vitest-shared, a suite of its own). */
export const suite = ["test/**/*.test.ts", "examples/**/*.test.ts"];

/** What in a test file changes its process for the files after it. */
export const changesTheProcess = /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers)\(/;
