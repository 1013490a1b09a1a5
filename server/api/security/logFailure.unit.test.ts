import { describe, expect, it } from "vitest";
import { describeFailure } from "./logFailure";

describe("failure logs", () => {
  it("Given an error whose message holds user data, When described for the log, Then only its class, code and frames remain", () => {
    const error = Object.assign(new TypeError('Cannot read "card": {"number":"4111 1111 1111 1111"}'), { code: "E_BAD" });
    const line = describeFailure(error);
    expect(line).toMatch(/^TypeError \(E_BAD\) at /);
    expect(line).not.toContain("4111");
    expect(line).not.toContain("card");
  });

  it("Given something thrown that is not an Error, When described, Then only its kind is named", () => {
    expect(describeFailure("secret text")).toBe("a thrown string");
    expect(describeFailure(null)).toBe("a thrown null");
  });
});
