// `node scripts/lib/wrangler-cli.mjs <args>`: the pinned wrangler CLI on Node 20 (see wrangler.mjs).
import { wranglerSync } from "./wrangler.mjs";

try {
  wranglerSync(process.argv.slice(2));
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
