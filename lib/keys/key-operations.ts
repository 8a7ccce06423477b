import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, list, resourceId, text } from "@/lib/portal-api/schemas";
import { keyDto } from "./key-dto";
import { createKeyInput, rollKeyInput } from "./key-input";

const keyParams = appParams.extend({ keyId: resourceId.describe("The key's id (`key_…`)") });

/** A new key and its secret: the only answer that ever carries it. */
const keyWithSecret = z.object({
  key: keyDto,
  secret: text(200).describe("The key itself (`sk_sandbox_…`). Shown once: only its HMAC is stored."),
});

export const listKeysOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/keys",
  operationId: "listKeys",
  tag: "Keys",
  summary: "List an app's keys",
  description: "Newest first; working keys before expired and revoked ones. Never includes a secret.",
  access: { app: "app:read" },
  params: appParams,
  success: { status: 200, description: "The app's keys.", schema: list(keyDto, 1000) },
});

export const createKeyOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/keys",
  operationId: "createKey",
  stepUp: true,
  tag: "Keys",
  summary: "Create a key",
  description: "The secret is in this response only: store it now.",
  access: { app: "key:create" },
  params: appParams,
  body: createKeyInput,
  success: { status: 201, description: "The key and its secret.", schema: keyWithSecret },
});

export const revokeKeyOperation = defineOperation({
  method: "DELETE",
  path: "/api/apps/{appId}/keys/{keyId}",
  operationId: "revokeKey",
  stepUp: true,
  tag: "Keys",
  summary: "Revoke a key",
  description: "At once: the next gateway call with it answers 401 `revoked_api_key`.",
  access: { app: "key:revoke" },
  params: keyParams,
  success: { status: 200, description: "The revoked key.", schema: keyDto },
});

export const rollKeyOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/keys/{keyId}/roll",
  operationId: "rollKey",
  stepUp: true,
  tag: "Keys",
  summary: "Roll a key",
  description:
    "A new key now; the old one works until `old_key.expires_at` (the overlap you choose, 0 to 7 days), then answers 401 `expired_api_key`.",
  access: { app: "key:roll" },
  params: keyParams,
  body: rollKeyInput,
  errors: ["conflict"],
  success: {
    status: 201,
    description: "The new key, its secret, and the old key with its new expiry.",
    schema: keyWithSecret.extend({ old_key: keyDto }),
  },
});

/** A key the signed-in developer may call the sandbox with, for the docs' key picker. */
const usableKey = z.object({ id: resourceId, name: text(60), prefix: text(40), app_id: resourceId, app_name: text(100) });

export const listUsableKeysOperation = defineOperation({
  method: "GET",
  path: "/api/keys",
  operationId: "listUsableKeys",
  tag: "Keys",
  summary: "List the keys you can call the sandbox with",
  description: "Every active key of every app whose team lets you use keys (`key:use`), for the interactive docs.",
  access: "session",
  success: { status: 200, description: "Usable keys, grouped by app.", schema: list(usableKey, 1000) },
});

export const keyOperations = [listKeysOperation, createKeyOperation, revokeKeyOperation, rollKeyOperation, listUsableKeysOperation];
