// The admin API's errors: `{"message": …, "details": […]}` with the status its spec documents.
import type { ProblemRenderer } from "../shared/problems.ts";

type AdminStatus = 400 | 401 | 403 | 404 | 405 | 500;

export const adminError = <S extends AdminStatus>(
  status: S,
  message: string,
  details: string[] = [],
  headers: Record<string, string> = {},
) => ({
  status,
  headers,
  body: { message, details },
});

/**
 * Every problem as the admin API's documented error for it: a path it has, with another method, is
 * 405 with the methods it has in `Allow` (RFC 9110, section 15.5.6); a path it does not have is
 * not found.
 */
export const renderProblem: ProblemRenderer = (problem, { method, path }) => {
  switch (problem.kind) {
    case "invalid-response":
    case "internal":
      return adminError(500, "An internal error occurred.");
    case "no-such-operation":
      return problem.allowed?.length
        ? adminError(405, `${path} takes ${problem.allowed.join(", ")}, not ${method}.`, [], {
            Allow: problem.allowed.join(", "),
          })
        : adminError(404, `No admin operation matches ${method} ${path}.`);
    default:
      return adminError(400, problem.message, problem.details);
  }
};
