// The console's typed API client comes from the gateway's merged OpenAPI document (the one every
// integrator generates from): `make console-client` rewrites src/api/schema.d.ts from the running
// gateway; `--check` exits 1 when the committed file differs from what the document generates, so the
// suite catches a client that drifted from the API (the same discipline as the contracts' JSON Schemas).
//
//   node scripts/generate-client.mjs [--check] [URL or path of openapi.json]
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const TARGET = fileURLToPath(new URL("../src/api/schema.d.ts", import.meta.url));
const HEADER =
  "// Generated from the gateway's merged OpenAPI by `make console-client` (console/scripts/generate-client.mjs).\n" +
  "// Do not edit: the suite fails when this file differs from what the document generates.\n";

const args = process.argv.slice(2);
const check = args.includes("--check");
const source = args.find((a) => !a.startsWith("--")) ?? process.env.OPENAPI_URL ?? "http://127.0.0.1:8000/openapi.json";

async function loadDocument(where) {
  if (/^https?:/.test(where)) {
    const response = await fetch(where);
    if (!response.ok) throw new Error(`${where}: HTTP ${response.status}`);
    return response.json();
  }
  return JSON.parse(await readFile(where, "utf8"));
}

// The gateway merges the services' documents as they answer; one restarting is left out of that
// answer. A client generated from it would lose a service's routes, so such a document is refused.
const EVERY_SERVICE = {
  identity: "/api/v2/auth/login",
  approval: "/api/v2/admin/approvals",
  metering: "/api/v2/metering/record",
  billing: "/api/v2/billing/invoices",
  audit: "/api/v2/admin/audit",
};

const document = await loadDocument(source);
const missing = Object.entries(EVERY_SERVICE).filter(([, path]) => !(path in (document.paths ?? {})));
if (missing.length) {
  console.error(`${source} lacks ${missing.map(([s]) => s).join(", ")} (restarting?): try again once it is up`);
  process.exit(2);
}
const generated = HEADER + astToString(await openapiTS(document, { alphabetize: true, defaultNonNullable: false }));
if (check) {
  const committed = await readFile(TARGET, "utf8").catch(() => "");
  if (committed !== generated) {
    console.error(`src/api/schema.d.ts is not what ${source} generates: run \`make console-client\` and commit it`);
    process.exit(1);
  }
  console.log("src/api/schema.d.ts matches the OpenAPI document");
} else {
  await writeFile(TARGET, generated);
  console.log(`wrote src/api/schema.d.ts from ${source}`);
}
