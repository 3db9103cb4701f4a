// The typed API client: openapi-fetch over the types generated from the gateway's merged OpenAPI
// (schema.d.ts, `make console-client`). Every call carries the in-memory access token; a token
// about to expire is refreshed first (silent refresh), so a screen never sees a stale one.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";
import { session } from "../auth/session";

export type Schemas = components["schemas"];

const bearer: Middleware = {
  async onRequest({ request, schemaPath }) {
    if (schemaPath.startsWith("/api/v2/auth/console/") && !schemaPath.endsWith("/logout")) return request;
    const token = await session.freshAccessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  async onResponse({ response, schemaPath }) {
    // A refused token (expired session, suspended tenant, signed out elsewhere) ends the console's session.
    if (response.status === 401 && !schemaPath.startsWith("/api/v2/auth/")) session.ended("Your session has ended; sign in again.");
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: "same-origin" });
api.use(bearer);
