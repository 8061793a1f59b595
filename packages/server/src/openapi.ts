/**
 * The OpenAPI document, generated from the routes' own schemas and served at
 * `/api/openapi.json`: a host with another backend implements the same
 * contract and the elements work unchanged.
 */
import type { ServerApp } from "./env.js";

export const DOCUMENT_PATH = "/api/openapi.json";

export function documentRoute(app: ServerApp): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "The host's sign-in token (the dev sign-in's in development).",
  });
  app.doc(DOCUMENT_PATH, {
    openapi: "3.0.3",
    info: {
      title: "creditkit",
      version: "0.1.0",
      description:
        "Account credit for class, camp and club platforms: the data-source port over HTTP. Money is always a canonical amount string; " +
        "every error is `{ code, message }`; money operations are idempotent by key; the organisation comes from the sign-in.",
    },
  });
}
