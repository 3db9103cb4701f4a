// A service's events (/docs/asyncapi/<service>, where each service's /asyncapi sends its readers):
// the AsyncAPI React component's standalone bundle from the console's own build (no CDN), over the
// service's document as the gateway relays it. A separate entry point, outside the initial bundle.
// Its parser validates with Ajv, which compiles validators at run time: this page alone is served
// with 'unsafe-eval' (radiant_gateway.docs) — still no inline script, nothing from another origin.
import AsyncApiStandalone from "@asyncapi/react-component/browser/standalone/index.js";
import "@asyncapi/react-component/styles/default.min.css";
import "./docs.css";

const PREFIX = "/docs/asyncapi/";
// the services that publish or consume events (the gateway has no Kafka side)
const SERVICES = ["identity", "approval", "metering", "billing", "audit"];

const service = decodeURIComponent(window.location.pathname.slice(PREFIX.length).replace(/\/+$/, ""));
const nav = document.getElementById("services")!;
const list = document.createElement("ul");
for (const name of SERVICES) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = PREFIX + name;
  link.textContent = name;
  if (name === service) link.setAttribute("aria-current", "page");
  item.append(link);
  list.append(item);
}
nav.append(list);

const root = document.getElementById("asyncapi")!;
document.title = `Radiant ${service} events`;
AsyncApiStandalone.render(
  {
    schema: { url: `${PREFIX}${service}/asyncapi.json` },
    config: { show: { sidebar: true, errors: true }, sidebar: { showOperations: "byDefault" } },
  },
  root,
);
