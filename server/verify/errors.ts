// The verifier's one error: a run that cannot be made, as opposed to a target that fails its cases.

/** A problem with the run itself rather than the target's answers: exit status 2. */
export class VerifyConfigError extends Error {
  override readonly name = "VerifyConfigError";
}
