// The typed API client: openapi-fetch over the types generated from the gateway's merged OpenAPI
// (schema.d.ts, `make console-client`). Every call carries the in-memory access token; a token
// about to expire is refreshed first (silent refresh), so a screen never sees a stale one.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";
import { session } from "../auth/session";

export type Schemas = components["schemas"];

/** The platform's problem type for a suspended tenant's token (radiant_platform.revocation). */
const TENANT_SUSPENDED = "urn:radiant:problem:tenant-suspended";

const bearer: Middleware = {
  async onRequest({ request, schemaPath }) {
    if (schemaPath.startsWith("/api/v2/auth/console/") && !schemaPath.endsWith("/logout")) return request;
    const token = await session.freshAccessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  async onResponse({ response, schemaPath }) {
    // A refused token (an ended session, signed out elsewhere) or a suspended tenant ends the console's
    // session at once: the next screen is the sign-in page, saying why.
    if (schemaPath.startsWith("/api/v2/auth/")) return response;
    if (response.status === 401) session.ended("Your session has ended; sign in again.");
    else if (response.status === 403) {
      const problem = await response.clone().json().catch(() => null);
      if (problem?.type === TENANT_SUSPENDED) session.ended(problem.detail ?? "This tenant is suspended.");
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: "same-origin" });
api.use(bearer);
