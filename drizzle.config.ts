import { defineConfig } from "drizzle-kit";

// Only used to generate SQL migrations into drizzle/; D1 applies them with wrangler.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/src/db/schema.ts",
  out: "./drizzle",
});
