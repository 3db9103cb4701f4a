// Prints the console's initial JavaScript (every script index.html loads, and what they import
// statically), gzipped, against the 250 KB budget (DESIGN.md §8); fails the build beyond it.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const BUDGET_BYTES = 250 * 1024;
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const manifestHtml = readFileSync(join(dist, "index.html"), "utf8");
const entries = [...manifestHtml.matchAll(/<script[^>]+src="\/console\/([^"]+)"/g)].map((m) => m[1]);
const seen = new Set();
const queue = [...entries];
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file), "utf8");
  // static imports only: `import … from "./x.js"` / `import "./x.js"` (dynamic imports load later)
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+)["']/g)) {
    queue.push(join(file, "..", m[1]));
  }
}
let gzipped = 0;
for (const file of seen) gzipped += gzipSync(readFileSync(join(dist, file))).length;
const kb = (gzipped / 1024).toFixed(1);
console.log(`console: initial JavaScript ${kb} KB gzipped (${seen.size} file(s); budget 250 KB)`);
if (gzipped > BUDGET_BYTES) {
  console.error(`console: initial JavaScript is over budget (${kb} KB > 250 KB)`);
  process.exit(1);
}
