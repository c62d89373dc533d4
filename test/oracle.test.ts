// The oracle that judges every response must itself be able to fail: each check is shown catching a fault.
import { describe, expect, test } from "vitest";
import { ContractOracle } from "./support/oracle.ts";

const oracle = await ContractOracle.load();

function response(status: number, headers: Record<string, string>, body: string) {
  return { status, headers: new Headers(headers), body };
}

const awsOk = { "content-type": "application/json", "x-amzn-RequestId": "r-1" };

describe("the contract oracle", () => {
  test("accepts a conforming response", () => {
    expect(oracle.check("customer-profiles", "DeleteProfileObject", response(200, awsOk, '{"Message":"OK"}'))).toEqual(
      [],
    );
  });

  test("flags an undocumented status", () => {
    expect(oracle.check("customer-profiles", "DeleteProfileObject", response(201, awsOk, "{}"))).toEqual([
      "status 201 is not documented for DeleteProfileObject",
    ]);
  });

  test("flags a missing required header and a header of the wrong value", () => {
    const problems = oracle.check(
      "customer-profiles",
      "DeleteProfileObject",
      response(404, { "content-type": "application/json", "x-amzn-ErrorType": "NotFound" }, '{"Message":"x"}'),
    );
    expect(problems).toContain("required header x-amzn-RequestId is missing");
    expect(problems.some((p) => p.startsWith("header x-amzn-ErrorType"))).toBe(true);
  });

  test("flags a body that breaks the schema", () => {
    const problems = oracle.check(
      "customer-profiles",
      "DeleteProfileObject",
      response(200, awsOk, '{"Message":1,"Extra":true}'),
    );
    expect(problems.length).toBe(2);
  });

  test("flags an undocumented content type and a non-JSON body", () => {
    expect(
      oracle
        .check(
          "customer-profiles",
          "DeleteProfileObject",
          response(500, { ...awsOk, "content-type": "text/html" }, "<h1>"),
        )
        .join(),
    ).toMatch(/content type text\/html is not documented/);
    expect(oracle.check("customer-profiles", "DeleteProfileObject", response(200, awsOk, "OK")).join()).toMatch(
      /body is not JSON/,
    );
  });

  test("flags a body on a response documented without one", () => {
    expect(oracle.check("access-profiles", "deleteAccessProfile", response(204, {}, "{}")).join()).toMatch(
      /documents no body/,
    );
  });

  test("flags a 429 without Retry-After, and a Retry-After that is not a number", () => {
    const body = '{"message":" Rate Limit Exceeded "}';
    expect(
      oracle.check(
        "access-profiles",
        "deleteAccessProfile",
        response(429, { "content-type": "application/json" }, body),
      ),
    ).toEqual(["required header Retry-After is missing"]);
    expect(
      oracle.check(
        "access-profiles",
        "deleteAccessProfile",
        response(429, { "content-type": "application/json", "retry-after": "soon" }, body),
      ),
    ).not.toEqual([]);
  });
});
