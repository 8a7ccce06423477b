import { describe, expect, it } from "vitest";
import { ReadinessFaults, type InjectedFault } from "./readiness-faults";

const plan = (overrides: Partial<Parameters<ReadinessFaults["set"]>[1]> = {}) => ({
  runId: "rdy_1",
  checkId: "payment-retries",
  expiresAt: 10_000,
  method: "POST",
  pathPrefix: "/v1/payments",
  faults: [{ kind: "unavailable" as const }, { kind: "timeout" as const, holdMs: 5 }],
  ...overrides,
});

describe("ReadinessFaults", () => {
  it("gives the app under test its planned faults in order, then lets its calls through", () => {
    const faults = new ReadinessFaults(() => 0);
    faults.set("app_a", plan());
    expect(faults.decide("app_a", "POST", "/v1/payments")).toEqual({
      fault: { kind: "unavailable" },
      marker: "unavailable; run=rdy_1; check=payment-retries",
    });
    expect((faults.decide("app_a", "POST", "/v1/payments") as InjectedFault | null)?.fault.kind).toBe("timeout");
    expect(faults.decide("app_a", "POST", "/v1/payments")).toBeNull();
  });

  it("never touches another app, nor the app's calls the plan does not match", () => {
    const faults = new ReadinessFaults(() => 0);
    faults.set("app_a", plan());
    expect(faults.decide("app_b", "POST", "/v1/payments")).toBeNull();
    expect(faults.decide("app_a", "GET", "/v1/payments")).toBeNull();
    expect(faults.decide("app_a", "POST", "/v1/customers")).toBeNull();
    // Nothing was consumed by those calls.
    expect((faults.decide("app_a", "POST", "/v1/payments") as InjectedFault | null)?.fault.kind).toBe("unavailable");
  });

  it("stops at the run's expiry without anyone clearing it", () => {
    let now = 0;
    const faults = new ReadinessFaults(() => now);
    faults.set("app_a", plan({ expiresAt: 100 }));
    now = 100;
    expect(faults.decide("app_a", "POST", "/v1/payments")).toBeNull();
    expect(faults.has("app_a")).toBe(false);
  });

  it("clears only the named run's plan", () => {
    const faults = new ReadinessFaults(() => 0);
    faults.set("app_a", plan({ runId: "rdy_2" }));
    faults.clear("app_a", "rdy_1");
    expect(faults.has("app_a")).toBe(true);
    faults.clear("app_a", "rdy_2");
    expect(faults.decide("app_a", "POST", "/v1/payments")).toBeNull();
  });

  it("does not let a caller change the plan it was given", () => {
    const faults = new ReadinessFaults(() => 0);
    const given = plan();
    faults.set("app_a", given);
    faults.decide("app_a", "POST", "/v1/payments");
    expect(given.faults).toHaveLength(2);
  });
});
