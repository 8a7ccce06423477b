import { describe, expect, it } from "vitest";
import { registeredClientDto, toRegisteredClientDto } from "./registered-client-dto";

const row = {
  client_id: "dcr_0f3a9c",
  client_name: "Budget buddy",
  redirect_uris: ["https://tpp.example/cb"],
  token_endpoint_auth_method: "private_key_jwt",
  profile: "fapi2",
  created_at: "2026-12-05T10:00:00.000Z",
};

describe("toRegisteredClientDto", () => {
  it("passes the bank's row on as the API declares it", () => {
    const dto = toRegisteredClientDto(row);
    expect(dto).toEqual(row);
    expect(registeredClientDto.safeParse(dto).success).toBe(true);
  });

  it("reads a profile it does not know as Basic, never as FAPI 2.0", () => {
    expect(toRegisteredClientDto({ ...row, profile: "fapi3" }).profile).toBe("basic");
    expect(toRegisteredClientDto({ ...row, profile: "" }).profile).toBe("basic");
  });

  it("keeps an auth method the portal's own client does not offer (the bank's list is wider)", () => {
    const dto = toRegisteredClientDto({ ...row, token_endpoint_auth_method: "client_secret_post" });
    expect(dto.token_endpoint_auth_method).toBe("client_secret_post");
    expect(registeredClientDto.safeParse(dto).success).toBe(true);
  });

  it("reads missing or odd redirect URIs as a list of strings", () => {
    expect(toRegisteredClientDto({ ...row, redirect_uris: null }).redirect_uris).toEqual([]);
    expect(toRegisteredClientDto({ ...row, redirect_uris: ["https://a.example/cb", 7] }).redirect_uris).toEqual(["https://a.example/cb"]);
  });
});
