// The admin API's errors: `{"message": …, "details": […]}` with the status its spec documents.
import { loadSpec, documentedOperations } from "../shared/spec.ts";
import type { ProblemRenderer } from "../shared/problems.ts";

type AdminStatus = 400 | 401 | 403 | 404 | 500;

export const adminError = <S extends AdminStatus>(status: S, message: string, details: string[] = []) => ({
  status,
  headers: {},
  body: { message, details },
});

let adminPaths: Set<string> | undefined;
/** A path of the admin API, with any method. */
function isAdminPath(path: string): boolean {
  adminPaths ??= new Set([...documentedOperations(loadSpec("stub-admin")).values()].map((op) => op.path));
  return adminPaths.has(path);
}

/**
 * Every problem as the admin API's documented error for it: a path it has, with another method, is
 * a bad request; a path it does not have is not found.
 */
export const renderProblem: ProblemRenderer = (problem, { method, path }) => {
  switch (problem.kind) {
    case "invalid-response":
    case "internal":
      return adminError(500, "An internal error occurred.");
    case "no-such-operation":
      return adminError(isAdminPath(path) ? 400 : 404, `No admin operation matches ${method} ${path}.`);
    default:
      return adminError(400, problem.message, problem.details);
  }
};
