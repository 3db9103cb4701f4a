// Parse one AsyncAPI document (a file path) with the official parser and print what a test needs:
// the diagnostics of severity error, and each channel's address with the payload property names of
// its messages. Exit code 0 even when invalid: the test decides.
import { readFileSync } from "node:fs";
import { Parser } from "@asyncapi/parser";

const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(process.argv[2], "utf8"));
const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join(".")}: ${d.message}`);
const channels = {};
if (document) {
  for (const channel of document.channels()) {
    const fields = new Set();
    for (const message of channel.messages()) {
      const payload = message.payload();
      const collect = (schema) => {
        if (!schema) return;
        for (const name of Object.keys(schema.properties() || {})) fields.add(name);
        for (const part of [...(schema.anyOf() || []), ...(schema.oneOf() || [])]) collect(part);
        const data = (schema.properties() || {}).data;
        if (data) for (const name of Object.keys(data.properties() || {})) fields.add(`data.${name}`);
        for (const part of [...(data?.anyOf() || []), ...(data?.oneOf() || [])]) {
          for (const name of Object.keys(part.properties() || {})) fields.add(`data.${name}`);
        }
      };
      collect(payload);
    }
    channels[channel.id()] = { address: channel.address(), fields: [...fields].sort() };
  }
}
console.log(JSON.stringify({ valid: errors.length === 0 && !!document, errors, channels }));
