import { describe, expect, it } from "vitest";
import { networkLabel, signInMethodLabel } from "./session-labels";

describe("session labels", () => {
  it("name the network, never more than it is", () => {
    expect(networkLabel("203.0.113.0/24")).toBe("203.0.113.0/24 network");
    expect(networkLabel("2001:db8:abcd::/48")).toBe("2001:db8:abcd::/48 network");
    expect(networkLabel("127.0.0.0/24")).toBe("This machine (loopback)");
    expect(networkLabel("0:0:0::/48")).toBe("This machine (loopback)");
    expect(networkLabel("unknown")).toBe("Unknown network");
    expect(networkLabel("")).toBe("Unknown network");
  });

  it("say how a session signed in", () => {
    expect(signInMethodLabel("password+totp")).toBe("Password and authenticator app");
    expect(signInMethodLabel("sso")).toBe("Single sign-on");
    expect(signInMethodLabel("something-new")).toBe("something-new");
  });
});
