/**
 * Writes schema/routing.schema.json, the JSON Schema of the routing file, from its zod schema
 * (test/erlang/routing/model.test.ts fails when the committed file is stale).
 *
 * Run: npx tsx scripts/gen-routing-schema.ts
 */
import { writeFileSync } from "node:fs";
import { routingJsonSchema } from "../src/erlang/index.ts";

writeFileSync("schema/routing.schema.json", `${JSON.stringify(routingJsonSchema(), null, 2)}\n`);
